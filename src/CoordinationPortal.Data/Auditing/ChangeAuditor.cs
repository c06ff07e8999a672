using System.Globalization;
using CoordinationPortal.Domain.Auditing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CoordinationPortal.Data.Auditing;

/// <summary>
/// Turns the change tracker's added, modified and deleted entries into audit entries: field by
/// field, before -> after. Secrets are recorded as changed without their values; bookkeeping
/// fields that change on every sign-in are left out.
/// </summary>
internal static class ChangeAuditor
{
    private const string Hidden = "(changed)";

    /// <summary>
    /// Secrets, by record type and field: a password hash, and the value of an account token (the
    /// authenticator key, recovery codes). Named with their type, so that an indicator's "Value"
    /// is recorded with its numbers, not hidden as a secret.
    /// </summary>
    private static bool IsSecret(IEntityType type, string field) =>
        (field == nameof(IdentityUser.PasswordHash) && typeof(IdentityUser).IsAssignableFrom(type.ClrType))
        || (field == nameof(IdentityUserToken<string>.Value) && typeof(IdentityUserToken<string>).IsAssignableFrom(type.ClrType));

    private static readonly HashSet<string> BookkeepingFields = new(StringComparer.Ordinal)
    {
        nameof(IdentityUser.ConcurrencyStamp),
        nameof(IdentityUser.SecurityStamp),
        nameof(IdentityUser.AccessFailedCount),
        nameof(IdentityUser.NormalizedEmail),
        nameof(IdentityUser.NormalizedUserName),
        "SearchText",
        "LastAuthenticatorStep", // moves at every sign-in with a code
    };

    /// <summary>A change seen before saving; keys are read after saving, when generated ids exist.</summary>
    internal sealed record Pending(EntityEntry Entry, AuditAction Action, List<FieldChange> Changes);

    public static List<Pending> Collect(ChangeTracker tracker)
    {
        var pending = new List<Pending>();
        foreach (var entry in tracker.Entries())
        {
            if (Unaudited.Is(entry.Entity.GetType()))
            {
                continue; // bookkeeping rows (form tokens) that record no one's decision
            }

            if (entry.Entity is AuditEntry)
            {
                if (entry.State is EntityState.Modified or EntityState.Deleted)
                {
                    throw new InvalidOperationException("The audit trail cannot be edited or deleted.");
                }

                continue;
            }

            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Created,
                EntityState.Modified => AuditAction.Updated,
                EntityState.Deleted => AuditAction.Deleted,
                _ => (AuditAction?)null,
            };
            if (action is null)
            {
                continue;
            }

            var changes = Changes(entry, action.Value);
            if (action == AuditAction.Updated && changes.Count == 0)
            {
                continue; // only bookkeeping changed
            }

            pending.Add(new Pending(entry, action.Value, changes));
        }

        return pending;
    }

    /// <summary>
    /// The entry of a change, written after the save: keys and foreign keys the database generated
    /// (a new file's id, a new entry's values) are read now, never EF's temporary placeholders.
    /// </summary>
    public static AuditEntry ToEntry(Pending pending, IAuditContext who, DateTime nowUtc) => new(
        nowUtc,
        pending.Action,
        EntityName(pending.Entry.Metadata),
        KeyOf(pending.Entry),
        who.UserId,
        who.UserName,
        who.IpAddress,
        pending.Action == AuditAction.Deleted ? pending.Changes : [.. pending.Changes.Select(c => AfterSave(pending.Entry, c))]);

    private static FieldChange AfterSave(EntityEntry entry, FieldChange change)
    {
        if (IsSecret(entry.Metadata, change.Field) || change.After is null)
        {
            return change;
        }

        var after = Format(entry.Property(change.Field).CurrentValue);
        return after == change.After ? change : change with { After = after };
    }

    /// <summary>One entry for a whole bulk save: how many rows of each kind were created, changed, removed.</summary>
    public static AuditEntry Summary(IReadOnlyList<Pending> pending, IAuditContext who, DateTime nowUtc)
    {
        var counts = pending
            .GroupBy(p => (p.Action, Type: EntityName(p.Entry.Metadata)))
            .OrderBy(g => g.Key.Action).ThenBy(g => g.Key.Type, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key.Action} {g.Count()} {g.Key.Type}"));
        return new AuditEntry(nowUtc, AuditAction.Created, "BulkLoad", null, who.UserId, who.UserName, who.IpAddress, detail: string.Join(", ", counts));
    }

    private static List<FieldChange> Changes(EntityEntry entry, AuditAction action)
    {
        var changes = new List<FieldChange>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (BookkeepingFields.Contains(name) || property.Metadata.IsShadowProperty() && property.Metadata.IsKey())
            {
                continue;
            }

            var before = action == AuditAction.Created ? null : Format(property.OriginalValue);
            var after = action == AuditAction.Deleted ? null : Format(property.CurrentValue);
            if (action == AuditAction.Updated && (!property.IsModified || before == after))
            {
                continue;
            }

            if (IsSecret(entry.Metadata, name))
            {
                (before, after) = (before is null ? null : Hidden, after is null ? null : Hidden);
            }

            if (before is null && after is null)
            {
                continue;
            }

            changes.Add(new FieldChange(name, before, after));
        }

        return changes;
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("dd/MM/yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string EntityName(IEntityType type) => AuditNames.Of(type);

    private static string? KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null ? null : string.Join(",", key.Properties.Select(p => Format(entry.Property(p.Name).CurrentValue)));
    }
}
