using CoordinationPortal.Domain.Plans;

namespace CoordinationPortal.Domain.Access;

/// <summary>
/// Who may do what (design.md section 4), as plain functions the web layer calls for every request.
/// Anything not granted here is denied.
/// </summary>
public static class Permissions
{
    /// <summary>Every role reads plans and activities.</summary>
    public static bool CanReadPlans(Actor actor) => actor is not null;

    /// <summary>Users, plans, calendar and lock exceptions are administration.</summary>
    public static bool CanAdminister(Actor actor) => actor?.Role == PortalRole.Administrator;

    public static bool CanReadAudit(Actor actor) => actor?.Role is PortalRole.Administrator or PortalRole.Leadership;

    /// <summary>A central officer logs progress only where their agency leads or supports.</summary>
    public static bool CanLogProgress(Actor actor, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return actor?.Role == PortalRole.CentralOfficer && actor.AgencyId is { } agency && activity.Involves(agency);
    }
}
