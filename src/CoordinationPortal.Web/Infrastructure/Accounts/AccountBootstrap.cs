using System.Globalization;
using System.Text;
using CoordinationPortal.Data;
using CoordinationPortal.Data.Identity;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Agencies;
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

    public static async Task EnsureAccountsAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        var options = app.Configuration.GetSection(BootstrapOptions.Section).Get<BootstrapOptions>() ?? new BootstrapOptions();

        if (!string.IsNullOrWhiteSpace(options.AdministratorEmail) && !string.IsNullOrEmpty(options.AdministratorPassword)
            && !await users.Users.AnyAsync(u => u.Role == PortalRole.Administrator))
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
        var user = PortalUser.Create(email, name ?? email, PortalRole.Administrator, null, null, null, clock.GetUtcNow().UtcDateTime);
        return await users.CreateAsync(user, password);
    }

    private static async Task CreateDemoAccountsAsync(WebApplication app, IServiceProvider services)
    {
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        var db = services.GetRequiredService<PortalDbContext>();
        var clock = services.GetRequiredService<TimeProvider>();
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Id);
        var haGiang = await db.Provinces.AsNoTracking().Where(p => p.Code == "02").Select(p => new { p.Id, p.Name }).FirstAsync();

        (string Email, string Name, PortalRole Role, int? Agency, int? Province)[] demo =
        [
            ("admin@demo.local", "Quản trị viên (demo)", PortalRole.Administrator, null, null),
            ("vwu@demo.local", "Cán bộ Trung ương Hội LHPN (demo)", PortalRole.CentralOfficer, agencies[AgencyCodes.Vwu], null),
            ("cema@demo.local", "Cán bộ Bộ Dân tộc và Tôn giáo (demo)", PortalRole.CentralOfficer, agencies[AgencyCodes.Cema], null),
            ("hagiang.vwu@demo.local", "Cán bộ Hội LHPN tỉnh Hà Giang (demo)", PortalRole.ProvincialOfficer, agencies[AgencyCodes.Vwu], haGiang.Id),
            ("hagiang.cema@demo.local", "Cán bộ Ban Dân tộc tỉnh Hà Giang (demo)", PortalRole.ProvincialOfficer, agencies[AgencyCodes.Cema], haGiang.Id),
            ("leader@demo.local", "Lãnh đạo (demo)", PortalRole.Leadership, null, null),
        ];

        var lines = new StringBuilder()
            .AppendLine("Demo accounts of this database (created once, for development and demonstrations; delete the data folder to start over).")
            .AppendLine("Role | e-mail | password");
        foreach (var (email, name, role, agency, province) in demo)
        {
            var password = TemporaryPassword.Create();
            var user = PortalUser.Create(email, name, role, agency, province, province is null ? null : haGiang.Name, clock.GetUtcNow().UtcDateTime);
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Demo account {email}: {string.Join("; ", result.Errors.Select(e => e.Code))}");
            }

            lines.AppendLine(CultureInfo.InvariantCulture, $"{role} | {email} | {password}");
            if (role == PortalRole.Administrator)
            {
                // Administrators must use an authenticator: the demo one is set up already.
                await users.ResetAuthenticatorKeyAsync(user);
                await users.SetTwoFactorEnabledAsync(user, true);
                var key = await users.GetAuthenticatorKeyAsync(user);
                lines.AppendLine(CultureInfo.InvariantCulture, $"  authenticator key for {email}: {key}")
                    .AppendLine(CultureInfo.InvariantCulture, $"  add it to an authenticator app, or get a code with: oathtool --totp -b {key}");
            }
        }

        var directory = app.Configuration.ResolveDataDirectory(app.Environment);
        var file = Path.Combine(directory, DemoAccountsFile);
        await File.WriteAllTextAsync(file, lines.ToString());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // Printed once, to the console only: passwords never go to the log files.
        Console.WriteLine();
        Console.WriteLine(lines.ToString());
        Console.WriteLine($"(also written to {file})");
        Console.WriteLine();
    }
}
