using CoordinationPortal.Data;
using System.Security.Claims;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using CoordinationPortal.Data.Identity;
using CoordinationPortal.Web.Infrastructure.Security;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// A copy of the data folder (database, keys, logs, evidence files) is not a way in: the keys are
/// encrypted with a certificate kept outside it, authenticator secrets are encrypted with the keys,
/// and only the portal's own account can read any of it.
/// </summary>
public sealed class DataAtRestTests : IDisposable
{
    private const string StoreProvider = "[AspNetUserStore]";

    private readonly List<string> _directories = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var directory in _directories.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task The_keys_on_disk_are_encrypted_with_the_certificate_and_hold_no_master_key_in_clear()
    {
        await using var portal = new PortalFactory();
        _ = await portal.SignedInClientAsync(Persona.Administrator);

        var keys = Directory.GetFiles(Path.Combine(portal.DataDirectory, "keys"), "*.xml");
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            var xml = await File.ReadAllTextAsync(key, Ct);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_session_cookie_minted_from_a_copy_of_the_data_folder_without_the_certificate_is_refused()
    {
        await using var portal = new PortalFactory();
        var administrator = await portal.AccountAsync(Persona.Administrator);
        _ = await portal.SignedInClientAsync(Persona.Administrator);

        // The recipe works: a cookie made by the portal's own services opens the administrator's pages.
        using (var genuine = await GetWithSessionAsync(portal, await MintSessionAsync(portal, administrator.Id), "/admin/users"))
        {
            Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        }

        // A thief copies the data folder (database and keys), not the certificate kept outside it, and
        // runs the same portal on the copy to make an administrator's cookie.
        await portal.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", Ct));
        var copy = NewDirectory();
        CopyFolder(portal.DataDirectory, copy);
        await using var thief = new PortalFactory(copy);
        thief.Settings["DataProtection:CertificatePath"] = string.Empty;
        thief.Settings["DataProtection:CertificatePassword"] = string.Empty;
        thief.Settings["DataProtection:AllowUnprotectedKeys"] = "true";
        string minted;
        try
        {
            minted = await MintSessionAsync(thief, administrator.Id);
        }
        catch (CryptographicException)
        {
            return; // the copied keys could not even be read: nothing to mint with
        }

        using var response = await GetWithSessionAsync(portal, minted, "/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", PathOf(response.Headers.Location!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_refuses_to_start_with_unencrypted_keys_unless_told_to_and_the_log_says_why()
    {
        var directory = NewDirectory();
        await using (var refused = WithoutCertificate(new PortalFactory(directory)))
        {
            var thrown = Assert.ThrowsAny<Exception>(() => refused.Services);
            Assert.Contains("DataProtection:CertificatePath", thrown.ToString(), StringComparison.Ordinal);
            Assert.Contains("DataProtection:AllowUnprotectedKeys", thrown.ToString(), StringComparison.Ordinal);
        }

        Assert.Empty(Directory.Exists(Path.Combine(directory, "keys")) ? Directory.GetFiles(Path.Combine(directory, "keys"), "*.xml") : []);
        await using (var allowed = WithoutCertificate(new PortalFactory(directory)))
        {
            allowed.Settings["DataProtection:AllowUnprotectedKeys"] = "true";
            using var page = await allowed.NewClient().GetAsync(new Uri("/account/sign-in", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        // As an operator starts it (a process of its own, its own log): the log line says why, and what to set.
        var withoutCertificate = new Dictionary<string, string> { ["DataProtection__CertificatePath"] = string.Empty, ["DataProtection__CertificatePassword"] = string.Empty };
        var (exitCode, output) = await WebAppProcess.RunAsync(directory, withoutCertificate, "create-admin");
        Assert.NotEqual(0, exitCode);
        Assert.Contains(PortalLogs.Read(directory), line => line.Contains("[FTL]", StringComparison.Ordinal) && line.Contains("DataProtection:CertificatePath", StringComparison.Ordinal));
        Assert.Contains("DataProtection__CertificatePath", output, StringComparison.Ordinal);

        withoutCertificate["DataProtection__AllowUnprotectedKeys"] = "true";
        var (usage, allowedOutput) = await WebAppProcess.RunAsync(directory, withoutCertificate, "create-admin");
        Assert.Equal(2, usage); // it started, and create-admin without --email only says how to use it
        Assert.Contains(PortalLogs.Read(directory), line => line.Contains("[WRN]", StringComparison.Ordinal) && line.Contains("DataProtection:AllowUnprotectedKeys is true", StringComparison.Ordinal));
        Assert.Contains("DataProtection:AllowUnprotectedKeys is true", allowedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_an_earlier_version_wrote_in_clear_are_encrypted_at_the_next_start_and_its_sessions_go_on()
    {
        var directory = NewDirectory();
        string session;
        await using (var before = WithoutCertificate(new PortalFactory(directory)))
        {
            before.Settings["DataProtection:AllowUnprotectedKeys"] = "true";
            var officer = await before.AccountAsync(Persona.CentralVwu);
            using var signIn = await PortalFactory.SignInAsync(before.NewClient(), officer.Email, officer.Password);
            session = SessionCookie(signIn);
        }

        var keys = Path.Combine(directory, "keys");
        Assert.Contains(Directory.GetFiles(keys, "*.xml"), key => File.ReadAllText(key).Contains("<masterKey", StringComparison.Ordinal));

        await using var after = new PortalFactory(directory);
        using var home = await GetWithSessionAsync(after, session, "/");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.All(Directory.GetFiles(keys, "*.xml"), key => Assert.DoesNotContain("<masterKey", File.ReadAllText(key), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_authenticator_secret_and_recovery_codes_are_stored_encrypted_and_still_sign_in()
    {
        await using var portal = new PortalFactory();
        var administrator = await portal.AccountAsync(Persona.Administrator);

        var stored = await StoredTokenAsync(portal, administrator.Id, "AuthenticatorKey");
        Assert.NotNull(stored);
        Assert.DoesNotContain(administrator.AuthenticatorKey!, stored, StringComparison.OrdinalIgnoreCase);
        _ = await portal.SignedInClientAsync(Persona.Administrator); // the code from the key shown once still signs in

        var codes = await WithUserAsync(portal, administrator.Id, async (users, user) => (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 3))!.ToList());
        var storedCodes = await StoredTokenAsync(portal, administrator.Id, "RecoveryCodes");
        Assert.NotNull(storedCodes);
        Assert.All(codes, code => Assert.DoesNotContain(code, storedCodes, StringComparison.OrdinalIgnoreCase));

        var client = portal.NewClient();
        using var password = await PortalFactory.SignInAsync(client, administrator.Email, administrator.Password);
        var codePage = await client.GetDocumentAsync(PortalFactory.LandedOn(password));
        using var withCode = await client.PostFormAsync("/account/sign-in/code", codePage, new() { ["Code"] = codes[0] });
        Assert.Equal("/", PortalFactory.LandedOn(withCode));
        Assert.Equal(2, await WithUserAsync(portal, administrator.Id, (users, user) => users.CountRecoveryCodesAsync(user)));
    }

    [Fact]
    public async Task A_clear_authenticator_secret_from_before_the_upgrade_is_encrypted_at_start_and_still_signs_in()
    {
        var directory = NewDirectory();
        var clearKey = Base32(RandomNumberGenerator.GetBytes(20));
        TestAccount administrator;
        await using (var before = new PortalFactory(directory))
        {
            administrator = await before.AccountAsync(Persona.Administrator);

            // What earlier versions stored: the Base32 secret itself.
            var updated = await before.WithDbAsync(db => db.UserTokens
                .Where(t => t.UserId == administrator.Id && t.LoginProvider == StoreProvider && t.Name == "AuthenticatorKey")
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.Value, clearKey), Ct));
            Assert.Equal(1, updated);
        }

        await using var after = new PortalFactory(directory);
        _ = after.Services;

        var stored = await StoredTokenAsync(after, administrator.Id, "AuthenticatorKey");
        Assert.NotNull(stored);
        Assert.DoesNotContain(clearKey, stored, StringComparison.OrdinalIgnoreCase);
        using var signIn = await PortalFactory.SignInAsync(after.NewClient(), administrator.Email, administrator.Password, clearKey);
        Assert.Equal("/", PortalFactory.LandedOn(signIn));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Every_file_and_folder_the_portal_keeps_is_for_its_own_account_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        // The first start as an operator runs it, a process with its own log (start-up lines at Information).
        var directory = NewDirectory();
        var (exitCode, output) = await WebAppProcess.RunAsync(directory, new Dictionary<string, string> { ["Serilog__MinimumLevel__Default"] = "Information" }, "create-admin");
        Assert.True(exitCode == 2, output); // started, then only the usage of create-admin without --email
        await using var portal = new PortalFactory(directory);
        await StoreEvidenceFileAsync(portal);
        _ = await portal.SignedInClientAsync(Persona.Administrator); // keys in use
        var data = portal.DataDirectory;

        AssertOwnerOnly(data);
        var database = Path.Combine(data, "portal.db");
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            AssertOwnerOnly(file);
        }

        foreach (var folder in new[] { "keys", "logs", "files" })
        {
            AssertOwnerOnly(Path.Combine(data, folder));
            var files = Directory.GetFiles(Path.Combine(data, folder));
            Assert.NotEmpty(files);
            Assert.All(files, AssertOwnerOnly);
        }
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Files_an_earlier_version_left_readable_to_others_are_narrowed_at_start()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        var directory = NewDirectory();
        await using (var before = new PortalFactory(directory))
        {
            await StoreEvidenceFileAsync(before);
        }

        SqliteConnection.ClearAllPools();
        const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        const UnixFileMode Open = Readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var everything = Directory.GetFileSystemEntries(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Append(directory).ToList();
        foreach (var entry in everything)
        {
            File.SetUnixFileMode(entry, Directory.Exists(entry) ? Open : Readable);
        }

        await using var after = new PortalFactory(directory);
        _ = after.Services;

        Assert.All(everything.Where(Path.Exists), AssertOwnerOnly);
    }

    private string NewDirectory()
    {
        var directory = PortalFactory.NewDataDirectory();
        _directories.Add(directory);
        return directory;
    }

    private static PortalFactory WithoutCertificate(PortalFactory factory)
    {
        factory.Settings["DataProtection:CertificatePath"] = string.Empty;
        factory.Settings["DataProtection:CertificatePassword"] = string.Empty;
        return factory;
    }

    [UnsupportedOSPlatform("windows")]
    private static void AssertOwnerOnly(string path)
    {
        var expected = Directory.Exists(path)
            ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            : UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.True(Path.Exists(path), $"{path} does not exist");
        Assert.True(File.GetUnixFileMode(path) == expected, $"{path} is {File.GetUnixFileMode(path)}, not {expected}");
    }

    /// <summary>An evidence file uploaded through the progress form, as an officer does.</summary>
    private static async Task StoreEvidenceFileAsync(PortalFactory factory)
    {
        var entryId = await factory.EntryAsync(Persona.CentralVwu, activityNumber: 1);
        var client = await factory.SignedInClientAsync(Persona.CentralVwu);
        var page = await client.GetDocumentAsync($"/progress/{entryId}/edit");
        using var form = new MultipartFormDataContent { { new StringContent(page.AntiforgeryToken()), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(Scenario.PdfBytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/pdf");
        form.Add(file, "file", "bien-ban.pdf");
        using var response = await client.PostAsync(new Uri($"/progress/{entryId}/evidence", UriKind.Relative), form, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(factory.DataDirectory, "files")));
    }

    /// <summary>
    /// An administrator's session cookie as the given app's own services make one: the user's claims,
    /// the start of the session, protected with that app's keys.
    /// </summary>
    /// <summary>
    /// A session cookie made with the app's own keys, as a thief with the data folder would: sessions are
    /// kept on the server (docs/decisions/0025), so the cookie names a live session of the account read
    /// from the (copied) database, inside a ticket protected with the (copied) keys.
    /// </summary>
    private static async Task<string> MintSessionAsync(PortalFactory app, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var key = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId).Select(s => s.Key).FirstOrDefaultAsync(Ct)
            ?? throw new InvalidOperationException("The account has no open session to name.");
        var identity = new ClaimsIdentity(IdentityConstants.ApplicationScheme);
        identity.AddClaim(new Claim("Microsoft.AspNetCore.Authentication.Cookies-SessionId", key)); // the claim the cookie handler reads
        var now = DateTimeOffset.UtcNow;
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddMinutes(30) };
        var cookie = scope.ServiceProvider.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        return cookie.TicketDataFormat.Protect(new AuthenticationTicket(new ClaimsPrincipal(identity), properties, IdentityConstants.ApplicationScheme));
    }

    private static async Task<HttpResponseMessage> GetWithSessionAsync(PortalFactory portal, string session, string url)
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = PortalFactory.BaseAddress, AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Add("Cookie", $"portal.session={session}");
        return await client.SendAsync(request, Ct);
    }

    private static string SessionCookie(HttpResponseMessage response)
    {
        var header = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portal.session=", StringComparison.Ordinal));
        return header["portal.session=".Length..header.IndexOf(';', StringComparison.Ordinal)];
    }

    private static string PathOf(Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    private static Task<string?> StoredTokenAsync(PortalFactory portal, string userId, string name) =>
        portal.WithDbAsync(db => db.UserTokens.AsNoTracking()
            .Where(t => t.UserId == userId && t.LoginProvider == StoreProvider && t.Name == name)
            .Select(t => t.Value)
            .SingleOrDefaultAsync(Ct));

    private static async Task<T> WithUserAsync<T>(PortalFactory portal, string userId, Func<UserManager<PortalUser>, PortalUser, Task<T>> work)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return await work(users, (await users.FindByIdAsync(userId))!);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            using var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var target = File.Create(Path.Combine(to, Path.GetFileName(file)));
            source.CopyTo(target);
        }

        foreach (var folder in Directory.GetDirectories(from))
        {
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }

    private static string Base32(byte[] bytes)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var text = new System.Text.StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return text.ToString();
    }
}
