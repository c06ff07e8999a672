namespace CoordinationPortal.Web.Features.Notifications;

/// <summary>The "Notifications" configuration section: when reminders and the weekly digest go out (Vietnam time).</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    public static readonly IReadOnlyList<int> DefaultReminderDaysBefore = [7, 1];

    /// <summary>
    /// Days before the due date on which "deadline approaching" is sent; empty means the default
    /// (7 and 1). Null by default because the binder adds configured items to a preset array.
    /// </summary>
    public int[]? ReminderDaysBefore { get; set; }

    /// <summary>The time of day (Vietnam) the daily reminders go out.</summary>
    public TimeOnly ReminderTime { get; set; } = new(7, 0);

    public DayOfWeek DigestDay { get; set; } = DayOfWeek.Monday;

    /// <summary>The time (Vietnam) the weekly digest goes out on <see cref="DigestDay"/>.</summary>
    public TimeOnly DigestTime { get; set; } = new(8, 0);

    public IReadOnlyList<int> DaysBefore => ReminderDaysBefore is { Length: > 0 } days ? days : DefaultReminderDaysBefore;
}
