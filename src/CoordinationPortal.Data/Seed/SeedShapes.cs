namespace CoordinationPortal.Data.Seed;

/// <summary>Which of the two agencies a seeded line belongs to (resolved to ids at seed time).</summary>
internal enum AgencyKind
{
    Vwu,
    Cema,
}

/// <summary>How the plan assigns an activity: both jointly, VWU leading with CEMA supporting, or per task.</summary>
internal enum RoleKind
{
    Joint,
    VwuLeads,
    PerTask,
}

internal sealed record TaskText(string Text, AgencyKind? LeadAgency = null);

internal sealed record StatementText(AgencyKind Agency, string Text);

internal sealed record ActivityText(
    string Title,
    string EnglishTitle,
    int FirstQuarter,
    int LastQuarter,
    int? ExpectedMonth,
    string ScheduleText,
    RoleKind Roles,
    string? Content,
    string? Form,
    TaskText[] Tasks,
    StatementText[] Statements);

internal sealed record SignatoryText(AgencyKind Agency, string AgencyHeading, string AuthorityLine, string TitleLine, string FullName);
