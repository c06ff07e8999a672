using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CoordinationPortal.Web.Tests.Infrastructure;

/// <summary>
/// One node: the built app run as a server process (dotnet CoordinationPortal.Web.dll), in
/// Production, on Kestrel with HTTPS on its own loopback port, answering to the host name
/// <see cref="HostName"/>. Its console output is kept so that a failure can show it.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    /// <summary>The name people type; the clients send it to either node, as through a load balancer.</summary>
    public const string HostName = "portal.test";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PortalProcess(string name, int port, Process process)
    {
        Name = name;
        Port = port;
        _process = process;
    }

    public string Name { get; }

    public int Port { get; }

    public int ProcessId => _process.Id;

    /// <summary>What the process wrote to its console so far (warnings and errors: Serilog is at Warning).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the node and waits until <c>/health/ready</c> answers 200; a process that exits or is not
    /// ready in time fails with its output.
    /// </summary>
    public static async Task<PortalProcess> StartAsync(string name, string dataDirectory, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var port = RedisServer.FreePort();
        var settings = new Dictionary<string, string>(environment)
        {
            // HTTPS on Kestrel itself (no proxy), with the test run's certificate, as an operator may run it.
            ["Kestrel__Endpoints__Https__Url"] = $"https://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["Kestrel__Endpoints__Https__Certificate__Path"] = TestCertificate.Path,
            ["Kestrel__Endpoints__Https__Certificate__Password"] = TestCertificate.Password,
            ["AllowedHosts"] = HostName,
        };
        var process = new Process { StartInfo = WebAppProcess.StartInfo(dataDirectory, settings) };
        var node = new PortalProcess(name, port, process);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await node.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), cancellationToken);
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>A browser's connection to this node: https://portal.test/ reaches this node's port; cookies in <paramref name="cookies"/>; redirects not followed.</summary>
    public HttpClient Client(CookieContainer cookies)
    {
        var thumbprint = CertificateThumbprint.Value;
        var handler = new SocketsHttpHandler
        {
            CookieContainer = cookies,
            UseCookies = true,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(IPAddress.Loopback, Port, token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };

        // The node must present the run's own certificate (self-signed, hence not checked against a CA).
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && string.Equals(certificate.GetCertHashString(), thumbprint, StringComparison.OrdinalIgnoreCase);
        return new HttpClient(handler) { BaseAddress = new Uri($"https://{HostName}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started: nothing to stop.
        }

        _process.Dispose();
    }

    private static readonly Lazy<string> CertificateThumbprint = new(() =>
    {
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(TestCertificate.Path, TestCertificate.Password);
        return certificate.Thumbprint;
    });

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = Client(new CookieContainer());
        client.Timeout = TimeSpan.FromSeconds(5);
        var until = DateTime.UtcNow + timeout;
        var last = "no answer yet";
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Node {Name} exited with code {_process.ExitCode} before it was ready. Its output:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}";
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = exception.Message;
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new InvalidOperationException($"Node {Name} (port {Port}) was not ready after {timeout.TotalSeconds} s (last: {last}). Its output:\n{Output}");
    }
}
