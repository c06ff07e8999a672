using System.Globalization;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Exports;
using CoordinationPortal.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.ReportWorkbooks;

/// <summary>
/// Writes a report as a workbook of format 1 (<see cref="WorkbookFormat"/>): a sheet of lines, a
/// sheet of indicator values, and a very hidden sheet naming the report and version it was made from.
/// Labels and instructions are in the language of the request, from the texts the report form uses.
/// </summary>
public static class ReportWorkbookWriter
{
    /// <summary>The name the status list's validation points at: a range on the hidden sheet.</summary>
    public const string StatusListName = "PortalStatuses";

    public static byte[] Write(ReportWorkbook report, IStringLocalizer localizer, DateTime madeAtUtc)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(localizer);
        var statuses = Enum.GetValues<ActivityStatus>().Select(s => localizer["Status." + s].Value).ToList();
        var title = localizer["Workbook.Title", localizer.Quarter(report.Quarter), report.PlanNumber].Value;
        var subtitle = $"{report.ProvinceName} – {localizer["Branch." + report.AgencyCode].Value}";
        var xlsx = new XlsxBuilder();

        var lines = xlsx.AddSheet(
            WorkbookFormat.LinesSheet,
            title,
            [
                localizer["Workbook.LineId"], localizer["Workbook.Number"], localizer["Workbook.Activity"], localizer["Progress.Status"],
                localizer["Report.Results"], localizer["Report.NoResultsReason"], localizer["Report.Difficulties"], localizer["Report.Proposals"],
            ],
            [10, 5, 40, 18, 45, 30, 30, 30])
            .Note(subtitle)
            .Note(localizer["Workbook.Instructions"])
            .Hide(WorkbookFormat.Lines.ActivityId)
            .Editable(WorkbookFormat.Lines.Status)
            .Editable(WorkbookFormat.Lines.Results)
            .Editable(WorkbookFormat.Lines.NoResultsReason)
            .Editable(WorkbookFormat.Lines.Difficulties)
            .Editable(WorkbookFormat.Lines.Proposals)
            .ListIn(WorkbookFormat.Lines.Status, StatusListName, localizer["Workbook.StatusErrorTitle"], localizer["Workbook.StatusError"])
            .Protect();
        foreach (var (column, limit) in new[]
        {
            (WorkbookFormat.Lines.Results, ReportLine.MaxTextLength),
            (WorkbookFormat.Lines.NoResultsReason, ReportLine.MaxReasonLength),
            (WorkbookFormat.Lines.Difficulties, ReportLine.MaxTextLength),
            (WorkbookFormat.Lines.Proposals, ReportLine.MaxTextLength),
        })
        {
            lines.TextUpTo(column, limit, localizer["Workbook.TooLongTitle"], localizer["Workbook.TooLong", limit]);
        }

        foreach (var line in report.Lines)
        {
            lines.Add(line.ActivityId, line.ActivityNumber, line.ActivityTitle, line.Status is { } status ? localizer["Status." + status].Value : null, line.Results, line.NoResultsReason, line.Difficulties, line.Proposals);
        }

        var indicators = xlsx.AddSheet(
            WorkbookFormat.IndicatorsSheet,
            title,
            [
                localizer["Workbook.LineId"], localizer["Workbook.IndicatorId"], localizer["Workbook.ActivityNumber"], localizer["Workbook.Indicator"],
                localizer["Workbook.Unit"], localizer["Workbook.Target"], localizer["Workbook.Value"],
            ],
            [10, 10, 6, 60, 14, 16, 18])
            .Note(subtitle)
            .Note(localizer["Workbook.IndicatorInstructions"])
            .Hide(WorkbookFormat.Indicators.ActivityId, WorkbookFormat.Indicators.IndicatorId)
            .Editable(WorkbookFormat.Indicators.Value, numbers: true)
            .WholeNumbersIn(WorkbookFormat.Indicators.Value, 0, IndicatorValue.MaxValue, localizer["Workbook.NumberErrorTitle"], localizer["Workbook.NumberError"])
            .Protect();
        foreach (var line in report.Lines)
        {
            foreach (var indicator in line.Indicators)
            {
                var field = indicator.Field;
                var name = Display.English && field.EnglishName is not null ? field.EnglishName : field.Name;
                indicators.Add(line.ActivityId, field.Id, line.ActivityNumber, name, localizer["Unit." + field.Unit].Value, indicator.Target, indicator.Value);
            }
        }

        if (indicators.RowCount == 0)
        {
            indicators.Add(null, null, null, localizer["Workbook.NoIndicators"].Value);
        }

        var invariant = CultureInfo.InvariantCulture;
        var portal = xlsx.AddPlainSheet(WorkbookFormat.PortalSheet, [16, 40]).VeryHidden().Protect();
        portal
            .Add(WorkbookFormat.Keys.Format, WorkbookFormat.Version.ToString(invariant))
            .Add(WorkbookFormat.Keys.ReportId, report.ReportId.ToString(invariant))
            .Add(WorkbookFormat.Keys.Version, report.Version.ToString(invariant))
            .Add(WorkbookFormat.Keys.Quarter, report.Quarter.Key.ToString(invariant))
            .Add(WorkbookFormat.Keys.PlanId, report.PlanId.ToString(invariant))
            .Add(WorkbookFormat.Keys.ProvinceCode, report.ProvinceCode)
            .Add(WorkbookFormat.Keys.Agency, report.AgencyCode)
            .Add(WorkbookFormat.Keys.MadeAt, madeAtUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", invariant))
            .SkipTo(WorkbookFormat.StatusLabelsFirstRow);
        foreach (var label in statuses)
        {
            portal.Add(label);
        }

        var first = WorkbookFormat.StatusLabelsFirstRow;
        xlsx.DefineName(StatusListName, $"'{WorkbookFormat.PortalSheet}'!$A${first}:$A${first + statuses.Count - 1}");
        return xlsx.Build();
    }

    /// <summary>bao-cao-02-vwu-q2-2024.xlsx: the province's code, the branch, the quarter.</summary>
    public static string FileName(ReportWorkbook report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return string.Create(CultureInfo.InvariantCulture, $"bao-cao-{report.ProvinceCode}-{report.AgencyCode.ToLowerInvariant()}-q{report.Quarter.Number}-{report.Quarter.Year}.xlsx");
    }
}
