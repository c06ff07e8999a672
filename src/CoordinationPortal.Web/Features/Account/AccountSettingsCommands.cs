using CoordinationPortal.Data;
using CoordinationPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Account;

/// <summary>
/// The one write path of a person's own choices: the language e-mails are written in and which
/// optional e-mails they receive. Only the signed-in person changes their own; nothing here changes
/// what they may do.
/// </summary>
public sealed class AccountSettingsCommands(PortalDbContext db)
{
    /// <summary>Remembers the language chosen in the portal for e-mails; true when it changed.</summary>
    public async Task<bool> SetLanguageAsync(string userId, string language, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var code = language == LocalizationSetup.English.TwoLetterISOLanguageName ? "en" : "vi";

        // One statement, and none when nothing changes: switching back and forth writes nothing twice.
        return await db.Users
            .Where(u => u.Id == userId && (u.Language == null || u.Language != code))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, code), cancellationToken) > 0;
    }

    /// <summary>Turns the reminder and digest e-mails on or off; false when the account is gone.</summary>
    public async Task<bool> SetEmailChoicesAsync(string userId, bool reminders, bool digest, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return false;
        }

        user.EmailReminders = reminders;
        user.EmailDigest = digest;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
