using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Infrastructure.Email;

public static class EmailSetup
{
    /// <summary>
    /// E-mail through SMTP when <c>Email:Host</c> is set (ADR 0040); off otherwise. A host without a
    /// sender address or the portal's public address refuses to start: mail without them is unusable.
    /// </summary>
    public static IServiceCollection AddPortalEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection(EmailOptions.Section))
            .Validate(
                o => !o.IsEnabled || !string.IsNullOrWhiteSpace(o.SenderAddress ?? o.User),
                "Email:Host is set but Email:SenderAddress is empty. Set it (environment variable Email__SenderAddress), or remove Email:Host to turn e-mail off.")
            .Validate(
                o => !o.IsEnabled || (Uri.TryCreate(o.PortalBaseAddress, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)),
                "Email:Host is set but Email:PortalBaseAddress is not an absolute http(s) address. Set it (environment variable Email__PortalBaseAddress, e.g. https://portal.example.gov.vn): every link in an e-mail starts with it.")
            .Validate(
                o => Enum.TryParse<MailKit.Security.SecureSocketOptions>(o.TlsMode, ignoreCase: true, out _),
                "Email:TlsMode must be one of None, Auto, StartTls, StartTlsWhenAvailable, SslOnConnect.")
            .ValidateOnStart();
        services.AddSingleton(provider => EmailStatus.From(provider.GetRequiredService<IOptions<EmailOptions>>().Value));
        services.AddSingleton<IMailTransport, SmtpMailTransport>();
        services.AddSingleton<OutboxSender>();
        services.AddScoped<EmailOutbox>();
        services.AddHostedService<OutboxSendingService>();
        return services;
    }
}
