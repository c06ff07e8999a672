using CoordinationPortal.Data;
using CoordinationPortal.Domain.Auditing;

namespace CoordinationPortal.Web.Infrastructure.Security;

/// <summary>
/// Writes security events (sign-in, 2FA, denials) to the audit trail in a scope of their own, so
/// that recording a refusal never saves half-made changes of the request that was refused.
/// </summary>
public sealed class SecurityAudit(IServiceScopeFactory scopes)
{
    public const string EntityType = "Account";

    public async Task RecordAsync(AuditAction action, string? userId, string? userName, string? detail = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.RecordEvent(action, EntityType, userId, userId, userName, detail);
        await db.SaveChangesAsync();
    }
}
