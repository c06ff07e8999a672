using CoordinationPortal.Domain.Notifications;
using CoordinationPortal.Domain.Reporting;

namespace CoordinationPortal.Domain.Access;

/// <summary>An account that might be told: its id, what it may do, and whether it can still sign in.</summary>
public sealed record Candidate(string UserId, Actor Actor, bool IsActive);

/// <summary>
/// The one rule for who receives a notification: those <see cref="Permissions.IsToldOf"/> names,
/// never a disabled account, never the person who acted.
/// </summary>
public static class NotificationAudience
{
    public static IReadOnlyList<string> Of(NotificationKind kind, QuarterlyReport report, IEnumerable<Candidate> candidates, string actingUserId)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return [.. candidates
            .Where(c => c.IsActive && c.UserId != actingUserId && Permissions.IsToldOf(kind, c.Actor, report))
            .Select(c => c.UserId)
            .Distinct()
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Who is reminded of a province-branch's unsubmitted report: <see cref="Permissions.IsRemindedOf"/>, active accounts only.</summary>
    public static IReadOnlyList<string> OfBranch(NotificationKind kind, int provinceId, int agencyId, IEnumerable<Candidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return [.. candidates
            .Where(c => c.IsActive && Permissions.IsRemindedOf(kind, c.Actor, provinceId, agencyId))
            .Select(c => c.UserId)
            .Distinct()
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Who receives the weekly digest, by the agency their figures cover (null: both), active accounts only.</summary>
    public static IReadOnlyList<IGrouping<int?, string>> OfWeeklyDigest(IEnumerable<Candidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return [.. candidates
            .Where(c => c.IsActive && Permissions.GetsDigest(c.Actor))
            .DistinctBy(c => c.UserId)
            .OrderBy(c => c.UserId, StringComparer.Ordinal)
            .GroupBy(c => Permissions.DigestAgencyOf(c.Actor), c => c.UserId)];
    }

    /// <summary>Who is told of an extension event: <see cref="Permissions.IsToldOf(NotificationKind, Actor, ExtensionRequest)"/>, never a disabled account or the actor.</summary>
    public static IReadOnlyList<string> Of(NotificationKind kind, ExtensionRequest request, IEnumerable<Candidate> candidates, string actingUserId)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return [.. candidates
            .Where(c => c.IsActive && c.UserId != actingUserId && Permissions.IsToldOf(kind, c.Actor, request))
            .Select(c => c.UserId)
            .Distinct()
            .Order(StringComparer.Ordinal)];
    }
}
