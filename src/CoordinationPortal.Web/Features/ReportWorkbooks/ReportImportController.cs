using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.ReportWorkbooks;

/// <summary>
/// "Tải lên từ Excel": the upload page, the preview of what a filled workbook would change (nothing
/// stored, the file not kept), and the confirmation, which saves the draft through the report
/// form's own save (<see cref="ReportCommands.SaveAsync"/>: same guard, audit and concurrency).
/// </summary>
public sealed class ReportImportController(
    ReportImportQueries queries,
    ReportQueries reports,
    ReportCommands commands,
    Notifier notifier,
    IStringLocalizer<SharedResource> localizer) : Controller
{
    /// <summary>A request a little over the file limit (the multipart envelope and the token); anything larger is refused unread.</summary>
    public const long MaxRequestBytes = WorkbookFormat.Limits.MaxFileBytes + (64 * 1024);

    [HttpGet("/reports/{id:int}/import", Name = RouteNames.ReportImport)]
    public async Task<IActionResult> Upload([FromRoute] int id)
    {
        var (page, refusal) = await queries.UploadPageAsync(User.ToActor()!, id, HttpContext.RequestAborted);
        return page is null ? this.Answer(refusal!, notifier, Url.Report(id)) : View("Upload", page);
    }

    [HttpPost("/reports/{id:int}/import")]
    [RefuseLargeUpload]
    [RequestSizeLimit(MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    public async Task<IActionResult> Upload([FromRoute] int id, IFormFile? file)
    {
        // Whether the caller may write this report now is asked before a byte of the file is read.
        var (header, target, refusal) = await queries.TargetAsync(User.ToActor()!, id, HttpContext.RequestAborted);
        if (refusal is not null)
        {
            return this.Answer(refusal, notifier, Url.Report(id));
        }

        if (file is null || file.Length == 0)
        {
            return UploadAgain(header!, localizer["Import.Refused.Empty"]);
        }

        if (file.Length > WorkbookFormat.Limits.MaxFileBytes)
        {
            return UploadAgain(header!, localizer["Import.Refused.TooLarge", WorkbookFormat.Limits.MaxFileBytes / (1024 * 1024)]);
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, HttpContext.RequestAborted);
        }

        var (workbook, refusalKey, arguments) = UploadedWorkbook.Open(bytes);
        if (workbook is null)
        {
            return UploadAgain(header!, localizer[refusalKey!, arguments]);
        }

        using (workbook)
        {
            try
            {
                return View("Preview", await queries.PreviewAsync(header!, target!, workbook, HttpContext.RequestAborted));
            }
            catch (Exception broken) when (broken is System.Xml.XmlException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or InvalidDataException or IOException or InvalidOperationException or FormatException)
            {
                // A part that opened but cannot be read (XML cut short, a cell that breaks the schema): the file's fault, said as such.
                return UploadAgain(header!, localizer["Import.Refused.Unreadable"]);
            }
        }
    }

    /// <summary>
    /// Saves what the preview showed as the draft, exactly as "Lưu nháp" does: never submits; a file
    /// made from an older version that differs from the draft now is the form's conflict comparison
    /// (409); the same content twice (a double click) writes once.
    /// </summary>
    [HttpPost("/reports/{id:int}/import/confirm", Name = RouteNames.ReportImportConfirm)]
    public async Task<IActionResult> Confirm([FromRoute] int id, [FromForm] ReportForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        form.Intent = null;
        form.Confirmed = false;
        var result = await commands.SaveAsync(Caller(), id, form, FieldErrors.From(ModelState), HttpContext.RequestAborted);
        if (result.Refusal is { } refusal)
        {
            switch (refusal.Kind)
            {
                case RefusalKind.Conflict:
                    ModelState.Clear();
                    Response.StatusCode = StatusCodes.Status409Conflict;
                    return View(EditView, await reports.ConflictPageAsync(User.ToActor()!, (QuarterlyReport)refusal.Current!, form, HttpContext.RequestAborted));
                case RefusalKind.Invalid:
                    refusal.FieldErrors.AddTo(ModelState);
                    Response.StatusCode = StatusCodes.Status400BadRequest;
                    return View(EditView, (await reports.EditPageAsync(User.ToActor()!, id, form, conflict: null, HttpContext.RequestAborted)).Page);
                default:
                    return this.Answer(refusal, notifier, Url.Report(id));
            }
        }

        notifier.Success("Import.Saved");
        return Redirect(Url.ReportEdit(id));
    }

    /// <summary>The report form, shown with the file's content and the comparison or its errors.</summary>
    private const string EditView = "/Features/Reports/Edit.cshtml";

    private ViewResult UploadAgain(ReportHeader header, string error)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Upload", new ImportUploadPage(header, error));
    }

    private Caller Caller() => new(User.ToActor()!, User.UserId()!, User.DisplayName());

    /// <summary>
    /// A request larger than the limit gets the 400 page naming the limit before anything reads its
    /// body (antiforgery would, and fail without saying why). Browsers always send the length of a form.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method)]
    private sealed class RefuseLargeUploadAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
    {
        public int Order => 500; // before the size limits (900) and antiforgery (1000)

        public void OnAuthorization(AuthorizationFilterContext context)
        {
            if (context.HttpContext.Request.ContentLength > MaxRequestBytes)
            {
                var localizer = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                context.Result = BadInputFilter.Page(context.HttpContext, [localizer["Import.Refused.TooLarge", WorkbookFormat.Limits.MaxFileBytes / (1024 * 1024)]], context);
            }
        }
    }
}
