using CoordinationPortal.Web.Features.Plans;

namespace CoordinationPortal.Web.Features;

public static class FeatureRegistration
{
    /// <summary>The read-side query classes each feature's controller uses.</summary>
    public static IServiceCollection AddPortalFeatures(this IServiceCollection services)
    {
        services.AddScoped<PlanQueries>();
        return services;
    }
}
