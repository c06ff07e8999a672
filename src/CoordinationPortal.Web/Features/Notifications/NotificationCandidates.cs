using CoordinationPortal.Data.Identity;
using CoordinationPortal.Domain.Access;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Notifications;

/// <summary>
/// The accounts a notification rule judges, read once as what they may do: each caller narrows the
/// query to those its rule could name; <see cref="NotificationAudience"/> decides who is told.
/// </summary>
public static class NotificationCandidates
{
    public static async Task<List<Candidate>> LoadAsync(IQueryable<PortalUser> accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var rows = await accounts.AsNoTracking()
            .Select(u => new { u.Id, u.Role, u.AgencyId, u.ProvinceId, u.IsActive })
            .ToListAsync(cancellationToken);
        return [.. rows
            .Where(a => Actor.IsValid(a.Role, a.AgencyId, a.ProvinceId))
            .Select(a => new Candidate(a.Id, new Actor(a.Role, a.AgencyId, a.ProvinceId), a.IsActive))];
    }
}
