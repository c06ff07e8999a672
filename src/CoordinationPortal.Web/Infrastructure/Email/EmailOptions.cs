using MailKit.Security;

namespace CoordinationPortal.Web.Infrastructure.Email;

/// <summary>
/// The <c>Email:</c> settings (ADR 0040). Without <see cref="Host"/> e-mail is off: nothing is queued
/// or sent and the portal works as before. The password comes from the environment
/// (<c>Email__Password</c>) or user secrets, never from a committed appsettings file.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>None, StartTls (default), StartTlsWhenAvailable, SslOnConnect or Auto (MailKit's names).</summary>
    public string TlsMode { get; set; } = nameof(SecureSocketOptions.StartTls);

    public string? User { get; set; }

    public string? Password { get; set; }

    public string? SenderAddress { get; set; }

    public string SenderName { get; set; } = "Cổng điều phối";

    /// <summary>The portal's public address ("https://portal.example.gov.vn"): every link in an e-mail starts with it.</summary>
    public string? PortalBaseAddress { get; set; }

    /// <summary>How often the sender looks for due messages.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Messages one pass sends at most; the rest wait for the next pass.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>The first retry waits this long; each further failure doubles it up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long a sender holds a claimed message; longer than any one SMTP conversation.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>False stops the background loop (tests drive the sender themselves); queuing is unaffected.</summary>
    public bool BackgroundSending { get; set; } = true;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Host);

    /// <summary>The wait before the try after <paramref name="failures"/> failures: 1, 2, 4, 8... minutes, capped.</summary>
    public TimeSpan RetryDelayAfter(int failures)
    {
        var doublings = Math.Clamp(failures - 1, 0, 20);
        var delay = FirstRetryDelay * Math.Pow(2, doublings);
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }

    public SecureSocketOptions SocketOptions() =>
        Enum.TryParse<SecureSocketOptions>(TlsMode, ignoreCase: true, out var mode) ? mode : SecureSocketOptions.StartTls;
}
