using System.Security.Cryptography;
using CoordinationPortal.Data;
using CoordinationPortal.Data.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Infrastructure.Security;

/// <summary>
/// Keeps each signed-in session in the database (docs/decisions/0025): the cookie carries only a
/// random key, so signing out deletes the session for every copy of the cookie, and "sign out
/// everywhere" deletes all of an account's sessions at once, on every node that shares the database.
/// A singleton (the cookie handler's), so each call takes a scope of its own.
/// </summary>
public sealed class DatabaseSessionStore(
    IServiceScopeFactory scopes,
    IDataProtectionProvider protection,
    IOptions<SecurityOptions> security,
    TimeProvider clock) : ITicketStore
{
    /// <summary>HttpContext.Items key of the current request's session key, for "this device" on the account page.</summary>
    public const string CurrentKeyItem = "portal.sessionKey";

    private readonly IDataProtector _protector = protection.CreateProtector("CoordinationPortal.Sessions.v1");

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) => StoreAsync(ticket, null, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var userId = ticket.Principal.UserId() ?? throw new InvalidOperationException("A session needs a signed-in user.");
        var now = clock.GetUtcNow().UtcDateTime;
        var key = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        // Sessions nobody signed out of are pruned as new ones start: no job to schedule.
        await db.UserSessions.Where(s => s.ExpiresAtUtc < now).ExecuteDeleteAsync(cancellationToken);
        db.UserSessions.Add(new UserSession(
            key,
            userId,
            Protect(ticket),
            PortalSignInManager.SignedInAt(ticket.Properties)?.UtcDateTime ?? now,
            ExpiresAt(ticket, now),
            httpContext?.Connection.RemoteIpAddress?.ToString(),
            httpContext?.Request.Headers.UserAgent.ToString()));
        await db.SaveChangesAsync(cancellationToken);
        if (httpContext is not null)
        {
            httpContext.Items[CurrentKeyItem] = key;
        }

        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, null, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) => RenewAsync(key, ticket, null, cancellationToken);

    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var session = await db.UserSessions.SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (session is null)
        {
            return; // ended meanwhile (signed out elsewhere): renewing must not bring it back
        }

        session.Renew(Protect(ticket), now, ExpiresAt(ticket, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (StorageFailure.Classify(exception) is not null)
        {
            // Renewing runs as the response starts (a POST renews, ADR 0033): a full or read-only
            // disk must leave the request's own answer (the 503 storage page) intact; the session
            // simply keeps its earlier expiry.
            scope.ServiceProvider.GetRequiredService<ILogger<DatabaseSessionStore>>()
                .LogWarning("A session's expiry could not be extended: {Failure}", StorageFailure.Describe(StorageFailure.Classify(exception)!.Value));
        }
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) => RetrieveAsync(key, null, cancellationToken);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var stored = await db.UserSessions.AsNoTracking()
            .Where(s => s.Key == key && s.ExpiresAtUtc > now)
            .Select(s => s.Ticket)
            .SingleOrDefaultAsync(cancellationToken);
        var ticket = stored is null ? null : Unprotect(stored);
        if (ticket is not null && httpContext is not null)
        {
            httpContext.Items[CurrentKeyItem] = key;
        }

        return ticket;
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, null, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => RemoveAsync(key, null, cancellationToken);

    public async Task RemoveAsync(string key, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.UserSessions.Where(s => s.Key == key).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The earlier of the idle expiry the cookie handler set and the absolute limit from sign-in.</summary>
    private DateTime ExpiresAt(AuthenticationTicket ticket, DateTime now)
    {
        var idle = ticket.Properties.ExpiresUtc?.UtcDateTime ?? now + security.Value.IdleTimeout;
        var signedInAt = PortalSignInManager.SignedInAt(ticket.Properties)?.UtcDateTime ?? now;
        var absolute = signedInAt + security.Value.AbsoluteSessionLifetime;
        return idle < absolute ? idle : absolute;
    }

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(TicketSerializer.Default.Serialize(ticket));

    private AuthenticationTicket? Unprotect(byte[] stored)
    {
        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(stored));
        }
        catch (CryptographicException)
        {
            return null; // keys replaced since: the person signs in again
        }
    }
}

/// <summary>Hooks the store into the sign-in cookie.</summary>
public sealed class SessionStoreSetup(DatabaseSessionStore store) : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name == Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme)
        {
            options.SessionStore = store;
        }
    }
}
