using CoordinationPortal.Web.Features.Account;
using CoordinationPortal.Web.Features.Admin;
using CoordinationPortal.Web.Features.Audit;
using CoordinationPortal.Web.Features.Dashboard;
using CoordinationPortal.Web.Features.Evidence;
using CoordinationPortal.Web.Features.Exports;
using CoordinationPortal.Web.Features.Progress;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Features.PlanEditing;
using CoordinationPortal.Web.Features.Plans;
using CoordinationPortal.Web.Features.Provinces;

using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Forms;

namespace CoordinationPortal.Web.Features;

public static class FeatureRegistration
{
    /// <summary>Each feature's reads (*Queries), its one write path per record (*Commands), and the rules they share.</summary>
    public static IServiceCollection AddPortalFeatures(this IServiceCollection services)
    {
        services.AddScoped<Notifier>();
        services.AddScoped<FormTokens>();

        services.AddScoped<ProvinceDirectory>();
        services.AddScoped<ProvinceQueries>();
        services.AddScoped<ProvinceCommands>();
        services.AddScoped<PlanQueries>();
        services.AddScoped<PlanChoices>();
        services.AddScoped<PlanReference>();
        services.AddScoped<PlanEditingQueries>();
        services.AddScoped<PlanCommands>();
        services.AddScoped<ActivityCommands>();
        services.AddScoped<SignInCommands>();
        services.AddScoped<UserQueries>();
        services.AddScoped<AccountAdministration>();
        services.AddScoped<Account.SessionCommands>();
        services.AddScoped<Account.AccountSettingsCommands>();
        services.AddScoped<Admin.EmailQueries>();
        services.AddScoped<Account.SessionQueries>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<AuditDescriber>();
        services.AddScoped<DownloadAudit>();
        services.AddScoped<EvidenceQueries>();
        services.AddScoped<EvidenceCommands>();
        services.AddScoped<ProgressQueries>();
        services.AddScoped<ProgressCommands>();
        services.AddScoped<ReportingWindows>();
        services.AddScoped<ReportWriteGuard>();
        services.AddScoped<ReportQueries>();
        services.AddScoped<ReportCommands>();
        services.AddScoped<ReportWorkbooks.ReportWorkbookQueries>();
        services.AddScoped<Notifications.NotificationWriter>();
        services.AddScoped<Notifications.NotificationEmails>();
        services.AddScoped<Notifications.ReportNotifications>();
        services.AddScoped<Notifications.NotificationQueries>();
        services.AddScoped<Notifications.NotificationCommands>();
        services.AddScoped<CalendarCommands>();
        services.AddScoped<ExemptionGrants>();
        services.AddOptions<Extensions.ExtensionOptions>().BindConfiguration(Extensions.ExtensionOptions.Section);
        services.AddScoped<Extensions.ExtensionQueries>();
        services.AddScoped<Extensions.ExtensionCommands>();
        services.AddScoped<Extensions.ExtensionNotifications>();
        services.AddScoped<IndicatorQueries>();
        services.AddScoped<IndicatorCommands>();
        services.AddScoped<DashboardQueries>();
        services.AddScoped<YearsQueries>();
        services.AddScoped<ResultsReportQueries>();
        services.AddScoped<Home.HomeQueries>();
        services.AddScoped<ReportWorkbooks.ReportWorkbookReader>();
        services.AddScoped<ReportWorkbooks.ReportImportQueries>();
        return services;
    }
}
