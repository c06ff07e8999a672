using System.Diagnostics;

namespace CoordinationPortal.Web.Tests.Infrastructure;

/// <summary>The built web app run as an operator runs it (dotnet CoordinationPortal.Web.dll command ...), on its own data directory.</summary>
public static class WebAppProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string dataDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(dataDirectory, environment, args))!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>How the tests start the built app: Production, its output redirected, the test run's key certificate, then <paramref name="environment"/>.</summary>
    public static ProcessStartInfo StartInfo(string dataDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!; // bin/<configuration>/net10.0
        var app = Path.Combine(Repository.Root, "src", "CoordinationPortal.Web", "bin", configuration, "net10.0", "CoordinationPortal.Web.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(app)! };
        start.ArgumentList.Add(app);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__DataDirectory"] = dataDirectory;
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (key, value) in TestCertificate.EnvironmentVariables)
        {
            start.Environment[key] = value;
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return start;
    }
}
