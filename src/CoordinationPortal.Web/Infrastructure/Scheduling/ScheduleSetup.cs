namespace CoordinationPortal.Web.Infrastructure.Scheduling;

public static class ScheduleSetup
{
    /// <summary>The persisted schedule (ADR 0043): its runner, and the service that drives it unless <c>Schedule:Background</c> is false.</summary>
    public static IServiceCollection AddPortalSchedule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ScheduleOptions>()
            .Bind(configuration.GetSection(ScheduleOptions.Section))
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.Lease > TimeSpan.Zero, "Schedule:PollInterval and Schedule:Lease must be positive.")
            .ValidateOnStart();
        services.AddSingleton<ScheduleRunner>();
        services.AddHostedService<ScheduleService>();
        return services;
    }
}
