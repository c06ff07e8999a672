using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Domain.Provinces;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Evidence;
using CoordinationPortal.Web.Features.Plans;
using CoordinationPortal.Web.Features.Progress;
using CoordinationPortal.Web.Features.Provinces;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Reports;

/// <summary>
/// Reads for the report pages. Which reports a caller sees is <see cref="ReportScope"/>'s rule,
/// never repeated here; each page costs a fixed number of queries whatever its number of lines.
/// </summary>
public sealed class ReportQueries(
    PortalDbContext db,
    ReportWriteGuard guard,
    EvidenceQueries evidence,
    PlanChoices planChoices,
    PlanReference reference,
    ProvinceDirectory provinces,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider clock)
{
    public const int PageSize = 50;

    /// <summary>The read-only report with what the caller may do next; refused when the caller may not read it.</summary>
    public async Task<Result<ReportPage>> PageAsync(Actor actor, int id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var report = await db.QuarterlyReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null)
        {
            return Refusal.NotFound;
        }

        if (!Permissions.CanReadReport(actor, report))
        {
            return Refusal.Forbidden;
        }

        var canEdit = await guard.RefusalAsync(actor, report, cancellationToken) is null;
        var activities = await db.Activities.AsNoTracking().Where(a => a.PlanId == report.PlanId)
            .Select(a => new { a.Id, a.Number, a.Title }).ToDictionaryAsync(a => a.Id, cancellationToken);
        var indicators = await db.Indicators.AsNoTracking().Where(i => activities.Keys.Contains(i.ActivityId))
            .Select(i => new { i.Id, i.Name, i.Unit, i.SortOrder }).ToDictionaryAsync(i => i.Id, cancellationToken);
        var files = (await evidence.ListAsync(EvidenceOwner.ReportLine, [.. report.Lines.Select(l => l.Id)], cancellationToken)).ToLookup(f => f.OwnerId);
        var lines = report.Lines
            .OrderBy(l => activities[l.ActivityId].Number)
            .Select(l => new LineView(
                l.Id,
                l.ActivityId,
                activities[l.ActivityId].Number,
                activities[l.ActivityId].Title,
                l.Status,
                l.Results,
                l.Difficulties,
                l.Proposals,
                [.. l.Values.OrderBy(v => indicators[v.IndicatorId].SortOrder).Select(v => new ValueView(indicators[v.IndicatorId].Name, v.Value, indicators[v.IndicatorId].Unit))],
                [.. files[l.Id]])
            {
                NoResultsReason = l.NoResultsReason,
                CarriedOver = l.CarriedOver,
            })
            .ToList();
        var submissions = await db.ReportSubmissions.AsNoTracking().Where(s => s.ReportId == report.Id)
            .OrderByDescending(s => s.Step).Take(2).ToListAsync(cancellationToken);
        var comparison = submissions.Count < 2 ? null : Compare(submissions[1], submissions[0], id => indicators.TryGetValue(id, out var i) ? (i.Name, i.Unit) : null);
        return Result.Done(new ReportPage(
            await HeaderAsync(report, cancellationToken),
            lines,
            [.. report.Transitions.OrderByDescending(t => t.Number)],
            canEdit,
            Permissions.CanReviewReport(actor, report))
        {
            Round = LastRound(report),
            Comparison = comparison,
            HistoryLineNotes = LineNotes(report, id => activities[id].Number),
        });
    }

    /// <summary>
    /// The last review step (a return, an approval or a reopening) with what it said about the lines,
    /// and the submission that answered it, if one has since (its answers by line).
    /// </summary>
    private static ReviewRound? LastRound(QuarterlyReport report)
    {
        var step = report.Transitions.Where(t => t.Action != ReportAction.Submit).MaxBy(t => t.Number);
        if (step is null)
        {
            return null;
        }

        var answer = report.Transitions.Where(t => t.Action == ReportAction.Submit && t.Number > step.Number).MinBy(t => t.Number);
        return new ReviewRound(step, LineCommentsOf(report, step.Number), answer, answer is null ? new Dictionary<int, string>() : LineCommentsOf(report, answer.Number));
    }

    private static Dictionary<int, string> LineCommentsOf(QuarterlyReport report, int step) =>
        report.LineComments.Where(c => c.Step == step).ToDictionary(c => c.ActivityId, c => c.Text);

    private static List<HistoryLineNote> LineNotes(QuarterlyReport report, Func<int, int> activityNumber) =>
        [.. report.LineComments.Select(c => new HistoryLineNote(c.Step, activityNumber(c.ActivityId), c.Text)).OrderBy(n => n.Step).ThenBy(n => n.ActivityNumber)];

    /// <summary>Each line of <paramref name="latest"/> against the same activity's line in <paramref name="previous"/>: the fields that differ, as shown on the page.</summary>
    private SubmissionComparison Compare(ReportSubmission previous, ReportSubmission latest, Func<int, (string Name, Domain.Indicators.IndicatorUnit Unit)?> indicator)
    {
        string? Status(Domain.Progress.ActivityStatus? status) => status is { } s ? localizer["Status." + s].Value : null;
        string? Value(int indicatorId, long? value) =>
            value is not { } v ? null : indicator(indicatorId)?.Unit == Domain.Indicators.IndicatorUnit.Vnd ? Display.Vnd(v) : Display.Number(v);
        var byActivity = new Dictionary<int, LineComparison>();
        foreach (var now in latest.Lines)
        {
            var before = previous.Lines.FirstOrDefault(l => l.ActivityId == now.ActivityId);
            var changes = new List<ChangedField>();
            void Add(string label, string? old, string? @new)
            {
                if (!string.Equals(old, @new, StringComparison.Ordinal))
                {
                    changes.Add(new ChangedField(label, old, @new));
                }
            }

            Add(localizer["Progress.Status"], Status(before?.Status), Status(now.Status));
            Add(localizer["Report.Results"], before?.Results, now.Results);
            Add(localizer["Report.NoResultsReason"], before?.NoResultsReason, now.NoResultsReason);
            Add(localizer["Report.Difficulties"], before?.Difficulties, now.Difficulties);
            Add(localizer["Report.Proposals"], before?.Proposals, now.Proposals);
            var indicators = now.Values.Select(v => v.IndicatorId).Union(before?.Values.Select(v => v.IndicatorId) ?? []).Order();
            foreach (var id in indicators)
            {
                Add(
                    indicator(id)?.Name ?? localizer["Progress.Indicators"].Value,
                    Value(id, before?.Values.FirstOrDefault(v => v.IndicatorId == id)?.Value),
                    Value(id, now.Values.FirstOrDefault(v => v.IndicatorId == id)?.Value));
            }

            byActivity[now.ActivityId] = new LineComparison(changes);
        }

        return new SubmissionComparison(previous.AtUtc, latest.AtUtc, byActivity);
    }

    /// <summary>The edit page around a form (as stored when <paramref name="form"/> is null); refused when the caller may not write now.</summary>
    /// <remarks>
    /// The form is the page officers keep open and save every 20 seconds, so it reads what it shows,
    /// not the report aggregate: two compiled, no-tracking commands keyed by the report's id (the
    /// report with its steps and the lines' comments; its lines with their values), then the lines'
    /// files. SQLite prepares every command again, and EF makes a delegate per split include, so
    /// fewer commands is less CPU. The province is named from the catalogue this process keeps
    /// (ADR 0051); the plan's number, the branch's code, the due date, the activities' headings and
    /// the indicator fields come from the plan data it keeps (ADR 0061).
    /// </remarks>
    public async Task<(ReportEditPage? Page, Refusal? Refusal)> EditPageAsync(Actor actor, int id, ReportForm? form, ConflictView? conflict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var report = await EditFactsById(db, id, cancellationToken);
        if (report is null)
        {
            return (null, Refusal.NotFound);
        }

        var subject = new ReportWriteSubject(report.PlanId, report.Quarter, report.ProvinceId, report.AgencyId, report.State);

        // A conflict or a refused save is shown even if the window closed meanwhile: what was typed must stay visible.
        if (form is null && await guard.RefusalAsync(actor, subject, cancellationToken) is { } refusal)
        {
            return (null, refusal);
        }

        if (!Permissions.CanWriteReportFor(actor, report.ProvinceId, report.AgencyId))
        {
            return (null, Refusal.Forbidden);
        }

        // The lines' activity headings and indicator fields are the plan's reference data, kept in
        // memory (ADR 0061): the commands read the report's own rows only.
        var plan = await reference.PlanAsync(report.PlanId, cancellationToken);
        var activities = new Dictionary<int, PlanActivity>(plan.Activities.Count);
        foreach (var activity in plan.Activities)
        {
            activities[activity.Id] = activity;
        }

        var loaded = new List<EditLineLoad>();
        await foreach (var line in EditLinesOf(db, id).WithCancellation(cancellationToken))
        {
            loaded.Add(line);
        }

        var lines = EditLines(loaded, activities, plan.Indicators);
        var comments = new List<EditCommentRow>(report.Comments.Count);
        foreach (var comment in report.Comments)
        {
            comments.Add(comment with { ActivityNumber = activities[comment.ActivityId].Number });
        }

        var files = new Dictionary<int, List<EvidenceView>>();
        foreach (var file in await evidence.OfReportLinesAsync(id, cancellationToken))
        {
            (files.TryGetValue(file.OwnerId, out var list) ? list : files[file.OwnerId] = []).Add(file);
        }

        var editors = new List<LineEditor>(lines.Count);
        foreach (var line in lines)
        {
            var fields = new List<IndicatorField>(line.Fields.Count);
            foreach (var field in line.Fields)
            {
                fields.Add(new IndicatorField(field.Id, field.Name, field.EnglishName, field.Unit, field.IsRetired));
            }

            editors.Add(new LineEditor(line.Id, line.ActivityId, line.ActivityNumber, line.ActivityTitle, fields, files.GetValueOrDefault(line.Id) ?? [])
            {
                CarriedOver = line.CarriedOver,
            });
        }

        var catalog = await provinces.LoadAsync(cancellationToken);
        var lastAction = report.Steps.Count == 0 ? (ReportAction?)null : report.Steps.MaxBy(t => t.Number)!.Action;
        DateOnly? dueOn = plan.Periods.FirstOrDefault(p => p.Quarter == report.Quarter)?.DueOn;
        var agencyCode = (await reference.AgenciesAsync(cancellationToken)).First(a => a.Id == report.AgencyId).Code;
        bool? onTime = report.FirstSubmittedAtUtc is { } first && dueOn is { } due ? ReportingPeriod.IsOnTime(due, first) : null;
        var header = new ReportHeader(report.Id, report.PlanId, plan.Number, report.Quarter, catalog.NameIn(report.ProvinceId, report.Quarter), agencyCode, report.State, report.FirstSubmittedAtUtc, dueOn, onTime, report.Version)
        {
            Reopened = QuarterlyReport.IsReopenedAfter(report.State, lastAction),
        };
        var handedBack = QuarterlyReport.HandedBackIn(report.State, report.Steps);
        var page = new ReportEditPage(header, editors, form ?? FormOf(report, lines), conflict, [.. report.Steps.OrderByDescending(t => t.Number)])
        {
            Round = handedBack is null ? null : new ReviewRound(handedBack, comments.Where(c => c.Step == handedBack.Number).ToDictionary(c => c.ActivityId, c => c.Text), null, new Dictionary<int, string>()),
            HistoryLineNotes = [.. comments.Select(c => new HistoryLineNote(c.Step, c.ActivityNumber, c.Text)).OrderBy(n => n.Step).ThenBy(n => n.ActivityNumber)],
        };
        return (page, null);
    }

    /// <summary>The form as stored, from the rows the edit page read (<see cref="FormOf(QuarterlyReport)"/>'s rule: the values are those of the lines' fields, the only ones the form shows).</summary>
    private static ReportForm FormOf(EditFacts report, List<EditLineRow> lines)
    {
        var form = new ReportForm { Version = report.Version, Reply = report.Reply, LineReplies = [], Lines = [] };
        foreach (var line in lines)
        {
            if (line.Reply is not null)
            {
                form.LineReplies[line.ActivityId] = line.Reply;
            }

            var values = new Dictionary<int, string?>();
            foreach (var field in line.Fields)
            {
                if (field.Value is { } value)
                {
                    values[field.Id] = IndicatorInput.Format(value);
                }
            }

            form.Lines[line.ActivityId] = new LineForm
            {
                Status = line.Status,
                Results = line.Results,
                NoResultsReason = line.NoResultsReason,
                Difficulties = line.Difficulties,
                Proposals = line.Proposals,
                Values = values,
            };
        }

        return form;
    }

    private sealed record EditFacts(
        int Id,
        int PlanId,
        int ProvinceId,
        int AgencyId,
        Quarter Quarter,
        ReportState State,
        int Version,
        string? Reply,
        DateTime? FirstSubmittedAtUtc,
        List<ReportTransition> Steps,
        List<EditCommentRow> Comments);

    private sealed record EditLineRow(
        int Id,
        int ActivityId,
        int ActivityNumber,
        string ActivityTitle,
        Domain.Progress.ActivityStatus? Status,
        string? Results,
        string? NoResultsReason,
        string? Difficulties,
        string? Proposals,
        string? Reply,
        bool CarriedOver,
        List<EditFieldRow> Fields);

    private sealed record EditFieldRow(int Id, string Name, string? EnglishName, Domain.Indicators.IndicatorUnit Unit, bool IsRetired, long? Value);

    private sealed record EditLineLoad(
        int Id,
        int ActivityId,
        Domain.Progress.ActivityStatus? Status,
        string? Results,
        string? NoResultsReason,
        string? Difficulties,
        string? Proposals,
        string? Reply,
        bool CarriedOver,
        List<EditValueLoad> Values);

    private sealed record EditValueLoad(int IndicatorId, long Value);

    /// <summary>
    /// The lines in activity order, each with its activity's heading and the indicator fields it
    /// offers with the line's value: ProgressQueries.IndicatorFieldsAsync's rule (the activity's active
    /// indicators, and retired ones that already have a value here, by sort order then id; a change to
    /// one is made to both).
    /// </summary>
    private static List<EditLineRow> EditLines(List<EditLineLoad> loaded, Dictionary<int, PlanActivity> activities, IReadOnlyList<PlanIndicator> indicators)
    {
        var rows = new List<EditLineRow>(loaded.Count);
        foreach (var line in loaded.OrderBy(l => activities[l.ActivityId].Number).ThenBy(l => l.Id))
        {
            var activity = activities[line.ActivityId];

            // The activity's indicators, a retired one only where this line has a value for it. Loops,
            // not LINQ: the form runs this for every line on every open, and each lambda was an allocation.
            var shown = new List<(PlanIndicator Indicator, long? Value)>();
            foreach (var indicator in indicators)
            {
                if (indicator.ActivityId != line.ActivityId)
                {
                    continue;
                }

                long? value = null;
                foreach (var typed in line.Values)
                {
                    if (typed.IndicatorId == indicator.Id)
                    {
                        value = typed.Value;
                        break;
                    }
                }

                if (!indicator.IsRetired || value is not null)
                {
                    shown.Add((indicator, value));
                }
            }

            shown.Sort(static (a, b) => a.Indicator.SortOrder != b.Indicator.SortOrder ? a.Indicator.SortOrder.CompareTo(b.Indicator.SortOrder) : a.Indicator.Id.CompareTo(b.Indicator.Id));
            var fields = new List<EditFieldRow>(shown.Count);
            foreach (var (i, value) in shown)
            {
                fields.Add(new EditFieldRow(i.Id, i.Name, i.EnglishName, i.Unit, i.IsRetired, value));
            }

            rows.Add(new EditLineRow(line.Id, line.ActivityId, activity.Number, activity.Title, line.Status, line.Results, line.NoResultsReason, line.Difficulties, line.Proposals, line.Reply, line.CarriedOver, fields));
        }

        return rows;
    }

    private sealed record EditCommentRow(int Step, int ActivityId, int ActivityNumber, string Text);

    // The report's own columns, its steps and what the steps said about single lines: one command
    // (both joined: a few rows each, so their product stays small). The header's plan number, branch
    // code and due date are the kept plan data's; the comments' activity numbers too.
    private static readonly Func<PortalDbContext, int, CancellationToken, Task<EditFacts?>> EditFactsById = EF.CompileAsyncQuery(
        (PortalDbContext db, int id, CancellationToken cancellationToken) => db.QuarterlyReports.AsNoTracking().AsSingleQuery()
            .Where(r => r.Id == id)
            .Select(r => new EditFacts(
                r.Id,
                r.PlanId,
                r.ProvinceId,
                r.AgencyId,
                r.Quarter,
                r.State,
                r.Version,
                r.Reply,
                r.FirstSubmittedAtUtc,
                r.Transitions.ToList(),
                r.LineComments.Select(c => new EditCommentRow(c.Step, c.ActivityId, 0, c.Text)).ToList()))
            .SingleOrDefault());

    // The report's lines with their values, one command; headings and fields come from the kept plan data.
    private static readonly Func<PortalDbContext, int, IAsyncEnumerable<EditLineLoad>> EditLinesOf = EF.CompileAsyncQuery(
        (PortalDbContext db, int reportId) => db.ReportLines.AsNoTracking().AsSingleQuery()
            .Where(l => l.ReportId == reportId)
            .Select(l => new EditLineLoad(
                l.Id,
                l.ActivityId,
                l.Status,
                l.Results,
                l.NoResultsReason,
                l.Difficulties,
                l.Proposals,
                l.Reply,
                l.CarriedOver,
                l.Values.Select(v => new EditValueLoad(v.IndicatorId, v.Value)).ToList())));


    /// <summary>
    /// The form again after a save met a newer version (from the form or from a workbook upload):
    /// what was typed beside what is saved now; the form then carries the current version, so saving
    /// again overwrites knowingly. Null when the caller may no longer open the form.
    /// </summary>
    public async Task<ReportEditPage?> ConflictPageAsync(Actor actor, QuarterlyReport current, ReportForm yours, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(yours);
        var conflict = await ConflictAsync(current, yours, cancellationToken);
        yours.Version = current.Version;
        return (await EditPageAsync(actor, current.Id, yours, conflict, cancellationToken)).Page;
    }

    /// <summary>What differs between the report as saved meanwhile and the form the caller sent.</summary>
    public async Task<ConflictView> ConflictAsync(QuarterlyReport current, ReportForm yours, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(yours);
        var saved = FormOf(current);
        var numbers = await db.Activities.AsNoTracking().Where(a => a.PlanId == current.PlanId).ToDictionaryAsync(a => a.Id, a => a.Number, cancellationToken);
        var comparison = new ConflictComparison();
        foreach (var (activityId, savedLine) in saved.Lines.OrderBy(l => numbers[l.Key]))
        {
            var yourLine = yours.Lines.GetValueOrDefault(activityId) ?? new LineForm();
            var label = localizer["Activity.Heading", numbers[activityId]].Value;
            string? Status(Domain.Progress.ActivityStatus? s) => s is { } v ? localizer["Status." + v].Value : null;
            comparison
                .Compare($"{label} – {localizer["Progress.Status"]}", Status(savedLine.Status), Status(yourLine.Status))
                .Compare($"{label} – {localizer["Report.Results"]}", savedLine.Results, yourLine.Results)
                .Compare($"{label} – {localizer["Report.NoResultsReason"]}", savedLine.NoResultsReason, yourLine.NoResultsReason)
                .Compare($"{label} – {localizer["Report.Difficulties"]}", savedLine.Difficulties, yourLine.Difficulties)
                .Compare($"{label} – {localizer["Report.Proposals"]}", savedLine.Proposals, yourLine.Proposals);
            foreach (var indicator in savedLine.Values.Keys.Union(yourLine.Values.Keys))
            {
                comparison.Compare($"{label} – {localizer["Progress.Indicators"]}", savedLine.Values.GetValueOrDefault(indicator), yourLine.Values.GetValueOrDefault(indicator));
            }
        }

        return comparison.For(current.UpdatedByName, current.UpdatedAtUtc);
    }

    /// <summary>The form as stored: what the edit page starts from.</summary>
    public static ReportForm FormOf(QuarterlyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ReportForm
        {
            Version = report.Version,
            Reply = report.Reply,
            LineReplies = report.Lines.Where(l => l.Reply is not null).ToDictionary(l => l.ActivityId, l => l.Reply),
            Lines = report.Lines.ToDictionary(l => l.ActivityId, l => new LineForm
            {
                Status = l.Status,
                Results = l.Results,
                NoResultsReason = l.NoResultsReason,
                Difficulties = l.Difficulties,
                Proposals = l.Proposals,
                Values = l.Values.ToDictionary(v => v.IndicatorId, v => (string?)IndicatorInput.Format(v.Value)),
            }),
        };
    }

    /// <summary>A provincial branch's quarters of a plan, with what to do next for each.</summary>
    public async Task<MyReportsPage> MineAsync(Actor actor, int? planId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var plans = await planChoices.PublishedAsync(cancellationToken);
        var chosen = planChoices.Chosen(plans, planId);
        var thisYear = VietnamTime.Today(clock.GetUtcNow()).Year;
        var yearWithoutPlan = plans.Any(p => p.Year == thisYear) ? (int?)null : thisYear;
        var catalog = await provinces.LoadAsync(cancellationToken);
        var unit = catalog[actor.ProvinceId!.Value];
        var province = unit.Name;
        var agency = (await reference.AgenciesAsync(cancellationToken)).Single(a => a.Id == actor.AgencyId).Code;
        if (chosen is null)
        {
            return new MyReportsPage(plans, null, province, agency, [], []) { YearWithoutPlan = yearWithoutPlan };
        }

        // Quarters in which provinces report: those of the plan's provincial activities (central-only ones ask nothing of them).
        var windows = (await reference.PlanAsync(chosen.Id, cancellationToken)).Activities.Where(a => a.ProvincesReport).Select(a => a.Window).ToList();
        var periods = await db.ReportingPeriods.AsNoTracking().Where(p => p.PlanId == chosen.Id).OrderBy(p => p.Quarter).ToListAsync(cancellationToken);
        var exemptions = await db.LockExemptions.AsNoTracking()
            .Where(e => e.PlanId == chosen.Id && e.ProvinceId == actor.ProvinceId && e.AgencyId == actor.AgencyId && e.RevokedAtUtc == null)
            .ToListAsync(cancellationToken);
        var mine = await db.QuarterlyReports.AsNoTracking()
            .Where(r => r.PlanId == chosen.Id && r.ProvinceId == actor.ProvinceId && r.AgencyId == actor.AgencyId)
            .Select(r => new { r.Id, r.Quarter, r.State, r.FirstSubmittedAtUtc, LastAction = r.Transitions.OrderByDescending(t => t.Number).Select(t => (ReportAction?)t.Action).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var rows = new List<MyQuarterRow>();
        foreach (var period in periods.Where(p => windows.Exists(w => w.Contains(p.Quarter))))
        {
            var report = mine.Find(r => r.Quarter == period.Quarter);
            var window = ReportingWindows.Of(period, exemptions.Where(e => e.Quarter == period.Quarter), now);
            bool? onTime = report?.FirstSubmittedAtUtc is { } first ? period.IsOnTime(first) : null;
            var next = report?.State switch
            {
                null when !unit.CountsIn(period.Quarter) => unit.ValidTo is { } end && period.Quarter.LastDay > end ? "NextStep.ProvinceEnded" : "NextStep.ProvinceNotYet",
                null => window.IsOpen ? "NextStep.Start" : "NextStep.LockedAskAdmin",
                ReportState.Draft => window.IsOpen ? "NextStep.ContinueAndSubmit" : "NextStep.LockedAskAdmin",
                ReportState.Returned when QuarterlyReport.IsReopenedAfter(report.State, report.LastAction) => "NextStep.ReopenedFixAndResubmit",
                ReportState.Returned => "NextStep.FixAndResubmit",
                ReportState.Submitted => "NextStep.WaitForReview",
                _ => "NextStep.Done",
            };
            rows.Add(new MyQuarterRow(period.Quarter, period.DataFrom, period.DataTo, period.DueOn, period.LocksOn, window.Locked, window.Exemption?.Until, report?.Id, report?.State, onTime, next)
            {
                Reopened = report is not null && QuarterlyReport.IsReopenedAfter(report.State, report.LastAction),
                Previous = report is null ? mine.Where(r => r.Quarter < period.Quarter).MaxBy(r => r.Quarter) is { } previous ? (previous.Id, previous.Quarter) : null : null,
            });
        }

        // The units that merged into this one: their reports of the plan are the province's history, read-only.
        var history = actor.PredecessorProvinceIds.Count == 0 ? [] : await db.QuarterlyReports.AsNoTracking()
            .Where(ReportScope.ReadableBy(actor))
            .Where(r => r.PlanId == chosen.Id && r.ProvinceId != actor.ProvinceId)
            .OrderBy(r => r.Quarter).ThenBy(r => r.ProvinceId)
            .Select(r => new { r.Id, r.ProvinceId, r.Quarter, r.State, r.FirstSubmittedAtUtc })
            .ToListAsync(cancellationToken);
        var historyRows = history
            .Select(r => new HistoryRow(r.Id, catalog.NameIn(r.ProvinceId, r.Quarter), r.Quarter, r.State, r.FirstSubmittedAtUtc is { } first ? periods.Find(p => p.Quarter == r.Quarter)?.IsOnTime(first) : null))
            .ToList();
        return new MyReportsPage(plans, chosen.Id, province, agency, rows, historyRows) { YearWithoutPlan = yearWithoutPlan };
    }

    /// <summary>
    /// The review queue: by default the reports the officer's agency has to review, waiting longest
    /// first; filtered, searched, sorted and counted as <paramref name="filter"/> says, one page of it.
    /// </summary>
    public async Task<ReviewQueuePage> QueueAsync(Actor actor, QueueFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        var (rows, counts, agencyId) = await FilteredQueueAsync(actor, filter, cancellationToken);
        var pageCount = Math.Max(1, (rows.Count + PageSize - 1) / PageSize);
        filter.Page = Math.Clamp(filter.Page, 1, pageCount);
        var agencies = (await reference.AgenciesAsync(cancellationToken)).Select(a => (a.Id, a.Code)).ToList();
        var plans = await planChoices.PublishedAsync(cancellationToken);
        var catalog = await provinces.LoadAsync(cancellationToken);
        var year = plans.FirstOrDefault(p => p.Id == filter.PlanId)?.Year;
        var choices = filter.Quarter is { } shownQuarter ? catalog.CountingIn(shownQuarter)
            : year is { } y ? catalog.ExistingBetween(new DateOnly(y, 1, 1), new DateOnly(y, 12, 31))
            : catalog.All;
        var asOf = filter.Quarter?.LastDay ?? (year is { } yy ? new DateOnly(yy, 12, 31) : VietnamTime.Today(clock.GetUtcNow()));
        var provinceChoices = choices.Select(p => (p.Id, Name: ProvinceLabel(p, asOf))).OrderBy(p => p.Name, VietnameseOrder.Names).ToList();
        return new ReviewQueuePage(
            agencies.Find(a => a.Id == agencyId).Code ?? string.Empty,
            filter,
            [.. rows.Skip((filter.Page - 1) * PageSize).Take(PageSize)],
            rows.Count,
            pageCount,
            counts,
            plans,
            provinceChoices,
            agencies);
    }

    /// <summary>Where a report stands in the queue <paramref name="filter"/> describes (its neighbours); null when it is not in it.</summary>
    public async Task<QueuePosition?> PositionAsync(Actor actor, int reportId, QueueFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        var (rows, _, _) = await FilteredQueueAsync(actor, filter, cancellationToken);
        var index = rows.FindIndex(r => r.ReportId == reportId);
        return index < 0 ? null : new QueuePosition(filter, index + 1, rows.Count, index > 0 ? rows[index - 1].ReportId : null, index + 1 < rows.Count ? rows[index + 1].ReportId : null);
    }

    /// <summary>
    /// The reports chosen for a bulk approval as they are now, each with why it would be refused
    /// (unknown to the caller, another agency's, changed since the queue showed it, no longer waiting).
    /// The approval itself checks again: this only tells the officer before they confirm.
    /// </summary>
    public async Task<IReadOnlyList<BulkItem>> BulkItemsAsync(Actor actor, IReadOnlyList<ReportVersion> chosen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(chosen);
        var ids = chosen.Select(c => c.Id).ToList();
        var found = await db.QuarterlyReports.AsNoTracking()
            .Where(ReportScope.ReadableBy(actor))
            .Where(r => ids.Contains(r.Id))
            .Select(r => new { r.Id, r.Version, r.AgencyId, r.ProvinceId, r.Quarter, r.State, r.LastSubmittedAtUtc })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var catalog = await provinces.LoadAsync(cancellationToken);
        return [.. chosen.Select(c => found.GetValueOrDefault(c.Id) is { } r
            ? new BulkItem(c, catalog.NameIn(r.ProvinceId, r.Quarter), r.Quarter, r.LastSubmittedAtUtc, BulkRefusals.Of(actor, r.AgencyId, r.State, r.Version, c.Version))
            : new BulkItem(c, null, null, null, BulkRefusals.NotFound))];
    }

    /// <summary>
    /// The queue's rows, filtered, sorted and counted. A central agency's readable reports number a
    /// few hundred a year, so one query loads the plain columns and the rest (names, regions, search
    /// without diacritics, sorting by a name as it was in the quarter) is done in memory.
    /// </summary>
    private async Task<(List<QueueItem> Rows, QueueCounts Counts, int AgencyId)> FilteredQueueAsync(Actor actor, QueueFilter filter, CancellationToken cancellationToken)
    {
        var agencyId = filter.AgencyId ?? actor.AgencyId ?? 0;
        var catalog = await provinces.LoadAsync(cancellationToken);
        var query = db.QuarterlyReports.AsNoTracking()
            .Where(ReportScope.ReadableBy(actor))
            .Where(r => r.AgencyId == agencyId && r.State != ReportState.Draft && r.LastSubmittedAtUtc != null);
        if (filter.PlanId is { } planId)
        {
            query = query.Where(r => r.PlanId == planId);
        }

        if (filter.Quarter is { } quarter)
        {
            query = query.Where(r => r.Quarter == quarter);
        }

        if (filter.ProvinceId is { } provinceId)
        {
            query = query.Where(r => r.ProvinceId == provinceId);
        }

        IEnumerable<Province> units = catalog.All;
        if (filter.Region is { } region)
        {
            units = units.Where(p => p.Region == region);
        }

        var search = TextFolding.Fold(filter.Q);
        if (search.Length > 0)
        {
            units = units.Where(p => TextFolding.Fold(p.Name).Contains(search, StringComparison.Ordinal)
                || p.FormerNames.Any(n => TextFolding.Fold(n.Name).Contains(search, StringComparison.Ordinal)));
        }

        if (filter.Region is not null || search.Length > 0)
        {
            var unitIds = units.Select(p => p.Id).ToList();
            query = query.Where(r => unitIds.Contains(r.ProvinceId));
        }

        var loaded = await query
            .Select(r => new { r.Id, r.Version, r.PlanId, r.Quarter, r.ProvinceId, r.State, r.FirstSubmittedAtUtc, r.LastSubmittedAtUtc, LastAction = r.Transitions.OrderByDescending(t => t.Number).Select(t => (ReportAction?)t.Action).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var counts = new QueueCounts(
            loaded.Count(r => r.State == ReportState.Submitted),
            loaded.Count(r => r.State == ReportState.Returned),
            loaded.Count(r => r.State == ReportState.Approved));
        var periods = await db.ReportingPeriods.AsNoTracking().ToListAsync(cancellationToken);
        var agencyCode = (await reference.AgenciesAsync(cancellationToken)).FirstOrDefault(a => a.Id == agencyId)?.Code ?? string.Empty;
        var mayReview = Permissions.CanReviewBranchesOf(actor, agencyId);
        var today = VietnamTime.Today(clock.GetUtcNow());
        var shown = filter.StateShown;
        var rows = loaded
            .Where(r => shown is null || r.State == shown)
            .Select(r =>
            {
                var period = periods.Find(p => p.PlanId == r.PlanId && p.Quarter == r.Quarter);
                int? waiting = r.State == ReportState.Submitted
                    ? today.DayNumber - DateOnly.FromDateTime(VietnamTime.FromUtc(r.LastSubmittedAtUtc!.Value)).DayNumber
                    : null;
                return new QueueItem(
                    r.Id,
                    r.Version,
                    catalog.NameIn(r.ProvinceId, r.Quarter),
                    r.Quarter,
                    r.State,
                    r.LastSubmittedAtUtc!.Value,
                    waiting,
                    r.FirstSubmittedAtUtc != r.LastSubmittedAtUtc,
                    r.FirstSubmittedAtUtc is { } first ? period?.IsOnTime(first) : null,
                    agencyCode,
                    mayReview && r.State == ReportState.Submitted)
                {
                    Reopened = QuarterlyReport.IsReopenedAfter(r.State, r.LastAction),
                };
            });
        var sorted = filter.Sort switch
        {
            "newest" => rows.OrderByDescending(r => r.SubmittedAtUtc).ThenBy(r => r.ReportId),
            "province" => rows.OrderBy(r => r.ProvinceName, VietnameseOrder.Names).ThenByDescending(r => r.Quarter).ThenBy(r => r.ReportId),
            "quarter" => rows.OrderByDescending(r => r.Quarter).ThenBy(r => r.ProvinceName, VietnameseOrder.Names).ThenBy(r => r.ReportId),
            _ => rows.OrderBy(r => r.SubmittedAtUtc).ThenBy(r => r.ReportId),
        };
        return (sorted.ToList(), counts, agencyId);
    }

    /// <summary>Reports the caller may read (<see cref="ReportScope"/>), filtered.</summary>
    public async Task<ReportListPage> ListAsync(Actor actor, ReportFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.QuarterlyReports.AsNoTracking().Where(ReportScope.ReadableBy(actor));
        if (filter.PlanId is { } plan)
        {
            query = query.Where(r => r.PlanId == plan);
        }

        if (filter.Quarter is { } quarter)
        {
            query = query.Where(r => r.Quarter == quarter);

            // On time means first sent before the due date ended (Vietnam midnight), as the dashboard counts.
            var period = filter.PlanId is { } planId
                ? await db.ReportingPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.PlanId == planId && p.Quarter == quarter, cancellationToken)
                : null;
            if (period is not null && filter.Timeliness is ReportFilter.OnTime or ReportFilter.Late)
            {
                var dueEnd = period.DueEndUtc;
                query = filter.Timeliness == ReportFilter.OnTime
                    ? query.Where(r => r.FirstSubmittedAtUtc != null && r.FirstSubmittedAtUtc < dueEnd)
                    : query.Where(r => r.FirstSubmittedAtUtc != null && r.FirstSubmittedAtUtc >= dueEnd);
            }
        }

        if (filter.Received == true)
        {
            query = query.Where(r => r.FirstSubmittedAtUtc != null);
        }

        if (filter.AgencyId is { } agencyId)
        {
            query = query.Where(r => r.AgencyId == agencyId);
        }

        if (filter.ProvinceId is { } provinceId)
        {
            query = query.Where(r => r.ProvinceId == provinceId);
        }

        if (filter.State is { } state)
        {
            query = query.Where(r => r.State == state);
        }

        // Count, then the page: the page's rows are sorted and cut on plain columns first; what needs
        // another table (the due date, a returned report's last step) is then read for those rows only.
        // SQLite computes a select list's subqueries for every row it sorts, not just the 50 kept.
        var plans = await planChoices.PublishedAsync(cancellationToken);
        var total = await query.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        filter.Page = Math.Clamp(filter.Page, 1, pageCount);
        var page = await query
            .OrderByDescending(r => r.Quarter)
            .ThenBy(r => r.ProvinceId)
            .ThenBy(r => r.AgencyId)
            .Skip((filter.Page - 1) * PageSize)
            .Take(PageSize)
            .Select(r => new { r.Id, r.PlanId, r.Quarter, r.ProvinceId, r.AgencyId, r.State, r.FirstSubmittedAtUtc })
            .OrderByDescending(r => r.Quarter)
            .ThenBy(r => r.ProvinceId)
            .ThenBy(r => r.AgencyId)
            .Select(r => new
            {
                r.Id,
                r.Quarter,
                r.ProvinceId,
                r.AgencyId,
                r.State,
                r.FirstSubmittedAtUtc,
                DueOn = r.FirstSubmittedAtUtc == null ? null
                    : db.ReportingPeriods.Where(p => p.PlanId == r.PlanId && p.Quarter == r.Quarter).Select(p => (DateOnly?)p.DueOn).FirstOrDefault(),

                // Only a returned report can be "reopened" (its last step a reopening): the others need no step.
                LastAction = r.State != ReportState.Returned ? null
                    : db.QuarterlyReports.Where(x => x.Id == r.Id).SelectMany(x => x.Transitions).OrderByDescending(t => t.Number).Select(t => (ReportAction?)t.Action).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        // Two branches: their codes come with the filter's list, not from a subquery per row.
        var agencies = (await reference.AgenciesAsync(cancellationToken)).Select(a => (a.Id, a.Code)).ToList();
        var catalog = await provinces.LoadAsync(cancellationToken);
        var rows = new List<ReportListRow>(page.Count);
        foreach (var r in page)
        {
            rows.Add(new ReportListRow(
                r.Id,
                r.Quarter,
                catalog.NameIn(r.ProvinceId, r.Quarter),
                agencies.Find(a => a.Id == r.AgencyId).Code ?? string.Empty,
                r.State,
                r.FirstSubmittedAtUtc,
                r.FirstSubmittedAtUtc is { } first && r.DueOn is { } due ? ReportingPeriod.IsOnTime(due, first) : null)
            {
                Reopened = QuarterlyReport.IsReopenedAfter(r.State, r.LastAction),
            });
        }

        // The province filter offers the units of the period in view: the quarter's, or the plan year's.
        var year = plans.FirstOrDefault(p => p.Id == filter.PlanId)?.Year;
        var choices = filter.Quarter is { } shownQuarter ? catalog.CountingIn(shownQuarter)
            : year is { } y ? catalog.ExistingBetween(new DateOnly(y, 1, 1), new DateOnly(y, 12, 31))
            : catalog.All;
        var asOf = filter.Quarter?.LastDay ?? (year is { } yy ? new DateOnly(yy, 12, 31) : VietnamTime.Today(clock.GetUtcNow()));
        var provinceChoices = choices.Select(p => (p.Id, Name: ProvinceLabel(p, asOf))).OrderBy(p => p.Name, VietnameseOrder.Names).ToList();
        return new ReportListPage(filter, rows, total, pageCount, plans, provinceChoices, agencies) { WorkbookAgencyId = Permissions.QuarterWorkbookAgencyOf(actor) };
    }

    /// <summary>A unit as a list names it on a day; a unit that ended says until when ("Hà Giang (đến 30/06/2025)").</summary>
    private string ProvinceLabel(Province province, DateOnly asOf) =>
        province.ValidTo is { } end && end < asOf
            ? localizer["Province.EndedOn", province.NameOn(end), Display.Date(end)]
            : province.NameOn(province.ValidTo is { } to && to < asOf ? to : asOf);

    /// <summary>Who wrote a report, for when, and where it stands: one query, with the one province it names.</summary>
    private async Task<ReportHeader> HeaderAsync(QuarterlyReport report, CancellationToken cancellationToken)
    {
        var facts = await HeaderFacts(db, report.PlanId, report.AgencyId, report.Quarter, report.ProvinceId, cancellationToken);
        bool? onTime = report.FirstSubmittedAtUtc is { } first && facts.DueOn is { } due ? ReportingPeriod.IsOnTime(due, first) : null;
        return new ReportHeader(report.Id, report.PlanId, facts.PlanNumber, report.Quarter, facts.Province.NameOn(report.Quarter.LastDay), facts.Agency, report.State, report.FirstSubmittedAtUtc, facts.DueOn, onTime, report.Version)
        {
            Reopened = report.IsReopened,
        };
    }

    private sealed record HeaderFactsRow(Province Province, string PlanNumber, string Agency, DateOnly? DueOn);

    // From the report's province (with its former names: the name it had in the quarter) instead of the
    // whole catalog, the rest as scalar subqueries: one command.
    private static readonly Func<PortalDbContext, int, int, Quarter, int, CancellationToken, Task<HeaderFactsRow>> HeaderFacts = EF.CompileAsyncQuery(
        (PortalDbContext db, int planId, int agencyId, Quarter quarter, int provinceId, CancellationToken cancellationToken) => db.Provinces.AsNoTracking().AsSingleQuery()
            .Where(p => p.Id == provinceId)
            .Select(p => new HeaderFactsRow(
                p,
                db.Plans.Where(x => x.Id == planId).Select(x => x.Number).First(),
                db.Agencies.Where(a => a.Id == agencyId).Select(a => a.Code).First(),
                db.ReportingPeriods.Where(x => x.PlanId == planId && x.Quarter == quarter).Select(x => (DateOnly?)x.DueOn).FirstOrDefault()))
            .Single());
}
