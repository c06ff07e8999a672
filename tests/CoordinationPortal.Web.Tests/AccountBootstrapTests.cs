using CoordinationPortal.Domain.Access;
using CoordinationPortal.Web.Infrastructure.Accounts;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Tests;

/// <summary>Who can sign in on a fresh install: nobody by default, never with a fixed password.</summary>
public sealed class AccountBootstrapTests
{
    [Fact]
    public async Task A_production_start_without_configuration_creates_no_account()
    {
        await using var factory = new PortalFactory();

        Assert.Equal(0, await factory.WithDbAsync(db => db.Users.CountAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task The_first_administrator_can_come_from_configuration_and_must_set_up_an_authenticator()
    {
        await using var factory = new PortalFactory();
        factory.Settings["Bootstrap:AdministratorEmail"] = "first.admin@ubdt.test";
        factory.Settings["Bootstrap:AdministratorPassword"] = "gió mùa đông bắc về sớm";

        var client = factory.NewClient();
        using var signIn = await PortalFactory.SignInAsync(client, "first.admin@ubdt.test", "gió mùa đông bắc về sớm");
        using var next = await client.GetAsync(new Uri("/admin/users", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal("/account/two-factor", next.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_development_start_creates_one_demo_account_per_role_with_random_passwords_written_once()
    {
        var directory = PortalFactory.NewDataDirectory();
        try
        {
            var first = await DemoFileAfterStartAsync(directory);
            var second = await DemoFileAfterStartAsync(directory);

            Assert.Equal(first, second); // a second start creates nothing new
            var rows = first.Split('\n').Where(l => l.Contains("@demo.local |", StringComparison.Ordinal)).Select(l => l.Split(" | ")).ToList();
            Assert.Equal(Enum.GetNames<PortalRole>().Order(), rows.Select(r => r[0]).Distinct().Order());
            Assert.Equal(6, rows.Count);
            Assert.Equal(6, rows.Select(r => r[2].Trim()).Distinct().Count()); // a different password each
            Assert.Contains("authenticator key for administrator@demo.local", first, StringComparison.Ordinal);

            await using var factory = new PortalFactory(directory) { EnvironmentName = "Development" };

            // The demo officers belong to a unit that exists today (Tuyên Quang, which took in Hà Giang).
            var tuyenQuang = await factory.WithDbAsync(db => db.Provinces.Where(p => p.Code == "08" && p.ValidTo == null).Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken));
            Assert.All(rows.Where(r => r[0] == "ProvincialOfficer"), r => Assert.StartsWith("tuyenquang.", r[1].Trim(), StringComparison.Ordinal));
            Assert.Equal(2, await factory.WithDbAsync(db => db.Users.CountAsync(u => u.ProvinceId == tuyenQuang, TestContext.Current.CancellationToken)));
            var leader = rows.Single(r => r[0] == "Leadership");
            using var signIn = await PortalFactory.SignInAsync(factory.NewClient(), leader[1].Trim(), leader[2].Trim());
            Assert.Equal("/", PortalFactory.LandedOn(signIn));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<string> DemoFileAfterStartAsync(string directory)
    {
        await using var factory = new PortalFactory(directory) { EnvironmentName = "Development" };
        _ = factory.Services; // starts the app
        return await File.ReadAllTextAsync(Path.Combine(directory, AccountBootstrap.DemoAccountsFile), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_create_admin_command_makes_an_administrator_from_an_environment_password()
    {
        var directory = PortalFactory.NewDataDirectory();
        try
        {
            var (exitCode, output) = await RunWebAppAsync(directory, "gió lạnh tràn về thung lũng", "create-admin", "--email", "ops@bodantoc.test", "--name", "Nguyễn Văn Vận Hành");
            Assert.True(exitCode == 0, output);
            Assert.Contains("Administrator ops@bodantoc.test created", output, StringComparison.Ordinal);

            var (again, refused) = await RunWebAppAsync(directory, "gió lạnh tràn về thung lũng", "create-admin", "--email", "ops@bodantoc.test");
            Assert.Equal(1, again);
            Assert.Contains("already an administrator", refused, StringComparison.Ordinal);

            var (weak, weakOutput) = await RunWebAppAsync(directory, "Password@2024", "create-admin", "--email", "weak@bodantoc.test");
            Assert.Equal(1, weak);
            Assert.Contains("too common", weakOutput, StringComparison.Ordinal);

            await using var factory = new PortalFactory(directory);
            using var signIn = await PortalFactory.SignInAsync(factory.NewClient(), "ops@bodantoc.test", "gió lạnh tràn về thung lũng");
            Assert.Equal("/", PortalFactory.LandedOn(signIn));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static Task<(int ExitCode, string Output)> RunWebAppAsync(string dataDirectory, string password, params string[] args) =>
        WebAppProcess.RunAsync(dataDirectory, new Dictionary<string, string> { [CreateAdminCommand.PasswordVariable] = password }, args);
}
