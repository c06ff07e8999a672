using CoordinationPortal.Web.Features.Admin;
using CoordinationPortal.Web.Features.Audit;
using CoordinationPortal.Web.Features.Dashboard;
using CoordinationPortal.Web.Features.Evidence;
using CoordinationPortal.Web.Features.Exports;
using CoordinationPortal.Web.Features.Progress;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Features.Plans;

namespace CoordinationPortal.Web.Features;

public static class FeatureRegistration
{
    /// <summary>The read-side query classes each feature's controller uses.</summary>
    public static IServiceCollection AddPortalFeatures(this IServiceCollection services)
    {
        services.AddScoped<PlanQueries>();
        services.AddScoped<UserQueries>();
        services.AddScoped<AccountAdministration>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<EvidenceService>();
        services.AddScoped<ProgressQueries>();
        services.AddScoped<ReportService>();
        services.AddScoped<ReportQueries>();
        services.AddScoped<DashboardQueries>();
        services.AddScoped<ResultsReportQueries>();
        return services;
    }
}
