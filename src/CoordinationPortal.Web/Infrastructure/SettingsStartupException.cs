namespace CoordinationPortal.Web.Infrastructure;

/// <summary>
/// Start-up refused: a setting outside Development is missing or unsafe (key protection, host names,
/// HTTPS). The message names the setting, the environment variable and what to do; it is also the
/// start's one FTL log line.
/// </summary>
public sealed class SettingsStartupException : Exception
{
    public SettingsStartupException()
    {
    }

    public SettingsStartupException(string message)
        : base(message)
    {
    }

    public SettingsStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
