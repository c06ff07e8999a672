namespace CoordinationPortal.Web.Infrastructure.Email;

/// <summary>
/// Whether the portal sends e-mail and through which server, for an administrator's page: "e-mail is
/// off" is a state to show, not an error. Never holds the password.
/// </summary>
public sealed record EmailStatus(bool IsEnabled, string? Host, int Port, string TlsMode, string? SenderAddress, string? PortalBaseAddress)
{
    public static EmailStatus From(EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.IsEnabled
            ? new EmailStatus(true, options.Host, options.Port, options.SocketOptions().ToString(), options.SenderAddress, options.PortalBaseAddress)
            : new EmailStatus(false, null, 0, string.Empty, null, options.PortalBaseAddress);
    }
}
