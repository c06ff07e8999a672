namespace CoordinationPortal.Web.Infrastructure.Security;

/// <summary>The "Security" configuration section; the defaults are the portal's policy.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>A session ends after this long without a request.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long before the idle timeout a signed-in page warns and offers to continue (at most half the timeout).</summary>
    public TimeSpan SessionWarning { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A session ends this long after sign-in, however active.</summary>
    public TimeSpan AbsoluteSessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often a session is checked against the account (disabled, password or role changed).</summary>
    public TimeSpan SecurityStampInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Wrong attempts (password, second-factor code, current password) on one account from one
    /// client address before that address must wait (ADR 0024). Other addresses are not affected.
    /// </summary>
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>
    /// Wrong attempts on one account from all addresses together before addresses it has not signed
    /// in from lately must wait too: a guesser with many addresses is slowed, its owner is not.
    /// </summary>
    public int MaxFailedSignInsPerAccount { get; set; } = 20;

    /// <summary>The first wait; each further wrong attempt doubles it, up to <see cref="MaxLockout"/>.</summary>
    public TimeSpan FirstLockout { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxLockout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A run of wrong attempts is forgotten after this long without one.</summary>
    public TimeSpan FailureMemory { get; set; } = TimeSpan.FromDays(1);

    /// <summary>An address the account signed in from within this period is "known": the account-wide wait spares it.</summary>
    public TimeSpan KnownAddressLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Posts that check a password or code (sign-in, second factor, change password) allowed per client address per minute.</summary>
    public int SignInPostsPerMinute { get; set; } = 10;

    public int MinimumPasswordLength { get; set; } = 12;

    /// <summary>PBKDF2 (HMAC-SHA512) rounds; OWASP's floor for this hash is 210,000.</summary>
    public int PasswordHashIterations { get; set; } = 210_000;
}
