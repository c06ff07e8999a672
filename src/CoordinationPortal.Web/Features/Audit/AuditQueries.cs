using CoordinationPortal.Data;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Audit;

public sealed class AuditQueries(PortalDbContext db)
{
    public const int PageSize = 50;

    public async Task<AuditPage> PageAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            // LIKE is case-insensitive for e-mail addresses on both SQLite and SQL Server's default collation.
            var pattern = Contains(filter.User);
            query = query.Where(e => e.UserName != null && EF.Functions.Like(e.UserName, pattern, "\\"));
        }

        if (!string.IsNullOrWhiteSpace(filter.Entity))
        {
            query = query.Where(e => e.EntityType == filter.Entity);
        }

        if (filter.Action is { } action)
        {
            query = query.Where(e => e.Action == action);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var pattern = Contains(filter.Text);
            query = query.Where(e => (e.EntityId != null && EF.Functions.Like(e.EntityId, pattern, "\\")) || (e.Detail != null && EF.Functions.Like(e.Detail, pattern, "\\")));
        }

        // A day is a Vietnam calendar day: from its 00:00 to the next day's 00:00, in UTC.
        if (filter.From is { } from)
        {
            var start = VietnamTime.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            query = query.Where(e => e.OccurredAtUtc >= start);
        }

        if (filter.To is { } to)
        {
            var end = VietnamTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            query = query.Where(e => e.OccurredAtUtc < end);
        }

        // A refusal carries the count of its window (docs/decisions/0028); other entries have none.
        var page = await (
                from e in query
                join t in db.AccessDenialTallies on e.Id equals t.AuditEntryId into tallies
                from t in tallies.DefaultIfEmpty()
                orderby e.OccurredAtUtc descending, e.Id descending
                select new AuditRow(e.Id, e.OccurredAtUtc, e.UserName, e.Action, e.EntityType, e.EntityId, e.Changes, e.IpAddress, e.Detail, t == null ? null : new AuditRepeats(t.Count, t.LastAtUtc, t.LastPath, t.Kind)))
            .ToPageAsync(filter.Page, PageSize, cancellationToken);
        filter.Page = page.Page;
        var entityTypes = await db.AuditEntries.AsNoTracking().Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
        return new AuditPage(filter, page.Rows, page.Total, page.PageCount, entityTypes);
    }

    /// <summary>A LIKE pattern for "contains", with the user's own %, _ and \ taken literally.</summary>
    private static string Contains(string text) =>
        "%" + text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
