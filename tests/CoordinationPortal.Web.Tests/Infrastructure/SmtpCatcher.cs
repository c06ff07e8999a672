using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;
using netDumbster.smtp;

namespace CoordinationPortal.Web.Tests.Infrastructure;

/// <summary>
/// A real SMTP server in the test process (netDumbster) on a free port, started when a test wants
/// it up and stopped to play an outage, and what it received, parsed as the mail client would.
/// </summary>
public sealed class SmtpCatcher : IDisposable
{
    private SimpleSmtpServer? _server;

    public int Port { get; } = FreePort();

    public bool IsUp => _server is not null;

    public int Count => _server?.ReceivedEmailCount ?? 0;

    public void Start() => _server ??= SimpleSmtpServer.Start(Port);

    public void Stop()
    {
        _server?.Dispose();
        _server = null;
    }

    public List<MimeMessage> Received() =>
        _server is null ? [] : [.. _server.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))];

    /// <summary>Points the portal's e-mail at this server, links at https://portal.test; the tests drive the sender themselves.</summary>
    public void Configure(PortalFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.Settings["Email:Host"] = "127.0.0.1";
        factory.Settings["Email:Port"] = Port.ToString(CultureInfo.InvariantCulture);
        factory.Settings["Email:TlsMode"] = "None";
        factory.Settings["Email:SenderAddress"] = "portal@portal.test";
        factory.Settings["Email:PortalBaseAddress"] = "https://portal.test";
        factory.Settings["Email:BackgroundSending"] = "false";
    }

    public void Dispose() => Stop();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
