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
            var pattern = "%" + filter.User.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
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

        var page = await query
            .OrderByDescending(e => e.OccurredAtUtc)
            .ThenByDescending(e => e.Id)
            .Select(e => new AuditRow(e.Id, e.OccurredAtUtc, e.UserName, e.Action, e.EntityType, e.EntityId, e.Changes, e.IpAddress, e.Detail))
            .ToPageAsync(filter.Page, PageSize, cancellationToken);
        filter.Page = page.Page;
        var entityTypes = await db.AuditEntries.AsNoTracking().Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
        return new AuditPage(filter, page.Rows, page.Total, page.PageCount, entityTypes);
    }
}
