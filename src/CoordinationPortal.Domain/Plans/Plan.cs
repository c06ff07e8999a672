using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;

namespace CoordinationPortal.Domain.Plans;

/// <summary>A yearly implementation plan (Kế hoạch) of the coordination programme.</summary>
public sealed class Plan
{
    public const int MaxNumberLength = 50;
    public const int MaxPlaceLength = 100;
    public const int MaxTitleLength = 500;
    public const int MaxTextLength = 4000;

    private readonly List<Activity> _activities = [];
    private readonly List<PlanPurpose> _purposes = [];
    private readonly List<AgencyDuty> _duties = [];
    private readonly List<Signatory> _signatories = [];
    private readonly List<PlanRecipient> _recipients = [];

    public Plan(CoordinationProgramme programme, int year, string number, DateOnly issuedOn, string place, string title)
    {
        ArgumentNullException.ThrowIfNull(programme);
        if (!programme.Covers(year))
        {
            throw new DomainRuleException($"Programme {programme.Number} does not cover {year}.");
        }

        if (issuedOn.Year != year && issuedOn.Year != year - 1)
        {
            throw new DomainRuleException($"A plan for {year} cannot be issued on {issuedOn:dd/MM/yyyy}.");
        }

        Programme = programme;
        Year = year;
        Number = Guard.Text(number, MaxNumberLength, "Plan number");
        IssuedOn = issuedOn;
        Place = Guard.Text(place, MaxPlaceLength, "Place of issue");
        Title = Guard.Text(title, MaxTitleLength, "Plan title");
        Preamble = string.Empty;
        FundingText = string.Empty;
    }

    private Plan()
    {
        Programme = null!;
        Number = string.Empty;
        Place = string.Empty;
        Title = string.Empty;
        Preamble = string.Empty;
        FundingText = string.Empty;
    }

    public int Id { get; private set; }

    public int ProgrammeId { get; private set; }

    public CoordinationProgramme Programme { get; private set; }

    public int Year { get; private set; }

    /// <summary>"468/KH-HLHPNVN-UBDT".</summary>
    public string Number { get; private set; }

    public DateOnly IssuedOn { get; private set; }

    /// <summary>"Hà Nội": the place in the date line.</summary>
    public string Place { get; private set; }

    public string Title { get; private set; }

    /// <summary>The opening paragraph that cites the programme.</summary>
    public string Preamble { get; private set; }

    /// <summary>Section III ("Kinh phí thực hiện").</summary>
    public string FundingText { get; private set; }

    public IReadOnlyList<Activity> Activities => _activities;

    public IReadOnlyList<PlanPurpose> Purposes => _purposes;

    public IReadOnlyList<AgencyDuty> Duties => _duties;

    public IReadOnlyList<Signatory> Signatories => _signatories;

    public IReadOnlyList<PlanRecipient> Recipients => _recipients;

    public void SetText(string preamble, string fundingText)
    {
        Preamble = Guard.Text(preamble, MaxTextLength, "Preamble");
        FundingText = Guard.Text(fundingText, MaxTextLength, "Funding text");
    }

    public void AddPurpose(string text) => _purposes.Add(new PlanPurpose(_purposes.Count + 1, text));

    /// <summary>Adds a duty of section IV; duties are numbered through the section, in the plan's order.</summary>
    public void AddDuty(int agencyId, string text) => _duties.Add(new AgencyDuty(agencyId, _duties.Count + 1, text));

    public void AddSignatory(int agencyId, string agencyHeading, string? authorityLine, string titleLine, string fullName) =>
        _signatories.Add(new Signatory(_signatories.Count + 1, agencyId, agencyHeading, authorityLine, titleLine, fullName));

    public void AddRecipient(string text) => _recipients.Add(new PlanRecipient(_recipients.Count + 1, text));

    /// <summary>Adds the next numbered activity; its window must lie within the plan's year.</summary>
    public Activity AddActivity(string title, QuarterWindow window, string scheduleText)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.First.Year != Year || window.Last.Year != Year)
        {
            throw new DomainRuleException($"An activity of the {Year} plan must fall within {Year} (got {window.First}-{window.Last}).");
        }

        var activity = new Activity(_activities.Count + 1, title, window, scheduleText);
        _activities.Add(activity);
        return activity;
    }
}
