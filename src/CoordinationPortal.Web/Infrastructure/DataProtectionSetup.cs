using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using CoordinationPortal.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Infrastructure;

/// <summary>Where the data-protection keys are kept.</summary>
public enum KeyStore
{
    /// <summary>One XML file per key in &lt;DataDirectory&gt;/keys: one node, or nodes that share the data folder.</summary>
    Files,

    /// <summary>The DataProtectionKeys table: every node that uses the database uses the same keys (ADR 0045).</summary>
    Database,
}

/// <summary>The "DataProtection" configuration section: where the keys that sign sessions and forms are kept, and how they are encrypted.</summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>Files (default) or Database; two or more nodes behind a load balancer need Database (or one shared data folder).</summary>
    public KeyStore Store { get; set; } = KeyStore.Files;

    /// <summary>A PFX (PKCS #12) file holding an RSA certificate and its private key, outside the data folder.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PFX file's password; an environment variable (DataProtection__CertificatePassword), never a file in the repo.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Outside Development, start with unencrypted keys anyway (a throw-away test server); a warning at every start.</summary>
    public bool AllowUnprotectedKeys { get; set; }
}

/// <summary>
/// The certificate that encrypts the keys, read once at start from <see cref="KeyProtectionOptions"/>:
/// null when none is set, or the reason it cannot be used (reported by the start-up check, which
/// refuses to start with it).
/// </summary>
public sealed class KeyProtectionCertificate : IDisposable
{
    private KeyProtectionCertificate(X509Certificate2? certificate, SettingsStartupException? problem)
    {
        Certificate = certificate;
        Problem = problem;
    }

    public X509Certificate2? Certificate { get; }

    public SettingsStartupException? Problem { get; }

    public void Dispose() => Certificate?.Dispose();

    public static KeyProtectionCertificate Load(KeyProtectionOptions options, string contentRoot, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return new(null, null);
        }

        var path = Path.GetFullPath(options.CertificatePath, contentRoot);
        if (path.StartsWith(Path.TrimEndingDirectorySeparator(dataDirectory) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return new(null, new SettingsStartupException(
                $"The key-protection certificate {path} (DataProtection:CertificatePath) is inside the data folder {dataDirectory}: a copy of that folder " +
                "would carry the certificate along with the keys it protects. Keep it elsewhere, for example /etc/coordination-portal/keys.pfx readable " +
                "by the portal's account only, and point DataProtection:CertificatePath at it."));
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, string.IsNullOrEmpty(options.CertificatePassword) ? null : options.CertificatePassword);
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return new(null, new SettingsStartupException(
                $"Cannot read the key-protection certificate {path} (DataProtection:CertificatePath): {exception.Message} " +
                $"Check that the file exists, that the account {Environment.UserName} may read it, and that DataProtection:CertificatePassword " +
                "(environment variable DataProtection__CertificatePassword) is its password.",
                exception));
        }

        using var rsa = certificate.GetRSAPublicKey();
        if (!certificate.HasPrivateKey || rsa is null)
        {
            certificate.Dispose();
            return new(null, new SettingsStartupException(
                $"The key-protection certificate {path} (DataProtection:CertificatePath) must be an RSA certificate with its private key in a PFX file; " +
                "docs/security.md shows how to make one with openssl."));
        }

        return new(certificate, null);
    }
}

public static class DataProtectionSetup
{
    /// <summary>The keys' folder under the data directory; backup and restore copy it with the database.</summary>
    public const string KeysFolder = "keys";

    private static readonly XNamespace KeyNamespace = "http://schemas.asp.net/2015/03/dataProtection";

    /// <summary>
    /// Keys (which protect cookies, antiforgery tokens and authenticator secrets) live in the data
    /// directory, so that a restart does not sign everyone out or break forms people have open, and
    /// are encrypted with the certificate of DataProtection:CertificatePath, kept outside it, so that
    /// a copy of the folder cannot sign anyone in (docs/decisions/0026).
    /// </summary>
    public static IServiceCollection AddPortalDataProtection(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        services.AddOptions<KeyProtectionOptions>().BindConfiguration(KeyProtectionOptions.Section);

        // Read here: Data Protection takes the certificate and the store when it is registered, not later.
        var settings = configuration.GetSection(KeyProtectionOptions.Section).Get<KeyProtectionOptions>() ?? new KeyProtectionOptions();
        var protection = KeyProtectionCertificate.Load(settings, environment.ContentRootPath, configuration.ResolveDataDirectory(environment));
        services.AddSingleton(protection);

        // The application name is part of every protector's purpose: nodes (and restarts from another
        // folder) must share it, or the same keys would still not read each other's cookies.
        var dataProtection = services.AddDataProtection().SetApplicationName("CoordinationPortal");
        if (protection.Certificate is { } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(certificate); // and decrypts with it, whatever the store
        }

        if (settings.Store == KeyStore.Database)
        {
            dataProtection.PersistKeysToDbContext<PortalDbContext>();
            return services;
        }

        services.AddOptions<KeyManagementOptions>()
            .Configure<IConfiguration, IHostEnvironment, ILoggerFactory>((options, config, host, loggers) =>
            {
                var keys = Directory.CreateDirectory(KeysDirectory(config, host));
                options.XmlRepository = new FileSystemXmlRepository(keys, loggers);
            });
        return services;
    }

    public static string KeysDirectory(IConfiguration configuration, IHostEnvironment environment) =>
        Path.Combine(configuration.ResolveDataDirectory(environment), KeysFolder);

    /// <summary>
    /// Before anything uses a key: with the certificate, encrypts the keys an earlier start left in
    /// clear (they would sign sessions for up to 90 days more); without one, Development says once
    /// that its keys are unencrypted, and any other environment refuses to start unless
    /// DataProtection:AllowUnprotectedKeys says to, with a log line that says why.
    /// </summary>
    public static WebApplication CheckPortalKeyProtection(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        var logger = loggers.CreateLogger(StorageStartup.LoggerName);
        var keys = KeysDirectory(app.Configuration, app.Environment);
        try
        {
            var protection = app.Services.GetRequiredService<KeyProtectionCertificate>();
            if (protection.Problem is { } problem)
            {
                throw problem;
            }

            if (protection.Certificate is { } certificate)
            {
                var encrypted = EncryptKeysStoredInClear(keys, new CertificateXmlEncryptor(certificate, loggers));
                if (encrypted > 0)
                {
                    logger.LogWarning("Encrypted {Count} data-protection keys that were stored in clear in {KeysFolder} with the key-protection certificate", encrypted, keys);
                }

                logger.LogInformation(
                    "Data-protection keys in {KeysFolder} are encrypted with the certificate {Subject} ({Thumbprint}, valid until {NotAfter:dd/MM/yyyy})",
                    keys,
                    certificate.Subject,
                    certificate.Thumbprint,
                    certificate.NotAfter);
            }
            else if (app.Environment.IsDevelopment())
            {
                logger.LogWarning(
                    "Development: the data-protection keys in {KeysFolder} are stored unencrypted. Other environments refuse to start so: they need DataProtection:CertificatePath (docs/security.md)",
                    keys);
            }
            else if (app.Services.GetRequiredService<IOptions<KeyProtectionOptions>>().Value.AllowUnprotectedKeys)
            {
                logger.LogWarning(
                    "The data-protection keys in {KeysFolder} are stored unencrypted because DataProtection:AllowUnprotectedKeys is true: anyone with a copy of the data folder can sign in as any user. Only for a test server; set DataProtection:CertificatePath for a real one (docs/security.md)",
                    keys);
            }
            else
            {
                throw new SettingsStartupException(
                    $"The data-protection keys in {keys} would be stored unencrypted, and with a copy of the data folder anyone could sign in as any user, " +
                    $"administrators included ({app.Environment.EnvironmentName} environment). Set DataProtection:CertificatePath to a PFX file outside the data folder " +
                    "(environment variable DataProtection__CertificatePath) and DataProtection:CertificatePassword to its password (DataProtection__CertificatePassword); " +
                    "docs/security.md shows how to make one. Only on a test server, DataProtection:AllowUnprotectedKeys=true starts without it.");
            }
        }
        catch (SettingsStartupException exception)
        {
            logger.LogCritical("{Problem}", exception.Message);
            throw;
        }

        return app;
    }

    /// <summary>
    /// Encrypts, in place, the parts of each key file that Data Protection marks as needing it (the
    /// master key), the way it does for a new key, so that keys written before a certificate was set
    /// keep working for the sessions and secrets they protect. Returns how many files it rewrote.
    /// </summary>
    private static int EncryptKeysStoredInClear(string folder, CertificateXmlEncryptor encryptor)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var rewritten = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.xml"))
        {
            var document = XDocument.Load(file);
            if (!EncryptSecretsStoredInClear(document.Root!, encryptor))
            {
                continue;
            }

            // A new file renamed over the old one: a crash leaves the old key or the new one, never half of either.
            var temporary = file + ".tmp";
            document.Save(temporary);
            File.Move(temporary, file, overwrite: true);
            rewritten++;
        }

        return rewritten;
    }

    /// <summary>Encrypts, in place, the parts of one key that Data Protection marks as needing it; false when there were none.</summary>
    private static bool EncryptSecretsStoredInClear(XElement key, CertificateXmlEncryptor encryptor)
    {
        var clear = key.DescendantsAndSelf().Where(e => (bool?)e.Attribute(KeyNamespace + "requiresEncryption") == true).ToList();
        foreach (var element in clear)
        {
            var copy = new XElement(element);
            _ = new XDocument(copy); // the encryptor expects an element with a document, as Data Protection gives it
            var encrypted = encryptor.Encrypt(copy);
            element.ReplaceWith(new XElement(
                KeyNamespace + "encryptedSecret",
                new XAttribute("decryptorType", encrypted.DecryptorType.AssemblyQualifiedName!),
                encrypted.EncryptedElement));
        }

        return clear.Count > 0;
    }

    /// <summary>
    /// With DataProtection:Store=Database, after migrating and before anything protects data: copies
    /// the key files an earlier Files start left (so that sessions and authenticator secrets they
    /// protect keep working when an installation moves to the database store), and, with the
    /// certificate, encrypts keys that were stored in the table in clear. Each node may run it; a key
    /// already in the table is not copied again.
    /// </summary>
    public static async Task MoveKeysToDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<KeyProtectionOptions>>().Value.Store != KeyStore.Database)
        {
            return;
        }

        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        var logger = loggers.CreateLogger(StorageStartup.LoggerName);
        var certificate = app.Services.GetRequiredService<KeyProtectionCertificate>().Certificate;
        var encryptor = certificate is null ? null : new CertificateXmlEncryptor(certificate, loggers);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var stored = await db.DataProtectionKeys.ToListAsync(app.Lifetime.ApplicationStopping);
        var encrypted = 0;
        foreach (var row in stored.Where(r => r.Xml is not null))
        {
            var key = XElement.Parse(row.Xml!);
            if (encryptor is not null && EncryptSecretsStoredInClear(key, encryptor))
            {
                row.Xml = key.ToString(SaveOptions.DisableFormatting);
                encrypted++;
            }
        }

        var folder = KeysDirectory(app.Configuration, app.Environment);
        var names = stored.Select(r => r.FriendlyName).ToHashSet(StringComparer.Ordinal);
        var copied = 0;
        if (Directory.Exists(folder))
        {
            // The files were encrypted in place by CheckPortalKeyProtection when a certificate is set.
            foreach (var file in Directory.EnumerateFiles(folder, "*.xml").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                if (names.Add(name))
                {
                    db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = name, Xml = XElement.Load(file).ToString(SaveOptions.DisableFormatting) });
                    copied++;
                }
            }
        }

        await db.SaveChangesAsync(app.Lifetime.ApplicationStopping);
        if (copied > 0)
        {
            logger.LogWarning("Copied {Count} data-protection keys from {KeysFolder} into the database (DataProtection:Store is Database); the files are no longer read", copied, folder);
        }

        if (encrypted > 0)
        {
            logger.LogWarning("Encrypted {Count} data-protection keys that were stored in the database in clear with the key-protection certificate", encrypted);
        }

        logger.LogInformation("Data-protection keys are kept in the database ({Count} keys), shared by every node that uses it", names.Count);
    }
}
