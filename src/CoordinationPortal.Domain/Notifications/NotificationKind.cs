namespace CoordinationPortal.Domain.Notifications;

/// <summary>What a notification is about; each kind has its own words (a resource key) and its own audience.</summary>
public enum NotificationKind
{
    ReportSubmitted = 1,
    ReportResubmitted = 2,
    ReportReturned = 3,
    ReportApproved = 4,
    ReportReopened = 5,

    // Scheduled reminders to a province-branch whose report for an open quarter is not submitted.
    DeadlineApproaching = 10,
    DueToday = 11,
    Overdue = 12,

    // The Monday summary to leadership and central officers.
    WeeklyDigest = 20,

    // A province asks the centre for more time on a locked (or nearly locked) quarter.
    ExtensionRequested = 30,
    ExtensionGranted = 31,
    ExtensionDeclined = 32,
}

/// <summary>Which e-mails a person may turn off: reminders and the digest; news about their own work always goes.</summary>
public enum EmailChoice
{
    Always = 0,
    Reminders = 1,
    Digest = 2,
}

public static class NotificationKinds
{
    /// <summary>The account setting that decides whether this kind is also e-mailed.</summary>
    public static EmailChoice EmailChoiceOf(NotificationKind kind) => kind switch
    {
        NotificationKind.DeadlineApproaching or NotificationKind.DueToday or NotificationKind.Overdue => EmailChoice.Reminders,
        NotificationKind.WeeklyDigest => EmailChoice.Digest,
        _ => EmailChoice.Always,
    };
}
