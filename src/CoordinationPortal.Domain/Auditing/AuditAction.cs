namespace CoordinationPortal.Domain.Auditing;

/// <summary>What an audit entry records: a data change, or a security event.</summary>
public enum AuditAction
{
    Created = 1,
    Updated = 2,
    Deleted = 3,
    SignInSucceeded = 10,
    SignInFailed = 11,
    LockedOut = 12,
    SignedOut = 13,

    /// <summary>An administrator lifted the waits an account's wrong sign-in attempts had imposed.</summary>
    SignInUnblocked = 14,

    /// <summary>Every session of the account ended at its owner's request (docs/decisions/0025).</summary>
    SignedOutEverywhere = 15,
    TwoFactorEnabled = 20,
    TwoFactorDisabled = 21,
    RecoveryCodesGenerated = 22,
    PasswordChanged = 30,
    PasswordReset = 31,

    /// <summary>A wrong current password on the change-password form (it counts like a wrong sign-in).</summary>
    PasswordChangeFailed = 32,
    AccessDenied = 40,

    /// <summary>An export or an evidence file left the portal: who, what, with which filters (see docs/decisions/0028).</summary>
    Downloaded = 50,
}

public static class AuditActions
{
    /// <summary>
    /// Events about signing in and guarding accounts: sign-ins and their failures and blocks,
    /// sessions, second factors, passwords and refused requests. They carry the addresses people
    /// work from, so only administrators read them (<c>Permissions.CanReadSecurityEvents</c>).
    /// </summary>
    public static IReadOnlyList<AuditAction> SecurityEvents { get; } =
    [
        AuditAction.SignInSucceeded, AuditAction.SignInFailed, AuditAction.LockedOut, AuditAction.SignedOut,
        AuditAction.SignInUnblocked, AuditAction.SignedOutEverywhere, AuditAction.TwoFactorEnabled,
        AuditAction.TwoFactorDisabled, AuditAction.RecoveryCodesGenerated, AuditAction.PasswordChanged,
        AuditAction.PasswordReset, AuditAction.PasswordChangeFailed, AuditAction.AccessDenied,
    ];

    public static bool IsSecurityEvent(this AuditAction action) => SecurityEvents.Contains(action);
}
