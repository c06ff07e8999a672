using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Audit;

public sealed class AuditQueries(PortalDbContext db, AuditDescriber describer)
{
    public const int PageSize = 50;

    /// <summary>
    /// Record types that only hold security matters: the account events (sign-ins, failures,
    /// blocks) and the second-factor keys and recovery codes.
    /// </summary>
    public static readonly IReadOnlyList<string> SecurityRecordTypes = [SecurityAudit.EntityType, "IdentityUserToken"];

    /// <summary>
    /// The entries <paramref name="actor"/> may read: everything for administrators; without security
    /// events and their records for anyone else (leadership). Asked before any filter, so that no
    /// query parameter can reach past it.
    /// </summary>
    public IQueryable<AuditEntry> ReadableBy(Actor actor)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!Permissions.CanReadSecurityEvents(actor))
        {
            var actions = AuditActions.SecurityEvents.ToList();
            var types = SecurityRecordTypes.ToList();
            query = query.Where(e => !actions.Contains(e.Action) && !types.Contains(e.EntityType));
        }

        return query;
    }

    public async Task<AuditPage> PageAsync(Actor actor, AuditFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        var showsSecurity = Permissions.CanReadSecurityEvents(actor);
        var readable = ReadableBy(actor);
        var query = readable;
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
                select new AuditRow(e.Id, e.OccurredAtUtc, e.UserId, e.UserName, e.Action, e.EntityType, e.EntityId, e.Changes, e.IpAddress, e.Detail, t == null ? null : new AuditRepeats(t.Count, t.LastAtUtc, t.LastPath, t.Kind)))
            .ToPageAsync(filter.Page, PageSize, cancellationToken);
        filter.Page = page.Page;
        var entityTypes = await readable.Select(e => e.EntityType).Distinct().ToListAsync(cancellationToken);
        var kinds = entityTypes.Select(t => new AuditKind(t, describer.Kind(t))).OrderBy(k => k.Label, StringComparer.CurrentCulture).ToList();
        var actions = Enum.GetValues<AuditAction>().Where(a => showsSecurity || !a.IsSecurityEvent()).ToList();
        var rows = await describer.DescribeAsync(page.Rows, showsSecurity, cancellationToken);
        return new AuditPage(filter, rows, page.Total, page.PageCount, kinds, actions, showsSecurity);
    }

    /// <summary>A LIKE pattern for "contains", with the user's own %, _ and \ taken literally.</summary>
    private static string Contains(string text) =>
        "%" + text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
