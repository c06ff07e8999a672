using System.Collections.Frozen;
using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Dashboard;
using CoordinationPortal.Web.Features.Progress;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Plans;

/// <summary>
/// A request's reference data of the plans: the copy this process keeps (<see cref="PlanReferenceCache"/>,
/// ADR 0061), read from the database when it changed. The generation is read once per request, before
/// the first read: all of a page's reference data is then of one moment. What it hands out is shared
/// between requests: records and arrays, never entities; read them, never change them.
/// </summary>
public sealed class PlanReference(PortalDbContext db, PlanReferenceCache shared, FragmentCache cache)
{
    private Task<string?>? _generation;

    /// <summary>Published plans, the newest year first (<see cref="PlanChoices.PublishedAsync"/>).</summary>
    public async Task<IReadOnlyList<PlanChoice>> PublishedPlansAsync(CancellationToken ct) =>
        await shared.GetAsync<PlanChoice[]>(await GenerationAsync(ct), "published", async c => await PublishedQuery(db).ToArrayAsync(c), ct);

    /// <summary>The agencies by code.</summary>
    public async Task<IReadOnlyList<AgencyChoice>> AgenciesAsync(CancellationToken ct) =>
        await shared.GetAsync<AgencyChoice[]>(await GenerationAsync(ct), "agencies", async c => await AgenciesQuery(db).ToArrayAsync(c), ct);

    /// <summary>A plan's activities (with their roles), reporting periods and indicators, as the dashboard reads them.</summary>
    public async Task<PlanReferenceData> PlanAsync(int planId, CancellationToken ct) =>
        await shared.GetAsync(await GenerationAsync(ct), "plan:" + planId.ToString(System.Globalization.CultureInfo.InvariantCulture), c => LoadPlanAsync(planId, c), ct);

    private Task<string?> GenerationAsync(CancellationToken ct) => _generation ??= cache.DataGenerationAsync(CacheTags.PlanData, ct);

    private async Task<PlanReferenceData> LoadPlanAsync(int planId, CancellationToken ct)
    {
        var number = await NumberQuery(db, planId).SingleAsync(ct);
        var activities = await ActivitiesQuery(db, planId).ToListAsync(ct);
        var periods = await PeriodsQuery(db, planId).ToArrayAsync(ct);
        var indicators = await IndicatorsQuery(db, planId).ToArrayAsync(ct);
        return new PlanReferenceData(
            number,
            [.. activities.Select(a => new PlanActivity(a.Id, a.Number, a.ProvincesReport, a.Title, a.EnglishTitle, a.Window, [.. a.OwnRoles], [.. a.TaskRoles]))],
            periods,
            indicators);
    }

    /// <summary>
    /// The tables the reference data is read from, as the entity types mapped to them: a committed
    /// change to a record of one of them starts a new generation (<see cref="DashboardEviction"/>).
    /// Worked out from the SQL of the queries below, not listed by hand, so that a column or a join
    /// added to a projection brings its table along.
    /// </summary>
    public static IReadOnlySet<string> TablesRead(PortalDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tables = Volatile.Read(ref _tables);
        if (tables is null)
        {
            var sql = string.Join('\n', PublishedQuery(db).ToQueryString(), AgenciesQuery(db).ToQueryString(), NumberQuery(db, 0).ToQueryString(), ActivitiesQuery(db, 0).ToQueryString(),
                PeriodsQuery(db, 0).ToQueryString(), IndicatorsQuery(db, 0).ToQueryString());
            tables = db.Model.GetEntityTypes()
                .Select(t => t.GetTableName())
                .OfType<string>()
                .Where(t => sql.Contains('"' + t + '"', StringComparison.Ordinal) || sql.Contains('[' + t + ']', StringComparison.Ordinal))
                .ToFrozenSet(StringComparer.Ordinal);
            Volatile.Write(ref _tables, tables);
        }

        return tables;
    }

    private static FrozenSet<string>? _tables;

    // The queries run once per change of the reference data, so they are not compiled.
    private static IQueryable<PlanChoice> PublishedQuery(PortalDbContext db) => db.Plans.AsNoTracking()
        .Where(PlanScope.Published)
        .OrderByDescending(p => p.Year).ThenByDescending(p => p.IssuedOn)
        .Select(p => new PlanChoice(p.Id, p.Number, p.Year));

    private static IQueryable<string> NumberQuery(PortalDbContext db, int planId) =>
        db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => p.Number);

    private static IQueryable<AgencyChoice> AgenciesQuery(PortalDbContext db) =>
        db.Agencies.AsNoTracking().OrderBy(a => a.Code).Select(a => new AgencyChoice(a.Id, a.Code));

    // What the dashboard shows of the activities and what their status needs (their roles and their
    // tasks' roles), in one command: not the aggregate with its tasks, texts and statements.
    private static IQueryable<ActivityLoad> ActivitiesQuery(PortalDbContext db, int planId) => db.Activities.AsNoTracking().AsSingleQuery()
        .Where(a => a.PlanId == planId)
        .OrderBy(a => a.Number)
        .Select(a => new ActivityLoad(
            a.Id,
            a.Number,
            a.ProvincesReport,
            a.Title,
            a.EnglishTitle,
            a.Window,
            a.Assignments.Select(x => new ActivityRole(x.AgencyId, x.Role)).ToList(),
            a.Tasks.SelectMany(t => t.Assignments).Select(x => new ActivityRole(x.AgencyId, x.Role)).ToList()));

    private static IQueryable<PlanPeriod> PeriodsQuery(PortalDbContext db, int planId) =>
        db.ReportingPeriods.AsNoTracking().Where(p => p.PlanId == planId).OrderBy(p => p.Quarter).Select(p => new PlanPeriod(p.Quarter, p.DueOn));

    // Only the columns the dashboard shows: not the indicator entities with their province targets (a row per province each).
    private static IQueryable<PlanIndicator> IndicatorsQuery(PortalDbContext db, int planId) =>
        from i in db.Indicators.AsNoTracking()
        join activity in db.Activities on i.ActivityId equals activity.Id
        where activity.PlanId == planId
        orderby i.SortOrder
        select new PlanIndicator(i.Id, i.ActivityId, i.Code, i.Name, i.EnglishName, i.Unit, i.SortOrder, i.IsRetired, i.Target);

    private sealed record ActivityLoad(int Id, int Number, bool ProvincesReport, string Title, string? EnglishTitle, QuarterWindow Window, List<ActivityRole> OwnRoles, List<ActivityRole> TaskRoles);
}

/// <summary>A plan's reference data (<see cref="PlanReference.PlanAsync"/>): its number, activities by number, periods by quarter, indicators by sort order.</summary>
public sealed record PlanReferenceData(string Number, IReadOnlyList<PlanActivity> Activities, IReadOnlyList<PlanPeriod> Periods, IReadOnlyList<PlanIndicator> Indicators);

/// <summary>An agency's role in an activity or one of its tasks.</summary>
public sealed record ActivityRole(int AgencyId, AssignmentRole Role);

/// <summary>An activity as the dashboard reads it; the role rules are <see cref="Activity"/>'s, on its roles alone.</summary>
public sealed record PlanActivity(int Id, int Number, bool ProvincesReport, string Title, string? EnglishTitle, QuarterWindow Window, IReadOnlyList<ActivityRole> OwnRoles, IReadOnlyList<ActivityRole> TaskRoles)
{
    /// <summary>As <see cref="Activity.IsJoint"/>.</summary>
    public bool IsJoint => OwnRoles.Count > 0 && OwnRoles.All(r => r.Role == AssignmentRole.Joint);

    /// <summary>As <see cref="Activity.HasLeadsPerTask"/>: no roles of its own, and a task with roles.</summary>
    public bool HasLeadsPerTask => OwnRoles.Count == 0 && TaskRoles.Count > 0;

    /// <summary>As <see cref="Activity.LeadAgencyId"/>.</summary>
    public int? LeadAgencyId => OwnRoles.FirstOrDefault(r => r.Role == AssignmentRole.Lead)?.AgencyId;

    /// <summary>As <see cref="Activity.InvolvedAgencyIds"/>.</summary>
    public ActivityRoles Roles(int planId) =>
        new(Id, planId, Window, LeadAgencyId, [.. OwnRoles.Select(r => r.AgencyId).Concat(TaskRoles.Select(r => r.AgencyId)).Distinct().Order()]);
}

/// <summary>A reporting period as the dashboard reads it: its quarter and due date.</summary>
public sealed record PlanPeriod(Quarter Quarter, DateOnly DueOn)
{
    /// <summary>As <see cref="ReportingPeriod.IsOnTime(DateTime)"/>.</summary>
    public bool IsOnTime(DateTime submittedAtUtc) => ReportingPeriod.IsOnTime(DueOn, submittedAtUtc);
}

/// <summary>An indicator with the columns the dashboard shows.</summary>
public sealed record PlanIndicator(int Id, int ActivityId, string Code, string Name, string? EnglishName, IndicatorUnit Unit, int SortOrder, bool IsRetired, long? Target);
