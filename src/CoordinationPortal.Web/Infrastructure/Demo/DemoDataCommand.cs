using System.Diagnostics;
using System.Globalization;
using CoordinationPortal.Web.Infrastructure.Accounts;

namespace CoordinationPortal.Web.Infrastructure.Demo;

/// <summary>
/// dotnet run --project src/CoordinationPortal.Web -- seed-demo [--years N] [--seed S]
/// Fills the database with demo data (and the demo accounts if there are no accounts yet). Only
/// ever runs when asked for by name; the plain run command never does.
/// </summary>
public static class DemoDataCommand
{
    public const string Name = "seed-demo";

    public static bool IsRequested(string[] args) => args is [Name, ..];

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        var years = IntOption(args, "--years") ?? 1;
        var seed = IntOption(args, "--seed") ?? 2024;
        if (years is < 1 or > 5)
        {
            await Console.Error.WriteLineAsync("--years is between 1 and 5 (the programme runs 2021-2025).");
            return 2;
        }

        var watch = Stopwatch.StartNew();
        await using var scope = app.Services.CreateAsyncScope();
        var summary = await DemoDataSeeder.SeedAsync(scope.ServiceProvider, years, seed, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(), CancellationToken.None);
        await AccountBootstrap.EnsureDemoAccountsAsync(app, scope.ServiceProvider);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Demo data: {summary.Plans} plans, {summary.Reports} reports, {summary.ProgressEntries} progress entries, {summary.Values} indicator values in {watch.Elapsed.TotalSeconds:0.0} s."));
        return 0;
    }

    private static int? IntOption(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
