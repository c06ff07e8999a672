using System.Globalization;
using System.Text;
using CoordinationPortal.Data;
using CoordinationPortal.Data.Identity;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Infrastructure.Accounts;

/// <summary>The "Bootstrap" configuration section: the first administrator of a production install.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string? AdministratorEmail { get; set; }

    public string? AdministratorName { get; set; }

    /// <summary>Give it as an environment variable (Bootstrap__AdministratorPassword), never in a file in the repo.</summary>
    public string? AdministratorPassword { get; set; }
}

/// <summary>
/// Accounts that exist before anyone can sign in. Nobody signs up and there is no default password:
/// production gets its first administrator from configuration or the create-admin command; a
/// development machine gets one demo account per role with random passwords, shown once.
/// </summary>
public static class AccountBootstrap
{
    public const string DemoAccountsFile = "demo-accounts.txt";

    /// <summary>Tuyên Quang: the unit that exists today under code 08 and took in Hà Giang.</summary>
    private const string DemoProvinceCode = "08";

    public static async Task EnsureAccountsAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        var options = app.Configuration.GetSection(BootstrapOptions.Section).Get<BootstrapOptions>() ?? new BootstrapOptions();

        var administrator = Permissions.AdministratorRole;
        if (!string.IsNullOrWhiteSpace(options.AdministratorEmail) && !string.IsNullOrEmpty(options.AdministratorPassword)
            && !await users.Users.AnyAsync(u => u.Role == administrator))
        {
            var result = await CreateAdministratorAsync(services, options.AdministratorEmail, options.AdministratorName, options.AdministratorPassword);
            app.Logger.LogInformation("First administrator from configuration: {Outcome}", result.Succeeded ? "created" : "refused");
        }

        if (app.Environment.IsDevelopment() && !await users.Users.AnyAsync())
        {
            await CreateDemoAccountsAsync(app, services);
        }
    }

    /// <summary>The demo accounts, unless any account exists already (then nothing is created).</summary>
    public static async Task EnsureDemoAccountsAsync(WebApplication app, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!await services.GetRequiredService<UserManager<PortalUser>>().Users.AnyAsync())
        {
            await CreateDemoAccountsAsync(app, services);
        }
    }

    public static async Task<IdentityResult> CreateAdministratorAsync(IServiceProvider services, string email, string? name, string password)
    {
        ArgumentNullException.ThrowIfNull(services);
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        var clock = services.GetRequiredService<TimeProvider>();
        var user = PortalUser.Create(email, name ?? email, Permissions.AdministratorRole, null, null, null, clock.GetUtcNow().UtcDateTime);
        return await users.CreateAsync(user, password);
    }

    /// <summary>
    /// One demo account per role and, where the role is bound to an agency, per agency: provincial
    /// officers belong to Tuyên Quang, a unit that exists today and took in Hà Giang on 01/07/2025,
    /// so the demo shows a province with history. The roster follows the roles, so a new role gets
    /// its demo account without an edit here. On a developer's machine the accounts are ready to use
    /// (the administrator's authenticator set up, the passwords in a file); anywhere else (seed-demo
    /// --allow-production) every account must change its password at first sign-in, the
    /// administrator sets up its own authenticator, and the passwords are shown once, never stored.
    /// </summary>
    private static async Task CreateDemoAccountsAsync(WebApplication app, IServiceProvider services)
    {
        var developerMachine = app.Environment.IsDevelopment();
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        var db = services.GetRequiredService<PortalDbContext>();
        var clock = services.GetRequiredService<TimeProvider>();
        var localizer = services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
        CultureInfo.CurrentUICulture = LocalizationSetup.Vietnamese; // demo names in the portal's first language, whatever the server's
        var today = Domain.Calendar.VietnamTime.Today(clock.GetUtcNow());
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Code).ToListAsync();
        var province = (await db.Provinces.AsNoTracking().Where(p => p.Code == DemoProvinceCode).ToListAsync()).Single(p => p.IsValidOn(today));
        var provinceSlug = TextFolding.Fold(province.Name).Replace(" ", string.Empty, StringComparison.Ordinal);

        var demo = new List<(string Email, string Name, PortalRole Role, int? Agency, int? Province)>();
        foreach (var role in Enum.GetValues<PortalRole>())
        {
            var roleName = localizer["PortalRole." + role].Value;
            var (bindsAgency, bindsProvince) = Permissions.ScopeOf(role, 0, 0) is var (a, p) ? (a is not null, p is not null) : (false, false);
            if (!bindsAgency)
            {
                demo.Add(($"{role.ToString().ToLowerInvariant()}@demo.local", $"{roleName} (demo)", role, null, null));
                continue;
            }

            foreach (var agency in agencies)
            {
                var code = agency.Code.ToLowerInvariant();
                demo.Add(bindsProvince
                    ? ($"{provinceSlug}.{code}@demo.local", $"{roleName} – {agency.NameOn(today).BranchName} {province.Name} (demo)", role, agency.Id, province.Id)
                    : ($"{code}@demo.local", $"{roleName} – {agency.NameOn(today).ShortName} (demo)", role, agency.Id, null));
            }
        }

        var lines = new StringBuilder()
            .AppendLine(developerMachine
                ? "Demo accounts of this database (created once, for development and demonstrations; delete the data folder to start over)."
                : "Demo accounts of this database: each password must be changed at the first sign-in, and the administrator sets up an authenticator then.")
            .AppendLine("Role | e-mail | password");
        foreach (var (email, name, role, agency, provinceId) in demo)
        {
            var password = TemporaryPassword.Create();
            var user = PortalUser.Create(email, name, role, agency, provinceId, provinceId is null ? null : province.Name, clock.GetUtcNow().UtcDateTime);
            user.MustChangePassword = !developerMachine;
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Demo account {email}: {string.Join("; ", result.Errors.Select(e => e.Code))}");
            }

            lines.AppendLine(CultureInfo.InvariantCulture, $"{role} | {email} | {password}");
            if (developerMachine && Permissions.RequiresTwoFactor(role))
            {
                // This role must use an authenticator: the demo account has one set up already.
                await users.ResetAuthenticatorKeyAsync(user);
                await users.SetTwoFactorEnabledAsync(user, true);
                var key = await users.GetAuthenticatorKeyAsync(user);
                lines.AppendLine(CultureInfo.InvariantCulture, $"  authenticator key for {email}: {key}")
                    .AppendLine(CultureInfo.InvariantCulture, $"  add it to an authenticator app, or get a code with: oathtool --totp -b {key}");
            }
        }

        // Printed once, to the console only: passwords never go to the log files.
        Console.WriteLine();
        Console.WriteLine(lines.ToString());
        if (developerMachine)
        {
            var directory = app.Configuration.ResolveDataDirectory(app.Environment);
            var file = Path.Combine(directory, DemoAccountsFile);
            await File.WriteAllTextAsync(file, lines.ToString());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            Console.WriteLine($"(also written to {file})");
        }

        Console.WriteLine();
    }
}
