using CoordinationPortal.Domain.Common;

namespace CoordinationPortal.Domain.Plans;

/// <summary>The multi-year coordination programme (Chương trình phối hợp) that yearly plans implement.</summary>
public sealed class CoordinationProgramme
{
    public const int MaxNumberLength = 50;
    public const int MaxTitleLength = 500;

    public CoordinationProgramme(string number, DateOnly signedOn, int firstYear, int lastYear, string title)
    {
        if (lastYear < firstYear)
        {
            throw new DomainRuleException($"A programme cannot end ({lastYear}) before it starts ({firstYear}).");
        }

        Number = Guard.Text(number, MaxNumberLength, "Programme number");
        SignedOn = signedOn;
        FirstYear = firstYear;
        LastYear = lastYear;
        Title = Guard.Text(title, MaxTitleLength, "Programme title");
    }

    private CoordinationProgramme()
    {
        Number = string.Empty;
        Title = string.Empty;
    }

    public int Id { get; private set; }

    /// <summary>"1541/CTPH-UBDT-HLHPN".</summary>
    public string Number { get; private set; }

    public DateOnly SignedOn { get; private set; }

    public int FirstYear { get; private set; }

    public int LastYear { get; private set; }

    public string Title { get; private set; }

    public bool Covers(int year) => year >= FirstYear && year <= LastYear;
}
