using System.Data.Common;
using System.Runtime.CompilerServices;
using CoordinationPortal.Data.Auditing;
using CoordinationPortal.Data.Identity;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Domain.Provinces;
using CoordinationPortal.Web.Features.Notifications;
using CoordinationPortal.Web.Features.Plans;
using CoordinationPortal.Web.Features.Provinces;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CoordinationPortal.Web.Infrastructure.Caching;

/// <summary>
/// Evicts the cached dashboard (and the plan pages, ADR 0050) after every save that changed a record it may show, on every node
/// (ADR 0048). One place for all writes, so that no command can forget it: a record type the
/// dashboard does not read is listed in <see cref="Shows"/>'s exclusions, every other type evicts,
/// including types added later. The eviction happens once the change is committed (after the save,
/// or after the surrounding transaction commits), so that a request in between cannot cache the old
/// figures again; evicting twice costs nothing. A change to a province (its names, region, lineage)
/// also drops the province catalogue every node keeps in memory (<see cref="ProvinceCatalogCache"/>), and
/// a change to a table the plans' reference data is read from (<see cref="PlanReference.TablesRead"/>)
/// drops that data (<see cref="PlanReferenceCache"/>, ADR 0061).
/// </summary>
public sealed class DashboardEviction(FragmentCache cache, ProvinceCatalogCache catalogs, PlanReferenceCache plans, UnreadCounts bells) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    // Contexts with a committed-to-be change the dashboard shows; weak, so a context never disposed does not leak.
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    // A pooled context serves one scope after another (ADR 0059): a note left by a scope that never
    // committed (its transaction was disposed) belongs to that lease only.
    private sealed class Pending
    {
        public required int Lease { get; init; }

        public bool Provinces { get; set; }

        /// <summary>Whether a record the cached pages show changed (a notification alone evicts no page).</summary>
        public bool Pages { get; set; }

        /// <summary>Accounts whose notifications changed: their kept bell counts go (ADR 0063).</summary>
        public HashSet<string> Notified { get; } = new(StringComparer.Ordinal);

        public bool PlanData { get; set; }
    }

    /// <summary>Whether a record of this type can change what the dashboard shows.</summary>
    public static bool Shows(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);

        // Bookkeeping (sessions, throttles, form tokens, notifications, outbox, schedules), the audit
        // trail, keys, accounts and evidence files: the dashboard reads none of them. Sign-ins and
        // notifications are frequent; evicting on them would leave the cache empty.
        return !(typeof(IUnaudited).IsAssignableFrom(type)
            || type == typeof(AuditEntry)
            || type == typeof(DataProtectionKey)
            || type == typeof(PortalUser)
            || type == typeof(EvidenceFile)
            || (type.IsGenericType && type.Namespace == typeof(IdentityUserClaim<>).Namespace));
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null)
        {
            EvictIfPending(context).GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null)
        {
            await EvictIfPending(context);
        }

        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            EvictIfPending(context).GetAwaiter().GetResult();
        }
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            await EvictIfPending(context);
        }
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            _pending.Remove(context);
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    private void Note(DbContextEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is not { } context)
        {
            return;
        }

        var entries = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        var changed = entries.Select(e => Root(e.Metadata).ClrType).Where(Shows).ToList();
        var planData = context is Data.PortalDbContext portal && ReadsPlanData(portal, entries);
        var notified = entries.Select(e => e.Entity).OfType<Data.Notifications.Notification>().Select(n => n.UserId).ToList();
        if (changed.Count > 0 || planData || notified.Count > 0)
        {
            // Several saves in one transaction add up until it commits.
            if (!_pending.TryGetValue(context, out var pending) || pending.Lease != context.ContextId.Lease)
            {
                pending = new Pending { Lease = context.ContextId.Lease };
                _pending.AddOrUpdate(context, pending);
            }

            pending.Provinces |= changed.Contains(typeof(Province));
            pending.PlanData |= planData;
            pending.Pages |= changed.Count > 0 || planData;
            pending.Notified.UnionWith(notified);
        }
    }

    // By the record's own table, not its owner's: an owned record kept in the owner's row (an
    // activity's window) changes what is read; one in a table of its own (an indicator's province
    // targets) only when that table is read.
    private static bool ReadsPlanData(Data.PortalDbContext context, List<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry> entries)
    {
        if (entries.Count == 0)
        {
            return false;
        }

        var tables = PlanReference.TablesRead(context);
        return entries.Exists(e => (e.Metadata.GetTableName() ?? Root(e.Metadata).GetTableName()) is { } table && tables.Contains(table));
    }

    // An owned record (an audit entry's field changes, a plan's purposes) belongs to its owner's kind.
    private static Microsoft.EntityFrameworkCore.Metadata.IReadOnlyEntityType Root(Microsoft.EntityFrameworkCore.Metadata.IReadOnlyEntityType type) =>
        type.FindOwnership() is { } ownership ? Root(ownership.PrincipalEntityType) : type;

    private async Task EvictIfPending(DbContext context)
    {
        if (_pending.TryGetValue(context, out var pending) && _pending.Remove(context) && pending.Lease == context.ContextId.Lease)
        {
            // Not the request's token: a person who leaves right after saving must not leave the old figures cached.
            // Each kept kind starts its shared generation anew (other nodes), then drops this node's copy.
            if (pending.Provinces)
            {
                await catalogs.ForgetAsync();
            }

            if (pending.PlanData)
            {
                await plans.ForgetAsync();
            }

            if (pending.Notified.Count > 0)
            {
                await bells.ForgetAsync(pending.Notified);
            }

            if (pending.Pages)
            {
                await cache.EvictAsync(CacheTags.Dashboard, CancellationToken.None);
                await cache.EvictAsync(CacheTags.Plans, CancellationToken.None); // the plan pages read a subset of the same records (ADR 0050)
                await cache.EvictAsync(CacheTags.Reports, CancellationToken.None); // and so does the report list (ADR 0055)
            }
        }
    }
}
