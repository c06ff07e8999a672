namespace CoordinationPortal.Domain.Progress;

/// <summary>Where an activity (or one agency's part in it) stands.</summary>
public enum ActivityStatus
{
    NotStarted = 1,
    OnTrack = 2,
    AtRisk = 3,
    Delayed = 4,
    Completed = 5,
    Cancelled = 6,
}

public static class ActivityStatusRules
{
    /// <summary>How much attention a status needs, for "the most serious wins": delayed first.</summary>
    public static int Seriousness(this ActivityStatus status) => status switch
    {
        ActivityStatus.Delayed => 4,
        ActivityStatus.AtRisk => 3,
        ActivityStatus.OnTrack => 2,
        ActivityStatus.NotStarted => 1,
        _ => 0, // completed and cancelled need none
    };

    public static bool IsFinal(this ActivityStatus status) => status is ActivityStatus.Completed or ActivityStatus.Cancelled;

    public static bool NeedsAttention(this ActivityStatus status) => status is ActivityStatus.AtRisk or ActivityStatus.Delayed;
}
