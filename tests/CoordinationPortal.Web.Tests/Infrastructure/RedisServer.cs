using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CoordinationPortal.Web.Tests.Infrastructure;

/// <summary>
/// A throw-away Debian redis-server on a free port, kept in memory only (no dump, no append-only
/// file). Where redis-server is not installed the test is skipped, except with REQUIRE_REDIS=1
/// (set by .ci/run), where its absence is a failure.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/redis-server";

    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The value of Redis:Configuration that reaches this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static bool IsInstalled => File.Exists(Executable);

    /// <summary>Skips the test when redis-server is not installed, or fails it under REQUIRE_REDIS=1.</summary>
    public static void RequireInstalled()
    {
        if (!IsInstalled)
        {
            const string hint = "redis-server is not installed (apt-get install redis-server); the two-node cache test needs it.";
            if (Environment.GetEnvironmentVariable("REQUIRE_REDIS") == "1")
            {
                Assert.Fail(hint + " REQUIRE_REDIS=1 makes that a failure.");
            }

            Assert.Skip(hint);
        }
    }

    public static async Task<RedisServer> StartAsync()
    {
        RequireInstalled();

        var port = FreePort();
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--dir", Path.GetTempPath() })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port);
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
                return server;
            }
            catch (SocketException) when (DateTime.UtcNow < until && !process.HasExited)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
            catch (SocketException)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"redis-server did not start on port {port}.");
            }
        }
    }

    /// <summary>A port nothing listens on right now (for a server that is down, too).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }
}
