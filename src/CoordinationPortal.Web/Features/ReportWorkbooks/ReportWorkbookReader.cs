using System.Globalization;
using System.Text;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Progress;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Forms;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.ReportWorkbooks;

/// <summary>
/// Something in an uploaded file that the portal will not take as it is, with where it is
/// ("Báo cáo!D7"). <see cref="Blocking"/> problems keep the officer from confirming; a file older
/// than the draft is only a warning (confirming then meets the conflict comparison).
/// </summary>
public sealed record WorkbookProblem(string Sheet, string? Cell, string Message, bool Blocking = true)
{
    public string Place => Cell is null ? Sheet : $"{Sheet}!{Cell}";

    public override string ToString() => $"{Place}: {Message}";
}

/// <summary>A line of the report the file must match: its activity and the indicators its form offers.</summary>
public sealed record ImportLine(int ActivityId, int Number, string Title, IReadOnlyList<IndicatorField> Indicators);

/// <summary>The report an upload is read against, as it stands now (the current draft is <see cref="Current"/>).</summary>
public sealed record ImportTarget(int ReportId, int Version, Quarter Quarter, ReportForm Current, IReadOnlyList<ImportLine> Lines);

/// <summary>What a file says, as the report form would post it, with the file's hidden keys and every problem found.</summary>
public sealed record WorkbookReading(ReportForm Form, IReadOnlyDictionary<string, string> Keys, IReadOnlyList<WorkbookProblem> Problems)
{
    /// <summary>Nothing stands in the way of saving (a file older than the draft may still be confirmed, through the conflict).</summary>
    public bool CanConfirm => Problems.All(p => !p.Blocking);

    /// <summary>The file does not belong to this report (or is not our template): nothing of it is compared or shown.</summary>
    public bool Foreign { get; init; }
}

/// <summary>
/// Reads a report workbook of format 1 (<see cref="WorkbookFormat"/>) against the report it was
/// uploaded to: never evaluating a formula, never trusting an id in it, taking text and figures by
/// the same rules as the report form (<see cref="PlainText"/>, <see cref="WholeNumberText"/>, the
/// status labels of either language). Every problem is collected with its cell, in the reader's language.
/// </summary>
public sealed class ReportWorkbookReader(IStringLocalizer<SharedResource> localizer)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <param name="provinceName">The name of a province by its code in a quarter, to say whose report a wrong file is; null when unknown.</param>
    public WorkbookReading Read(SpreadsheetDocument document, ImportTarget target, Func<string, Quarter, string?> provinceName)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(provinceName);
        var problems = new List<WorkbookProblem>();
        var form = Copy(target.Current);
        var workbook = document.WorkbookPart!;
        var shared = SheetCells.SharedStrings(workbook);

        var keys = ReadKeys(workbook, shared);
        if (Identity(keys, target, provinceName, form) is { } refusal)
        {
            return new WorkbookReading(Copy(target.Current), keys, [refusal]) { Foreign = true };
        }

        if (form.Version < target.Version)
        {
            problems.Add(new WorkbookProblem(WorkbookFormat.PortalSheet, null, localizer["Import.Problem.Older", form.Version, target.Version], Blocking: false));
        }

        ReadLines(workbook, shared, target, form, problems);
        ReadIndicators(workbook, shared, target, form, problems);
        return new WorkbookReading(form, keys, problems);
    }

    /// <summary>The "_portal" sheet's keys (column A) and values (column B), found by key wherever the rows are.</summary>
    private static Dictionary<string, string> ReadKeys(WorkbookPart workbook, IReadOnlyList<string> shared)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        if (SheetCells.FindSheet(workbook, WorkbookFormat.PortalSheet) is not { } part)
        {
            return keys;
        }

        foreach (var (_, cells) in SheetCells.Read(part, shared, 2, WorkbookFormat.MaxRowsRead).Rows)
        {
            if (cells.GetValueOrDefault(1).Text?.Trim() is { Length: > 0 } key && cells.GetValueOrDefault(2) is { Kind: CellKind.Text or CellKind.Number, Text: { } value })
            {
                keys.TryAdd(key, value.Trim());
            }
        }

        return keys;
    }

    /// <summary>Whether the file is our template, of this report and quarter; sets the form's version to the file's.</summary>
    private WorkbookProblem? Identity(Dictionary<string, string> keys, ImportTarget target, Func<string, Quarter, string?> provinceName, ReportForm form)
    {
        var sheet = WorkbookFormat.PortalSheet;
        if (!keys.TryGetValue(WorkbookFormat.Keys.Format, out var format)
            || !keys.TryGetValue(WorkbookFormat.Keys.ReportId, out var reportText)
            || !int.TryParse(reportText, NumberStyles.None, Invariant, out var reportId)
            || !keys.TryGetValue(WorkbookFormat.Keys.Version, out var versionText)
            || !int.TryParse(versionText, NumberStyles.None, Invariant, out var version))
        {
            return new WorkbookProblem(WorkbookFormat.LinesSheet, null, localizer["Import.Problem.NotOurTemplate"]);
        }

        if (format != WorkbookFormat.Version.ToString(Invariant))
        {
            return new WorkbookProblem(sheet, null, localizer["Import.Problem.FormatUnknown", format, WorkbookFormat.Version]);
        }

        Quarter? fileQuarter = keys.TryGetValue(WorkbookFormat.Keys.Quarter, out var quarterText)
            && int.TryParse(quarterText, NumberStyles.None, Invariant, out var key) && Quarter.TryFromKey(key, out var q) ? q : null;
        if (reportId != target.ReportId)
        {
            // Say whose report the file names (a quarter and a province), never what it holds.
            var named = fileQuarter is { } fq && keys.TryGetValue(WorkbookFormat.Keys.ProvinceCode, out var code) && provinceName(code, fq) is { } province
                ? $"{localizer.Quarter(fq)}, {province}"
                : fileQuarter is { } only ? localizer.Quarter(only) : localizer["Import.UnknownReport"].Value;
            return new WorkbookProblem(sheet, null, localizer["Import.Problem.OtherReport", named]);
        }

        if (fileQuarter != target.Quarter)
        {
            return new WorkbookProblem(sheet, null, localizer["Import.Problem.OtherQuarter", fileQuarter is { } fq2 ? localizer.Quarter(fq2) : "?", localizer.Quarter(target.Quarter)]);
        }

        form.Version = version;
        return null;
    }

    private void ReadLines(WorkbookPart workbook, IReadOnlyList<string> shared, ImportTarget target, ReportForm form, List<WorkbookProblem> problems)
    {
        var sheet = WorkbookFormat.LinesSheet;
        if (SheetCells.FindSheet(workbook, sheet) is not { } part)
        {
            problems.Add(new WorkbookProblem(sheet, null, localizer["Import.Problem.SheetMissing", sheet]));
            return;
        }

        var statuses = StatusLabels();
        var lines = target.Lines.ToDictionary(l => l.ActivityId);
        var seen = new HashSet<int>();
        var read = SheetCells.Read(part, shared, WorkbookFormat.Lines.LastColumn, WorkbookFormat.MaxRowsRead);
        foreach (var (row, cells) in read.Rows)
        {
            var editable = Enumerable.Range(WorkbookFormat.Lines.Status, WorkbookFormat.Lines.LastColumn - WorkbookFormat.Lines.Status + 1);
            if (RowLine(sheet, row, cells.GetValueOrDefault(WorkbookFormat.Lines.ActivityId), editable.Any(c => !cells.GetValueOrDefault(c).IsEmpty), lines, problems) is not { } line)
            {
                continue;
            }

            if (!seen.Add(line.ActivityId))
            {
                problems.Add(new WorkbookProblem(sheet, WorkbookFormat.CellReference(row, WorkbookFormat.Lines.ActivityId), localizer["Import.Problem.Duplicate", line.Number]));
                continue;
            }

            var typed = form.Lines[line.ActivityId];
            typed.Status = Status(sheet, row, cells.GetValueOrDefault(WorkbookFormat.Lines.Status), statuses, problems);
            typed.Results = Text(sheet, row, WorkbookFormat.Lines.Results, cells, "Report.Results", ReportLine.MaxTextLength, problems);
            typed.NoResultsReason = Text(sheet, row, WorkbookFormat.Lines.NoResultsReason, cells, "Report.NoResultsReason", ReportLine.MaxReasonLength, problems);
            typed.Difficulties = Text(sheet, row, WorkbookFormat.Lines.Difficulties, cells, "Report.Difficulties", ReportLine.MaxTextLength, problems);
            typed.Proposals = Text(sheet, row, WorkbookFormat.Lines.Proposals, cells, "Report.Proposals", ReportLine.MaxTextLength, problems);
        }

        if (read.TooMany)
        {
            problems.Add(new WorkbookProblem(sheet, null, localizer["Import.Problem.TooManyRows", WorkbookFormat.MaxRowsRead]));
            return; // the rows past the limit were not read: "missing" lines would be noise
        }

        foreach (var line in target.Lines.Where(l => !seen.Contains(l.ActivityId)))
        {
            problems.Add(new WorkbookProblem(sheet, null, localizer["Import.Problem.LineMissing", line.Number]));
        }
    }

    private void ReadIndicators(WorkbookPart workbook, IReadOnlyList<string> shared, ImportTarget target, ReportForm form, List<WorkbookProblem> problems)
    {
        var sheet = WorkbookFormat.IndicatorsSheet;
        if (SheetCells.FindSheet(workbook, sheet) is not { } part)
        {
            if (target.Lines.Any(l => l.Indicators.Count > 0))
            {
                problems.Add(new WorkbookProblem(sheet, null, localizer["Import.Problem.SheetMissing", sheet]));
            }

            return;
        }

        var lines = target.Lines.ToDictionary(l => l.ActivityId);
        var seen = new HashSet<(int, int)>();
        var read = SheetCells.Read(part, shared, WorkbookFormat.Indicators.LastColumn, WorkbookFormat.MaxRowsRead);
        foreach (var (row, cells) in read.Rows)
        {
            var value = cells.GetValueOrDefault(WorkbookFormat.Indicators.Value);
            if (RowLine(sheet, row, cells.GetValueOrDefault(WorkbookFormat.Indicators.ActivityId), !value.IsEmpty, lines, problems) is not { } line)
            {
                continue;
            }

            var idCell = cells.GetValueOrDefault(WorkbookFormat.Indicators.IndicatorId);
            var field = WholeId(idCell) is { } indicatorId ? line.Indicators.FirstOrDefault(i => i.Id == indicatorId) : null;
            if (field is null)
            {
                problems.Add(new WorkbookProblem(sheet, WorkbookFormat.CellReference(row, WorkbookFormat.Indicators.IndicatorId), localizer["Import.Problem.NotAnIndicator", idCell.Text ?? string.Empty, line.Number]));
                continue;
            }

            if (!seen.Add((line.ActivityId, field.Id)))
            {
                problems.Add(new WorkbookProblem(sheet, WorkbookFormat.CellReference(row, WorkbookFormat.Indicators.IndicatorId), localizer["Import.Problem.DuplicateIndicator", field.Name]));
                continue;
            }

            var values = form.Lines[line.ActivityId].Values;
            var cell = WorkbookFormat.CellReference(row, WorkbookFormat.Indicators.Value);
            switch (Number(value, out var number))
            {
                case NumberReading.Empty:
                    values.Remove(field.Id);
                    break;
                case NumberReading.Whole:
                    values[field.Id] = IndicatorInput.Format(number);
                    break;
                case NumberReading.Formula:
                    problems.Add(new WorkbookProblem(sheet, cell, localizer["Import.Problem.Formula"]));
                    break;
                case NumberReading.OutOfRange:
                    problems.Add(new WorkbookProblem(sheet, cell, localizer["Import.Problem.NumberRange", Shown(value.Text), IndicatorInput.Format(IndicatorValue.MaxValue)]));
                    break;
                default:
                    problems.Add(new WorkbookProblem(sheet, cell, localizer["Import.Problem.NotANumber", Shown(value.Text)]));
                    break;
            }
        }

        if (read.TooMany)
        {
            problems.Add(new WorkbookProblem(sheet, null, localizer["Import.Problem.TooManyRows", WorkbookFormat.MaxRowsRead]));
        }
    }

    /// <summary>
    /// The report line a data row is about, by the id in its first column. Rows without an id and
    /// without anything typed (titles, headers, blank rows) are passed over; an id that is no line of
    /// this report, or something typed on a row without an id, is a problem.
    /// </summary>
    private ImportLine? RowLine(string sheet, int row, CellText idCell, bool typed, Dictionary<int, ImportLine> lines, List<WorkbookProblem> problems)
    {
        var where = WorkbookFormat.CellReference(row, 1);
        if (WholeId(idCell) is { } id)
        {
            if (lines.TryGetValue(id, out var line))
            {
                return line;
            }

            problems.Add(new WorkbookProblem(sheet, where, localizer["Import.Problem.NotALine", idCell.Text ?? string.Empty]));
            return null;
        }

        if (row >= WorkbookFormat.FirstDataRow && typed && (idCell.IsEmpty || idCell.Kind is CellKind.Number))
        {
            problems.Add(new WorkbookProblem(sheet, where, localizer["Import.Problem.NoId"]));
        }

        return null;
    }

    /// <summary>A positive whole id, from a number cell or digits typed as text.</summary>
    private static int? WholeId(CellText cell) =>
        cell.Kind is CellKind.Number or CellKind.Text
        && decimal.TryParse(cell.Text?.Trim(), NumberStyles.Float, Invariant, out var number)
        && number == decimal.Truncate(number) && number is > 0 and <= int.MaxValue
            ? (int)number
            : null;

    private ActivityStatus? Status(string sheet, int row, CellText cell, Dictionary<string, ActivityStatus> statuses, List<WorkbookProblem> problems)
    {
        var where = WorkbookFormat.CellReference(row, WorkbookFormat.Lines.Status);
        if (cell.Kind == CellKind.Formula)
        {
            problems.Add(new WorkbookProblem(sheet, where, localizer["Import.Problem.Formula"]));
            return null;
        }

        var text = Normalized(cell.Text);
        if (text.Length == 0)
        {
            return null;
        }

        if (statuses.TryGetValue(text, out var status))
        {
            return status;
        }

        var choices = string.Join(", ", Enum.GetValues<ActivityStatus>().Select(s => localizer["Status." + s].Value));
        problems.Add(new WorkbookProblem(sheet, where, localizer["Import.Problem.UnknownStatus", Shown(cell.Text), choices]));
        return null;
    }

    /// <summary>The labels of every status in Vietnamese and English, as the form and the template's list show them.</summary>
    private Dictionary<string, ActivityStatus> StatusLabels()
    {
        var labels = new Dictionary<string, ActivityStatus>(StringComparer.OrdinalIgnoreCase);
        var before = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var culture in new[] { LocalizationSetup.Vietnamese, LocalizationSetup.English })
            {
                CultureInfo.CurrentUICulture = culture;
                foreach (var status in Enum.GetValues<ActivityStatus>())
                {
                    labels.TryAdd(Normalized(localizer["Status." + status].Value), status);
                }
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }

        return labels;
    }

    private string? Text(string sheet, int row, int column, IReadOnlyDictionary<int, CellText> cells, string labelKey, int maxLength, List<WorkbookProblem> problems)
    {
        var cell = cells.GetValueOrDefault(column);
        if (cell.Kind == CellKind.Formula)
        {
            problems.Add(new WorkbookProblem(sheet, WorkbookFormat.CellReference(row, column), localizer["Import.Problem.Formula"]));
            return null;
        }

        var text = PlainText.Clean(cell.Text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (text.Length > maxLength)
        {
            problems.Add(new WorkbookProblem(sheet, WorkbookFormat.CellReference(row, column), localizer["Import.Problem.TooLong", localizer[labelKey], text.Length, maxLength]));
        }

        return text;
    }

    private enum NumberReading
    {
        Empty,
        Whole,
        Formula,
        OutOfRange,
        NotANumber,
    }

    /// <summary>A figure from a number cell (whole, within range) or typed as text the way the form takes it ("1.234", "1 234").</summary>
    private static NumberReading Number(CellText cell, out long value)
    {
        value = 0;
        if (cell.Kind == CellKind.Formula)
        {
            return NumberReading.Formula;
        }

        var text = cell.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return NumberReading.Empty;
        }

        if (cell.Kind == CellKind.Number)
        {
            if (!double.TryParse(text, NumberStyles.Float, Invariant, out var number) || double.IsNaN(number) || double.IsInfinity(number))
            {
                return NumberReading.NotANumber;
            }

            if (number < 0 || number > IndicatorValue.MaxValue || number != Math.Floor(number))
            {
                return NumberReading.OutOfRange;
            }

            value = (long)number;
            return NumberReading.Whole;
        }

        if (cell.Kind == CellKind.Text && WholeNumberText.TryParse(text, out value))
        {
            return NumberReading.Whole;
        }

        // Typed as text: a figure with decimals, a sign or too large is said as such; anything else is not a number.
        return cell.Kind == CellKind.Text
            && (decimal.TryParse(text, NumberStyles.Number, LocalizationSetup.FormatCulture, out _) || decimal.TryParse(text, NumberStyles.Float, Invariant, out _))
            ? NumberReading.OutOfRange
            : NumberReading.NotANumber;
    }

    private static string Normalized(string? text) => (text ?? string.Empty).Trim().Normalize(NormalizationForm.FormC);

    /// <summary>What was typed, short enough to quote in a message.</summary>
    private static string Shown(string? text) => Display.Shorten(PlainText.Clean(text)?.Trim(), 60) ?? string.Empty;

    /// <summary>A deep copy: the file's values are written over it, the current draft stays as it was for the comparison.</summary>
    public static ReportForm Copy(ReportForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new ReportForm
        {
            Version = form.Version,
            Reply = form.Reply,
            LineReplies = new Dictionary<int, string?>(form.LineReplies),
            Lines = form.Lines.ToDictionary(p => p.Key, p => new LineForm
            {
                Status = p.Value.Status,
                Results = p.Value.Results,
                NoResultsReason = p.Value.NoResultsReason,
                Difficulties = p.Value.Difficulties,
                Proposals = p.Value.Proposals,
                Values = new Dictionary<int, string?>(p.Value.Values),
            }),
        };
    }
}
