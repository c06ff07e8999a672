using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Web.Features.Progress;
using CoordinationPortal.Web.Features.Provinces;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure.Commands;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.ReportWorkbooks;

/// <summary>What a report workbook holds: the draft as its form shows it, with the indicators' targets.</summary>
public sealed record ReportWorkbook(
    int ReportId,
    int Version,
    int PlanId,
    string PlanNumber,
    Quarter Quarter,
    string ProvinceCode,
    string ProvinceName,
    string AgencyCode,
    IReadOnlyList<WorkbookLine> Lines);

public sealed record WorkbookLine(
    int ActivityId,
    int ActivityNumber,
    string ActivityTitle,
    ActivityStatus? Status,
    string? Results,
    string? NoResultsReason,
    string? Difficulties,
    string? Proposals,
    IReadOnlyList<WorkbookIndicator> Indicators);

/// <summary>An indicator input of a line: the form's field, its target for the province (else the national one), and the draft's value.</summary>
public sealed record WorkbookIndicator(IndicatorField Field, long? Target, long? Value);

/// <summary>
/// Reads a report for its workbook through the report form's own read
/// (<see cref="ReportQueries.EditPageAsync"/>): the same write guard and refusal, the same lines and
/// indicator inputs, the same draft values, so the workbook cannot offer what the form would not.
/// Only the targets and the province's code are read here.
/// </summary>
public sealed class ReportWorkbookQueries(ReportQueries reports, PortalDbContext db, ProvinceDirectory provinces)
{
    public async Task<Result<ReportWorkbook>> GetAsync(Actor actor, int reportId, CancellationToken cancellationToken)
    {
        var (page, refusal) = await reports.EditPageAsync(actor, reportId, form: null, conflict: null, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var header = page!.Header;
        var provinceId = await db.QuarterlyReports.AsNoTracking().Where(r => r.Id == reportId).Select(r => r.ProvinceId).SingleAsync(cancellationToken);
        var indicatorIds = page.Lines.SelectMany(l => l.Indicators).Select(i => i.Id).ToList();
        var targets = await db.Indicators.AsNoTracking()
            .Where(i => indicatorIds.Contains(i.Id))
            .Select(i => new { i.Id, National = i.Target, Province = i.ProvinceTargets.Where(t => t.ProvinceId == provinceId).Select(t => (long?)t.Value).FirstOrDefault() })
            .ToDictionaryAsync(i => i.Id, i => i.Province ?? i.National, cancellationToken);
        var catalog = await provinces.LoadAsync(cancellationToken);

        var lines = new List<WorkbookLine>(page.Lines.Count);
        foreach (var line in page.Lines)
        {
            var typed = page.Form.Lines.GetValueOrDefault(line.ActivityId) ?? new LineForm();
            lines.Add(new WorkbookLine(
                line.ActivityId,
                line.ActivityNumber,
                line.ActivityTitle,
                typed.Status,
                typed.Results,
                typed.NoResultsReason,
                typed.Difficulties,
                typed.Proposals,
                [.. line.Indicators.Select(field => new WorkbookIndicator(
                    field,
                    targets.GetValueOrDefault(field.Id),
                    IndicatorInput.TryParse(typed.Values.GetValueOrDefault(field.Id), out var value) ? value : null))]));
        }

        return Result.Done(new ReportWorkbook(
            header.Id,
            header.Version,
            header.PlanId,
            header.PlanNumber,
            header.Quarter,
            catalog[provinceId].Code,
            header.ProvinceName,
            header.AgencyCode,
            lines));
    }
}
