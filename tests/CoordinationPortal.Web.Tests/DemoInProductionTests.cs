using CoordinationPortal.Web.Infrastructure.Accounts;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// seed-demo run by mistake on a production server does nothing; run there on purpose (a demonstration
/// server), it makes no account that skips the first password change or comes with an authenticator.
/// </summary>
public sealed class DemoInProductionTests : IDisposable
{
    private readonly string _directory = PortalFactory.NewDataDirectory();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Seed_demo_is_refused_in_production_without_its_flag_and_changes_nothing()
    {
        var (exitCode, output) = await WebAppProcess.RunAsync(_directory, null, "seed-demo");

        Assert.True(exitCode != 0, output);
        Assert.Contains("--allow-production", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, AccountBootstrap.DemoAccountsFile)));
        await using var portal = new PortalFactory(_directory);
        Assert.Equal(0, await portal.WithDbAsync(db => db.Users.CountAsync(Ct)));
        Assert.Equal(0, await portal.WithDbAsync(db => db.Plans.CountAsync(p => p.Number.StartsWith("DEMO-"), Ct)));
    }

    [Fact]
    public async Task With_its_flag_seed_demo_in_production_makes_every_account_change_its_password_and_the_administrator_set_up_its_own_authenticator()
    {
        var (exitCode, output) = await WebAppProcess.RunAsync(_directory, null, "seed-demo", "--allow-production");

        Assert.True(exitCode == 0, output);
        Assert.False(File.Exists(Path.Combine(_directory, AccountBootstrap.DemoAccountsFile))); // shown once on the console, never left on the disk
        await using var portal = new PortalFactory(_directory);
        var accounts = await portal.WithDbAsync(db => db.Users.AsNoTracking().Select(u => new { u.Email, u.MustChangePassword, u.TwoFactorEnabled }).ToListAsync(Ct));
        Assert.NotEmpty(accounts);
        Assert.All(accounts, a => Assert.True(a.MustChangePassword, $"{a.Email} need not change its password"));
        Assert.All(accounts, a => Assert.False(a.TwoFactorEnabled, $"{a.Email} comes with an authenticator"));
        Assert.Equal(0, await portal.WithDbAsync(db => db.UserTokens.CountAsync(Ct)));

        // The administrator's first sign-in leads to choosing a new password.
        var line = output.Split('\n').Select(l => l.Split(" | ")).Single(r => r[0].Trim() == "Administrator");
        var client = portal.NewClient();
        using var signIn = await PortalFactory.SignInAsync(client, line[1].Trim(), line[2].Trim());
        using var next = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Equal("/account/change-password", next.Headers.Location?.OriginalString);
    }
}
