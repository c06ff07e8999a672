using System.Globalization;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CoordinationPortal.Data.ReadModels;

/// <summary>
/// Keeps <see cref="IndicatorQuarterTotal"/> equal to what it sums (ADR 0057). The rule of what counts
/// is here once: the values of reports <see cref="ReportScope.CountedInResults"/>, on lines of the
/// activities provinces report on. Every save of the context asks <see cref="StaleScopes"/> which
/// plan, quarter and agency it changes, then <see cref="RefreshAsync"/> recomputes those rows in the
/// same transaction: whatever path wrote the change (report commands, review, the demo seed, a test).
/// </summary>
public static class IndicatorTotals
{
    private static readonly Func<QuarterlyReport, bool> Counted = ReportScope.CountedInResults.Compile();

    /// <summary>The rows to recompute: a plan, and within it a quarter and agency (null: all of them).</summary>
    public readonly record struct Scope(int PlanId, Quarter? Quarter, int? AgencyId);

    /// <summary>
    /// The scopes a pending save changes, read from the change tracker before the save: a report that
    /// counts (before or after the save) and changes state, is added or deleted, or has a line or value
    /// changed; and a whole plan when one of its activities starts or stops taking provincial figures.
    /// </summary>
    public static async Task<HashSet<Scope>> StaleScopesAsync(PortalDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var scopes = new HashSet<Scope>();
        var tracker = db.ChangeTracker;
        List<EntityEntry>? changed = null;
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                (changed ??= []).Add(entry);
            }
        }

        if (changed is null)
        {
            return scopes;
        }

        // Reports whose lines or values change, by id (a temporary id while the report is being added).
        var touchedReports = new HashSet<int>();
        Dictionary<int, int>? reportOfLine = null;
        foreach (var entry in changed)
        {
            switch (entry.Entity)
            {
                case QuarterlyReport report:
                    AddIfCounted(entry, report);
                    break;
                case ReportLine line:
                    touchedReports.Add(ValueOf<int>(entry, nameof(ReportLine.ReportId)));
                    break;
                case IndicatorValue when entry.Metadata.FindOwnership()?.PrincipalEntityType.ClrType == typeof(ReportLine):
                    reportOfLine ??= tracker.Entries<ReportLine>().ToDictionary(l => ValueOf<int>(l, nameof(ReportLine.Id)), l => ValueOf<int>(l, nameof(ReportLine.ReportId)));
                    if (reportOfLine.TryGetValue(ValueOf<int>(entry, "ReportLineId"), out var reportId))
                    {
                        touchedReports.Add(reportId);
                    }

                    break;
                case Activity activity when entry.State == EntityState.Modified && entry.Property(nameof(Activity.ProvincesReport)).IsModified:
                    scopes.Add(new Scope(activity.PlanId, null, null));
                    break;
            }
        }

        if (touchedReports.Count > 0)
        {
            var untracked = new List<int>();
            foreach (var id in touchedReports)
            {
                var entry = tracker.Entries<QuarterlyReport>().FirstOrDefault(r => ValueOf<int>(r, nameof(QuarterlyReport.Id)) == id);
                if (entry is null)
                {
                    untracked.Add(id);
                }
                else
                {
                    AddIfCounted(entry, entry.Entity);
                }
            }

            if (untracked.Count > 0)
            {
                var keys = await db.QuarterlyReports.AsNoTracking().IgnoreAutoIncludes().Where(r => untracked.Contains(r.Id)).Where(ReportScope.CountedInResults)
                    .Select(r => new { r.PlanId, r.Quarter, r.AgencyId }).ToListAsync(ct);
                scopes.UnionWith(keys.Select(k => new Scope(k.PlanId, k.Quarter, k.AgencyId)));
            }
        }

        return scopes;

        void AddIfCounted(EntityEntry entry, QuarterlyReport report)
        {
            if (IsCounted(entry, original: true) || IsCounted(entry, original: false))
            {
                scopes.Add(new Scope(report.PlanId, report.Quarter, report.AgencyId));
            }
        }
    }

    /// <summary>How long a save waits for another save of the same plan's totals before it fails (SQL Server).</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Serialises the saves that recompute a plan's totals, in the caller's transaction, before its
    /// writes. SQL Server: under READ COMMITTED two saves of one plan would each delete and recompute
    /// the same rows, and the later commit could drop the earlier change or collide on the key; an
    /// exclusive application lock per plan (released when the transaction ends) makes the second save
    /// wait before it writes anything, then read the first one's committed reports. Plans are locked
    /// in ascending id order, so two saves of several plans cannot wait for each other.
    /// SQLite needs none: its one write lock is taken when EF's transaction begins (BEGIN IMMEDIATE)
    /// and held to the commit, so a second writer waits before its first statement; a transaction
    /// whose read snapshot is older than another's commit cannot write at all (SQLITE_BUSY_SNAPSHOT),
    /// so it fails rather than keep a stale sum.
    /// </summary>
    public static async Task LockPlansAsync(PortalDbContext db, IEnumerable<Scope> scopes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scopes);
        if (db.Database.ProviderName != "Microsoft.EntityFrameworkCore.SqlServer")
        {
            return;
        }

        var timeout = (int)LockTimeout.TotalMilliseconds;
        foreach (var planId in scopes.Select(s => s.PlanId).Distinct().Order())
        {
            var resource = string.Create(CultureInfo.InvariantCulture, $"IndicatorTotals/{planId}");

            // sp_getapplock answers < 0 when the lock is not granted (timeout, deadlock victim): never recompute without it.
            await db.Database.ExecuteSqlAsync(
                $"""
                DECLARE @granted int;
                EXEC @granted = sp_getapplock @Resource = {resource}, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = {timeout};
                IF @granted < 0 THROW 51057, N'The lock on a plan''s indicator totals was not granted (sp_getapplock).', 1;
                """,
                ct);
        }
    }

    /// <summary>Recomputes the rows of each scope from the reports, in the caller's transaction.</summary>
    public static async Task RefreshAsync(PortalDbContext db, IEnumerable<Scope> scopes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scopes);
        var fresh = new List<IndicatorQuarterTotal>();
        foreach (var scope in scopes)
        {
            await Within(db.IndicatorQuarterTotals, scope).ExecuteDeleteAsync(ct);
            fresh.AddRange(await Compute(db, scope).ToListAsync(ct));
        }

        db.IndicatorQuarterTotals.AddRange(fresh);
        await db.SaveChangesAsync(ct);

        // Later saves of this context delete and re-add rows of the same keys: the tracker must not hold these.
        foreach (var row in fresh)
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }

    /// <summary>The totals of a scope as the reports give them: the rule of what counts, in one place.</summary>
    public static IQueryable<IndicatorQuarterTotal> Compute(PortalDbContext db, Scope scope)
    {
        ArgumentNullException.ThrowIfNull(db);
        var reports = db.QuarterlyReports.AsNoTracking().IgnoreAutoIncludes().Where(ReportScope.CountedInResults).Where(r => r.PlanId == scope.PlanId);
        if (scope.Quarter is { } quarter)
        {
            reports = reports.Where(r => r.Quarter == quarter);
        }

        if (scope.AgencyId is { } agency)
        {
            reports = reports.Where(r => r.AgencyId == agency);
        }

        var planId = scope.PlanId;
        return from report in reports
               from line in report.Lines
               join activity in db.Activities on line.ActivityId equals activity.Id
               where activity.ProvincesReport
               from value in line.Values
               group value by new { report.Quarter, report.AgencyId, value.IndicatorId } into g
               select new IndicatorQuarterTotal(planId, g.Key.Quarter, g.Key.AgencyId, g.Key.IndicatorId, g.Sum(v => v.Value));
    }

    private static IQueryable<IndicatorQuarterTotal> Within(IQueryable<IndicatorQuarterTotal> rows, Scope scope)
    {
        rows = rows.Where(t => t.PlanId == scope.PlanId);
        if (scope.Quarter is { } quarter)
        {
            rows = rows.Where(t => t.Quarter == quarter);
        }

        return scope.AgencyId is { } agency ? rows.Where(t => t.AgencyId == agency) : rows;
    }

    private static bool IsCounted(EntityEntry entry, bool original)
    {
        if ((original && entry.State == EntityState.Added) || (!original && entry.State == EntityState.Deleted))
        {
            return false;
        }

        // The report as it was before this save, for a state change out of the counted ones.
        return Counted(original ? (QuarterlyReport)entry.OriginalValues.ToObject() : (QuarterlyReport)entry.Entity);
    }

    private static T ValueOf<T>(EntityEntry entry, string property)
    {
        var p = entry.Property(property);
        return (T)(entry.State == EntityState.Deleted ? p.OriginalValue : p.CurrentValue)!;
    }
}
