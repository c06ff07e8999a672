namespace CoordinationPortal.Domain.Notifications;

/// <summary>What a notification is about; each kind has its own words (a resource key) and its own audience.</summary>
public enum NotificationKind
{
    ReportSubmitted = 1,
    ReportResubmitted = 2,
    ReportReturned = 3,
    ReportApproved = 4,
    ReportReopened = 5,
}

