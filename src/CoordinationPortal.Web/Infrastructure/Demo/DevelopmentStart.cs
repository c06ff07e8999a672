using System.Globalization;
using CoordinationPortal.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Infrastructure.Demo;

/// <summary>
/// A new Development database is usable in its first minute: before the demo accounts are made
/// (so only on a database without any account), the demo data gives this year's published plan
/// with its due quarters reported and the current quarter open, and last year's for comparison.
/// </summary>
public static class DevelopmentStart
{
    public const int DemoYears = 2;

    public static async Task EnsureDevelopmentDemoAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment() || !app.Configuration.GetValue("Demo:OnFirstStart", true))
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        if (await services.GetRequiredService<UserManager<PortalUser>>().Users.AnyAsync())
        {
            return;
        }

        var clock = services.GetRequiredService<TimeProvider>();
        var summary = await DemoDataSeeder.SeedAsync(services, DemoYears, seed: 2024, clock.GetUtcNow(), CancellationToken.None);
        app.Logger.LogInformation("New development database: demo data for the last {Years} years ({Plans} plans, {Reports} reports)", DemoYears, summary.Plans, summary.Reports);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"New development database: demo data for {DemoYears} years ({summary.Plans} plans, {summary.Reports} reports). More years: seed-demo --years N."));
    }
}
