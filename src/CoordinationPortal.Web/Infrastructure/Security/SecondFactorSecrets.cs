using System.Security.Cryptography;
using CoordinationPortal.Data;
using CoordinationPortal.Data.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Infrastructure.Security;

/// <summary>
/// The authenticator key and the recovery codes are kept in AspNetUserTokens encrypted with Data
/// Protection, so that a copy of the database alone gives neither. A stored value carries a prefix;
/// one without it was written in clear by an earlier version: it still works when read, and the
/// next start encrypts it (docs/decisions/0026).
/// </summary>
public sealed class SecondFactorSecrets(IDataProtectionProvider provider, ILogger<SecondFactorSecrets> logger)
{
    /// <summary>Identity's own login provider name for the tokens its store keeps for itself.</summary>
    public const string LoginProvider = "[AspNetUserStore]";

    private const string Prefix = "dp1:";

    private static readonly string[] Names = ["AuthenticatorKey", "RecoveryCodes"];

    private readonly IDataProtector _protector = provider.CreateProtector("CoordinationPortal.SecondFactorSecrets.v1");

    public static bool IsSecret(string loginProvider, string name) =>
        loginProvider == LoginProvider && Names.Contains(name, StringComparer.Ordinal);

    public string Protect(string value) => Prefix + _protector.Protect(value);

    /// <summary>The secret as Identity wrote it; null (and an error in the log) when the keys it was encrypted with are gone.</summary>
    public string? Reveal(string? stored, string userId)
    {
        if (stored is null || !stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return stored; // written in clear by an earlier version
        }

        try
        {
            return _protector.Unprotect(stored[Prefix.Length..]);
        }
        catch (CryptographicException exception)
        {
            logger.LogError(
                "The second-factor secret of user {UserId} cannot be decrypted: the data-protection keys it was encrypted with are missing or cannot be read (a database restored without its keys folder, or another key-protection certificate). The user must set up the authenticator again. {Error}",
                userId,
                exception.Message);
            return null;
        }
    }

    /// <summary>Encrypts every second-factor secret still stored in clear; returns how many.</summary>
    public async Task<int> ProtectStoredInClearAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var clear = await db.UserTokens
            .Where(t => t.LoginProvider == LoginProvider && Names.Contains(t.Name) && t.Value != null && !t.Value.StartsWith(Prefix))
            .ToListAsync(cancellationToken);
        foreach (var token in clear)
        {
            token.Value = Protect(token.Value!);
        }

        await db.SaveChangesAsync(cancellationToken);
        return clear.Count;
    }
}

/// <summary>
/// Identity's Entity Framework store, with the second-factor secrets passing through
/// <see cref="SecondFactorSecrets"/> on their way to and from AspNetUserTokens. Every Identity call
/// that touches them (authenticator key, recovery codes: set, read, count, redeem) goes through these two.
/// </summary>
public sealed class PortalUserStore(PortalDbContext context, SecondFactorSecrets secrets, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<PortalUser, PortalDbContext, string>(context, describer)
{
    public override Task SetTokenAsync(PortalUser user, string loginProvider, string name, string? value, CancellationToken cancellationToken) =>
        base.SetTokenAsync(user, loginProvider, name, value is not null && SecondFactorSecrets.IsSecret(loginProvider, name) ? secrets.Protect(value) : value, cancellationToken);

    public override async Task<string?> GetTokenAsync(PortalUser user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var value = await base.GetTokenAsync(user, loginProvider, name, cancellationToken);
        return SecondFactorSecrets.IsSecret(loginProvider, name) ? secrets.Reveal(value, user.Id) : value;
    }
}

public static class SecondFactorSecretsSetup
{
    /// <summary>At start, with the migrations: secrets an earlier version stored in clear are encrypted.</summary>
    public static async Task ProtectStoredSecondFactorSecretsAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
        {
            return; // read as they are until a start that migrates
        }

        await using var scope = app.Services.CreateAsyncScope();
        var count = await scope.ServiceProvider.GetRequiredService<SecondFactorSecrets>()
            .ProtectStoredInClearAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), app.Lifetime.ApplicationStopping);
        if (count > 0)
        {
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(StorageStartup.LoggerName)
                .LogInformation("Encrypted {Count} authenticator keys and recovery code lists that an earlier version stored in clear", count);
        }
    }
}
