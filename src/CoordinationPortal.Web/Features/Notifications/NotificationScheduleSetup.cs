using CoordinationPortal.Web.Infrastructure.Scheduling;

namespace CoordinationPortal.Web.Features.Notifications;

public static class NotificationScheduleSetup
{
    /// <summary>The scheduled notifications (reminders, weekly digest) on the persisted schedule (ADR 0043).</summary>
    public static IServiceCollection AddScheduledNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>()
            .Bind(configuration.GetSection(NotificationOptions.Section))
            .Validate(o => o.DaysBefore.All(d => d is >= 1 and <= 90), "Notifications:ReminderDaysBefore must be whole days from 1 to 90.")
            .ValidateOnStart();
        services.AddScoped<IScheduledJob, ReminderJob>();
        services.AddScoped<IScheduledJob, WeeklyDigestJob>();
        return services;
    }
}
