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
