using Microsoft.AspNetCore.Mvc;

namespace CoordinationPortal.Web.Features;

/// <summary>
/// Names of the routes pages link and redirect to, and helpers that build their addresses from
/// the route table: a route that moves is one edit in its controller's attribute, not a hunt for
/// string literals in views and redirects.
/// </summary>
public static class RouteNames
{
    public const string Home = "home";
    public const string Dashboard = "dashboard";
    public const string Report = "report";
    public const string ReportEdit = "report-edit";

    /// <summary>The report's workbook to fill offline (issue 15); named as the design of issue 15 names it.</summary>
    public const string ReportWorkbook = "ReportWorkbook";
    public const string MyReports = "my-reports";
    public const string ReviewQueue = "review-queue";
    public const string BulkApprove = "bulk-approve";
    public const string Activity = "activity";
    public const string ProgressNew = "progress-new";
    public const string ProgressEdit = "progress-edit";
    public const string Calendar = "admin-calendar";
    public const string Indicators = "admin-indicators";
    public const string ActivityIndicators = "admin-activity-indicators";
    public const string Provinces = "admin-provinces";
    public const string ProvinceEdit = "admin-province-edit";
    public const string ProvinceMoves = "admin-province-moves";
    public const string Plans = "plans";
    public const string Plan = "plan";
    public const string NewPlan = "plan-new";
    public const string NewProgramme = "programme-new";
    public const string PlanEditHeader = "plan-edit-header";
    public const string PlanEditText = "plan-edit-text";
    public const string PlanEditOrganisation = "plan-edit-organisation";
    public const string PlanEditActivities = "plan-edit-activities";
    public const string ActivityEdit = "activity-edit";
    public const string PlanPublish = "plan-publish";
    public const string Notifications = "notifications";
    public const string NotificationOpen = "notification-open";
    public const string Extensions = "extensions";
    public const string Extension = "extension";
    public const string ExtensionAsk = "extension-ask";

    /// <summary>Upload a filled report workbook: its preview, then the confirmation.</summary>
    public const string ReportImport = "ReportImport";
    public const string ReportImportConfirm = "ReportImportConfirm";
}

/// <summary>Addresses of the named routes, for links in views and redirects in controllers.</summary>
public static class Routes
{
    public static string Home(this IUrlHelper url) => Build(url, RouteNames.Home, null, null);

    /// <summary>The reader's notifications, on <paramref name="page"/> (or the first).</summary>
    public static string Notifications(this IUrlHelper url, int? page = null) => Build(url, RouteNames.Notifications, new { page = page > 1 ? page : null }, null);

    /// <summary>Opens one notification: marks it read and goes to its page.</summary>
    public static string NotificationOpen(this IUrlHelper url, long id) => Build(url, RouteNames.NotificationOpen, new { id }, null);

    public static string Report(this IUrlHelper url, int id, string? fragment = null) => Build(url, RouteNames.Report, new { id }, fragment);

    public static string ReportEdit(this IUrlHelper url, int id, string? fragment = null) => Build(url, RouteNames.ReportEdit, new { id }, fragment);

    public static string ReportWorkbook(this IUrlHelper url, int id) => Build(url, RouteNames.ReportWorkbook, new { id }, null);

    public static string MyReports(this IUrlHelper url, int? planId = null) => Build(url, RouteNames.MyReports, new { planId }, null);

    public static string ReviewQueue(this IUrlHelper url) => Build(url, RouteNames.ReviewQueue, null, null);

    /// <summary>The review queue as <paramref name="filter"/> shows it, on <paramref name="page"/> (or its first).</summary>
    public static string ReviewQueue(this IUrlHelper url, Reports.QueueFilter filter, int? page = null) =>
        WithQuery(Build(url, RouteNames.ReviewQueue, null, null), filter?.ToQuery(page) ?? string.Empty);

    /// <summary>A report opened from the review queue: it keeps the queue's filters for "previous / next" and the way back.</summary>
    public static string ReportInQueue(this IUrlHelper url, int id, Reports.QueueFilter filter) =>
        WithQuery(Build(url, RouteNames.Report, new { id }, null), $"from={Reports.QueueLinks.FromQueue}&{filter?.ToQuery() ?? string.Empty}".TrimEnd('&'));

    public static string BulkApprove(this IUrlHelper url) => Build(url, RouteNames.BulkApprove, null, null);

    public static string Activity(this IUrlHelper url, int id, string? fragment = null) => Build(url, RouteNames.Activity, new { id }, fragment);

    public static string ProgressNew(this IUrlHelper url, int activityId) => Build(url, RouteNames.ProgressNew, new { id = activityId }, null);

    public static string ProgressEdit(this IUrlHelper url, int id, string? fragment = null) => Build(url, RouteNames.ProgressEdit, new { id }, fragment);

    public static string Calendar(this IUrlHelper url, int planId, string? fragment = null) => Build(url, RouteNames.Calendar, new { planId }, fragment);

    public static string Indicators(this IUrlHelper url, int? planId = null, string? fragment = null) => Build(url, RouteNames.Indicators, new { planId }, fragment);

    public static string ActivityIndicators(this IUrlHelper url, int activityId, string? fragment = null) => Build(url, RouteNames.ActivityIndicators, new { id = activityId }, fragment);

    public static string Provinces(this IUrlHelper url, Provinces.ProvinceListShow? show = null, string? fragment = null) =>
        Build(url, RouteNames.Provinces, new { show = show?.ToString() }, fragment);

    public static string ProvinceEdit(this IUrlHelper url, int id) => Build(url, RouteNames.ProvinceEdit, new { id }, null);

    public static string ProvinceMoves(this IUrlHelper url) => Build(url, RouteNames.ProvinceMoves, null, null);

    public static string Plans(this IUrlHelper url) => Build(url, RouteNames.Plans, null, null);

    public static string Plan(this IUrlHelper url, int id, string? fragment = null) => Build(url, RouteNames.Plan, new { id }, fragment);

    public static string NewPlan(this IUrlHelper url, PlanEditing.PlanStart? start = null, int? sourcePlanId = null, int? year = null) =>
        Build(url, RouteNames.NewPlan, new { start = start?.ToString(), sourcePlanId, year }, null);

    public static string NewProgramme(this IUrlHelper url, int? forYear = null, PlanEditing.PlanStart? start = null, int? sourcePlanId = null) =>
        Build(url, RouteNames.NewProgramme, new { forYear, start = start?.ToString(), sourcePlanId }, null);

    public static string PlanEditHeader(this IUrlHelper url, int id) => Build(url, RouteNames.PlanEditHeader, new { id }, null);

    public static string PlanEditText(this IUrlHelper url, int id, string? fragment = null) => Build(url, RouteNames.PlanEditText, new { id }, fragment);

    public static string PlanEditOrganisation(this IUrlHelper url, int id, string? fragment = null) => Build(url, RouteNames.PlanEditOrganisation, new { id }, fragment);

    public static string PlanEditActivities(this IUrlHelper url, int id, string? fragment = null) => Build(url, RouteNames.PlanEditActivities, new { id }, fragment);

    public static string ActivityEdit(this IUrlHelper url, int id, string? fragment = null) => Build(url, RouteNames.ActivityEdit, new { id }, fragment);

    public static string PlanPublish(this IUrlHelper url, int id) => Build(url, RouteNames.PlanPublish, new { id }, null);

    /// <summary>Extension requests the caller may read; deciders see the pending ones first.</summary>
    public static string Extensions(this IUrlHelper url) => Build(url, RouteNames.Extensions, null, null);

    public static string Extension(this IUrlHelper url, int id, string? fragment = null) => Build(url, RouteNames.Extension, new { id }, fragment);

    /// <summary>The form on which a province-branch asks for more time on a quarter of a plan.</summary>
    public static string ExtensionAsk(this IUrlHelper url, int planId, Domain.Calendar.Quarter quarter) => Build(url, RouteNames.ExtensionAsk, new { planId, quarter = quarter.Key }, null);

    /// <summary>The page to upload a filled report workbook for the report.</summary>
    public static string ReportImport(this IUrlHelper url, int id) => Build(url, RouteNames.ReportImport, new { id }, null);

    public static string ReportImportConfirm(this IUrlHelper url, int id) => Build(url, RouteNames.ReportImportConfirm, new { id }, null);

    private static string WithQuery(string path, string query) => query.Length == 0 ? path : $"{path}?{query}";

    private static string Build(IUrlHelper url, string route, object? values, string? fragment)
    {
        ArgumentNullException.ThrowIfNull(url);
        var path = url.RouteUrl(route, values) ?? throw new InvalidOperationException($"No route named {route}.");
        return fragment is null ? path : $"{path}#{fragment}";
    }
}
