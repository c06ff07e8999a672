using System.Globalization;
using CoordinationPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.PlanEditing;

/// <summary>
/// Who last saved a plan or an activity, and when, read from the audit trail (plans keep no "updated
/// by" of their own): what a conflict page says about the save that came first.
/// </summary>
public static class EditHistory
{
    public static async Task<(string? By, DateTime AtUtc)> LastSavedAsync(PortalDbContext db, string entityType, int id, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var key = id.ToString(CultureInfo.InvariantCulture);
        var last = await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == entityType && e.EntityId == key)
            .OrderByDescending(e => e.Id)
            .Select(e => new { e.UserId, e.UserName, e.OccurredAtUtc })
            .FirstOrDefaultAsync(cancellationToken);
        if (last is null)
        {
            return (null, clock.GetUtcNow().UtcDateTime);
        }

        var name = last.UserId is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == last.UserId).Select(u => u.FullName).FirstOrDefaultAsync(cancellationToken);
        return (name ?? last.UserName, last.OccurredAtUtc);
    }
}
