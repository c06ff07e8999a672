namespace CoordinationPortal.Web.Infrastructure.Security;

/// <summary>The "Security" configuration section; the defaults are the portal's policy.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>A session ends after this long without a request.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in, however active.</summary>
    public TimeSpan AbsoluteSessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often a session is checked against the account (disabled, password or role changed).</summary>
    public TimeSpan SecurityStampInterval { get; set; } = TimeSpan.FromMinutes(1);

    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in form posts allowed per client address per minute.</summary>
    public int SignInPostsPerMinute { get; set; } = 10;

    public int MinimumPasswordLength { get; set; } = 12;

    /// <summary>PBKDF2 (HMAC-SHA512) rounds; OWASP's floor for this hash is 210,000.</summary>
    public int PasswordHashIterations { get; set; } = 210_000;
}
