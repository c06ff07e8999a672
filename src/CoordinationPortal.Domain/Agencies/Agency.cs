using CoordinationPortal.Domain.Common;

namespace CoordinationPortal.Domain.Agencies;

/// <summary>
/// One of the two signatory agencies. Its name has a history (CEMA became a ministry on
/// 01/03/2025), so pages ask for the name valid on the date they are about.
/// </summary>
public sealed class Agency
{
    private readonly List<AgencyName> _names = [];

    public Agency(string code, AgencyName firstName)
    {
        Code = Guard.Text(code, AgencyCodes.MaxLength, "Agency code").ToUpperInvariant();
        ArgumentNullException.ThrowIfNull(firstName);
        _names.Add(firstName);
    }

    private Agency()
    {
        Code = string.Empty;
    }

    public int Id { get; private set; }

    public string Code { get; private set; }

    public IReadOnlyList<AgencyName> Names => _names;

    public AgencyName CurrentName => _names.MaxBy(n => n.ValidFrom ?? DateOnly.MinValue)!;

    /// <summary>
    /// The name valid on <paramref name="date"/>. Before the first recorded name, the first name
    /// is the best answer we have.
    /// </summary>
    public AgencyName NameOn(DateOnly date) =>
        _names.FirstOrDefault(n => n.Validity.Contains(date))
        ?? _names.MinBy(n => n.ValidFrom ?? DateOnly.MinValue)!;

    /// <summary>Records a new name from <paramref name="newName"/>'s ValidFrom; the current name ends the day before.</summary>
    public void Rename(AgencyName newName)
    {
        ArgumentNullException.ThrowIfNull(newName);
        if (newName.ValidFrom is not { } from)
        {
            throw new DomainRuleException("A new agency name needs the date it takes effect.");
        }

        var current = CurrentName;
        if (current.ValidFrom is { } currentFrom && from <= currentFrom)
        {
            throw new DomainRuleException($"The new name must take effect after {currentFrom:dd/MM/yyyy}.");
        }

        current.EndOn(from.AddDays(-1));
        _names.Add(newName);
    }
}
