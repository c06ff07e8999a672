namespace CoordinationPortal.Web.Infrastructure.Scheduling;

/// <summary>The "Schedule" configuration section: how the persisted schedule is driven (ADR 0043).</summary>
public sealed class ScheduleOptions
{
    public const string Section = "Schedule";

    /// <summary>Run due jobs in the background while the app runs; tests turn it off and call the runner.</summary>
    public bool Background { get; set; } = true;

    /// <summary>How often the background service looks for a due job.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a claimed run holds its job; a run that crashed is taken again after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(10);
}
