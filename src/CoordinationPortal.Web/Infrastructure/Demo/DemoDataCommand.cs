using System.Diagnostics;
using System.Globalization;
using CoordinationPortal.Web.Infrastructure.Accounts;

namespace CoordinationPortal.Web.Infrastructure.Demo;

/// <summary>
/// dotnet run --project src/CoordinationPortal.Web -- seed-demo [--years N] [--seed S] [--allow-production]
/// Fills the database with demo data for the N most recent years up to the current one (and the
/// demo accounts if there are no accounts yet). Runs when asked for by name, and once by itself on
/// a new Development database (<see cref="DevelopmentStart"/>); a Production start never does.
/// Outside Development it refuses unless <see cref="AllowProductionFlag"/> says the server is a
/// demonstration one, and even then every demo account must change its password at first sign-in.
/// </summary>
public static class DemoDataCommand
{
    public const string Name = "seed-demo";

    /// <summary>Says that made-up data and accounts are wanted outside Development (a demonstration server).</summary>
    public const string AllowProductionFlag = "--allow-production";

    /// <summary>Five years: as far back as the real programme's plans (2021-2025) reach from 2026.</summary>
    public const int MaxYears = 5;

    public static bool IsRequested(string[] args) => args is [Name, ..];

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        var years = IntOption(args, "--years") ?? 1;
        var seed = IntOption(args, "--seed") ?? 2024;
        if (years is < 1 or > MaxYears)
        {
            await Console.Error.WriteLineAsync($"--years is between 1 and {MaxYears}: the most recent years up to the current one.");
            return 2;
        }

        if (!app.Environment.IsDevelopment() && !args.Contains(AllowProductionFlag, StringComparer.Ordinal))
        {
            await Console.Error.WriteLineAsync(
                $"{Name} adds made-up plans, reports and demo accounts, and this is the {app.Environment.EnvironmentName} environment: nothing was added. " +
                $"Only on a demonstration server, run it again with {AllowProductionFlag}.");
            return 1;
        }

        var watch = Stopwatch.StartNew();
        await using var scope = app.Services.CreateAsyncScope();
        var summary = await DemoDataSeeder.SeedAsync(scope.ServiceProvider, years, seed, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(), CancellationToken.None);
        await AccountBootstrap.EnsureDemoAccountsAsync(app, scope.ServiceProvider);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Demo data: {summary.Plans} plans, {summary.Reports} reports, {summary.ProgressEntries} progress entries, {summary.Values} indicator values in {watch.Elapsed.TotalSeconds:0.0} s."));
        if (summary.RealPlanYears.Count > 0)
        {
            Console.WriteLine($"Left as they are, without made-up reports: the real plans of {string.Join(", ", summary.RealPlanYears)}.");
        }

        return 0;
    }

    private static int? IntOption(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
