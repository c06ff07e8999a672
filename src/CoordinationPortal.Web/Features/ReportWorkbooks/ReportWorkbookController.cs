using System.Globalization;
using CoordinationPortal.Web.Features.Audit;
using CoordinationPortal.Web.Features.Exports;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.ReportWorkbooks;

/// <summary>
/// The workbook of a report, to fill offline (issue 15). Only for a caller who may write the report
/// now, refused exactly as its edit page is; audited as an export before it is sent (ADR 0028).
/// </summary>
public sealed class ReportWorkbookController(
    ReportWorkbookQueries queries,
    DownloadAudit audit,
    Notifier notifier,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : Controller
{
    [HttpGet("/reports/{id:int}/workbook.xlsx", Name = RouteNames.ReportWorkbook)]
    public async Task<IActionResult> Download([FromRoute] int id)
    {
        var read = await queries.GetAsync(User.ToActor()!, id, HttpContext.RequestAborted);
        if (read.Refusal is { } refusal)
        {
            return this.Answer(refusal, notifier, Url.Report(id));
        }

        var report = read.Value!;
        var bytes = ReportWorkbookWriter.Write(report, localizer, clock.GetUtcNow().UtcDateTime);
        var invariant = CultureInfo.InvariantCulture;
        await audit.ExportAsync("report-workbook", string.Join("; ",
            $"report: {report.ReportId.ToString(invariant)}",
            $"version: {report.Version.ToString(invariant)}",
            $"province: {report.ProvinceCode}",
            $"agency: {report.AgencyCode}",
            $"quarter: {report.Quarter}"), HttpContext.RequestAborted);
        return File(bytes, XlsxBuilder.ContentType, ReportWorkbookWriter.FileName(report));
    }
}
