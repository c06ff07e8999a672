using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Web.Features.Progress;
using CoordinationPortal.Web.Features.Provinces;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using CoordinationPortal.Web.Infrastructure.Forms;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.ReportWorkbooks;

/// <summary>The upload page: the report, and why the last file was refused (if it was).</summary>
public sealed record ImportUploadPage(ReportHeader Header, string? Error = null);

/// <summary>One line of the preview: the fields and indicator values the file changes (old, new); none when unchanged.</summary>
public sealed record LinePreview(int ActivityId, int Number, string Title, IReadOnlyList<ChangedField> Fields, IReadOnlyList<ChangedField> Values)
{
    public bool Unchanged => Fields.Count == 0 && Values.Count == 0;
}

/// <summary>What an uploaded file would change in the draft, its problems first; nothing of it is stored.</summary>
public sealed record ImportPreview(ReportHeader Header, IReadOnlyList<WorkbookProblem> Problems, IReadOnlyList<LinePreview> Lines, ReportForm Form, bool CanConfirm, bool Foreign)
{
    public int ChangedLines => Lines.Count(l => !l.Unchanged);

    public int ChangedValues => Lines.Sum(l => l.Values.Count);

    public bool HasChanges => ChangedLines > 0;

    /// <summary>At most this many problems are listed: a file pasted full of stray rows would otherwise list hundreds of the same message.</summary>
    public const int MostProblemsShown = 50;

    /// <summary>The problems listed, those of a whole sheet or file first (they explain the rest), then by cell.</summary>
    public IReadOnlyList<WorkbookProblem> ShownProblems =>
        [.. Problems.Where(p => p.Cell is null).Concat(Problems.Where(p => p.Cell is not null)).Take(MostProblemsShown)];

    /// <summary>The confirmation is offered: no problem other than an older file, and something to save.</summary>
    public bool Confirmable => CanConfirm && HasChanges;
}

/// <summary>
/// Reads for the workbook import. The report is read through the report form's own read
/// (<see cref="ReportQueries.EditPageAsync"/>), so the upload is refused for exactly the callers and
/// states the form refuses, and compared with exactly what the form would show.
/// </summary>
public sealed class ReportImportQueries(ReportQueries reports, ProvinceDirectory provinces, ReportWorkbookReader reader, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>The upload page; refused as the edit page is (another branch's report, a submitted one, a locked quarter).</summary>
    public async Task<(ImportUploadPage? Page, Refusal? Refusal)> UploadPageAsync(Actor actor, int id, CancellationToken cancellationToken)
    {
        var (page, refusal) = await reports.EditPageAsync(actor, id, form: null, conflict: null, cancellationToken);
        return page is null ? (null, refusal) : (new ImportUploadPage(page.Header), null);
    }

    /// <summary>The report a file is read against, as it is now; refused as the edit page is, before any file is read.</summary>
    public async Task<(ReportHeader? Header, ImportTarget? Target, Refusal? Refusal)> TargetAsync(Actor actor, int id, CancellationToken cancellationToken)
    {
        var (page, refusal) = await reports.EditPageAsync(actor, id, form: null, conflict: null, cancellationToken);
        if (page is null)
        {
            return (null, null, refusal);
        }

        var current = page.Form;
        foreach (var line in page.Lines)
        {
            current.Lines.TryAdd(line.ActivityId, new LineForm());
        }

        var lines = page.Lines.Select(l => new ImportLine(l.ActivityId, l.ActivityNumber, l.ActivityTitle, l.Indicators)).ToList();
        return (page.Header, new ImportTarget(page.Header.Id, page.Header.Version, page.Header.Quarter, current, lines), null);
    }

    /// <summary>Reads the opened file against the report and compares it, line by line and value by value, with the current draft.</summary>
    public async Task<ImportPreview> PreviewAsync(ReportHeader header, ImportTarget target, UploadedWorkbook workbook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(workbook);
        var catalog = await provinces.LoadAsync(cancellationToken);
        string? ProvinceName(string code, Quarter quarter) =>
            catalog.All.FirstOrDefault(p => p.Code == code && p.IsValidOn(quarter.LastDay))?.NameOn(quarter.LastDay);

        var reading = reader.Read(workbook.Document, target, ProvinceName);
        var lines = reading.Foreign ? [] : target.Lines.Select(line => Compare(line, target.Current.Lines[line.ActivityId], reading.Form.Lines[line.ActivityId])).ToList();
        return new ImportPreview(header, reading.Problems, lines, reading.Form, reading.CanConfirm, reading.Foreign);
    }

    private LinePreview Compare(ImportLine line, LineForm before, LineForm after)
    {
        var fields = new List<ChangedField>();
        void Field(string key, string? old, string? @new)
        {
            if (Stored(old) != Stored(@new))
            {
                fields.Add(new ChangedField(localizer[key], Stored(old), Stored(@new)));
            }
        }

        Field("Progress.Status", StatusLabel(before.Status), StatusLabel(after.Status));
        Field("Report.Results", before.Results, after.Results);
        Field("Report.NoResultsReason", before.NoResultsReason, after.NoResultsReason);
        Field("Report.Difficulties", before.Difficulties, after.Difficulties);
        Field("Report.Proposals", before.Proposals, after.Proposals);

        var values = new List<ChangedField>();
        foreach (var indicator in line.Indicators)
        {
            var old = Figure(before.Values.GetValueOrDefault(indicator.Id));
            var @new = Figure(after.Values.GetValueOrDefault(indicator.Id));
            if (old != @new)
            {
                values.Add(new ChangedField(Display.English && indicator.EnglishName is { } english ? english : indicator.Name, old, @new));
            }
        }

        return new LinePreview(line.ActivityId, line.Number, line.Title, fields, values);
    }

    private string? StatusLabel(ActivityStatus? status) => status is { } s ? localizer["Status." + s].Value : null;

    /// <summary>Text as the report would store it: cleaned, trimmed, blank as none.</summary>
    private static string? Stored(string? text) => string.IsNullOrWhiteSpace(PlainText.Clean(text)) ? null : PlainText.Clean(text)!.Trim();

    private static string? Figure(string? text) => WholeNumberText.TryParse(text, out var value) ? WholeNumberText.Format(value) : Stored(text);
}
