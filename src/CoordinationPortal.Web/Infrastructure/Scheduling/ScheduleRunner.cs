using CoordinationPortal.Data;
using CoordinationPortal.Data.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Infrastructure.Scheduling;

/// <summary>A run's hold on a job: which job, which slot, and the token only this run knows.</summary>
public sealed record JobClaim(string Name, string Token, DateTime SlotUtc);

/// <summary>
/// Runs the jobs of the persisted schedule that are due (ADR 0043). Each job's row says when it
/// runs next; an instance takes a due job with ONE conditional UPDATE (still that slot, due, lease
/// free or expired: one row changed means it is ours), runs it, and in the same transaction as the
/// job's notifications moves the row to the next slot, but only while it still holds the lease.
/// So a restart neither skips nor repeats a slot, two instances never both run one, and a run that
/// crashed (or outlived its lease) leaves nothing behind and is run again.
/// </summary>
public sealed partial class ScheduleRunner(
    IServiceScopeFactory scopes,
    IOptions<ScheduleOptions> options,
    TimeProvider clock,
    ILogger<ScheduleRunner> logger)
{
    /// <summary>Names this process in lease tokens, for operators reading the table.</summary>
    private readonly string _instance = $"{(Environment.MachineName.Length > 40 ? Environment.MachineName[..40] : Environment.MachineName)}:{Environment.ProcessId}";

    /// <summary>Runs every due job once; returns how many ran (their work committed).</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        List<string> names;
        await using (var scope = scopes.CreateAsyncScope())
        {
            names = [.. scope.ServiceProvider.GetServices<IScheduledJob>().Select(j => j.Name)];
        }

        var ran = 0;
        foreach (var name in names)
        {
            if (await TryClaimAsync(name, cancellationToken) is { } claim && await RunClaimedAsync(claim, cancellationToken))
            {
                ran++;
            }
        }

        return ran;
    }

    /// <summary>
    /// Takes <paramref name="name"/> if it is due and nobody holds it; null otherwise. A job seen for
    /// the first time is put on the schedule at its next slot, not run at once.
    /// </summary>
    public async Task<JobClaim?> TryClaimAsync(string name, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var job = JobNamed(scope, name);
        var now = clock.GetUtcNow().UtcDateTime;
        var slot = await db.ScheduledJobs.AsNoTracking().Where(j => j.Name == name).Select(j => (DateTime?)j.NextRunUtc).SingleOrDefaultAsync(cancellationToken);
        if (slot is null)
        {
            await AddToScheduleAsync(db, name, job.NextSlotAfter(now), cancellationToken);
            return null;
        }

        if (slot > now)
        {
            return null;
        }

        var token = $"{_instance}:{Guid.NewGuid():N}";
        var until = now + options.Value.Lease;
        var due = slot.Value;
        var taken = await db.ScheduledJobs
            .Where(j => j.Name == name && j.NextRunUtc == due && (j.LeaseUntilUtc == null || j.LeaseUntilUtc <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, token).SetProperty(j => j.LeaseUntilUtc, until), cancellationToken);
        return taken == 1 ? new JobClaim(name, token, due) : null;
    }

    /// <summary>
    /// Runs a claimed job and moves it to its next slot, in one transaction; false (nothing written)
    /// when the claim was lost meanwhile, because the lease expired and another run took the job.
    /// </summary>
    public async Task<bool> RunClaimedAsync(JobClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var job = JobNamed(scope, claim.Name);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var started = clock.GetUtcNow().UtcDateTime;

        // After an outage only the latest slot that has come is considered; older ones are skipped.
        var slot = claim.SlotUtc;
        for (var later = job.NextSlotAfter(slot); later <= started; later = job.NextSlotAfter(later))
        {
            slot = later;
        }

        if (slot != claim.SlotUtc)
        {
            LogSkippedMissed(logger, claim.Name, claim.SlotUtc, slot);
        }

        if (job.IsStale(slot, started))
        {
            LogSkippedStale(logger, claim.Name, slot);
        }
        else
        {
            await job.RunAsync(db, new JobRun(slot, started), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        var finished = clock.GetUtcNow().UtcDateTime;
        var next = job.NextSlotAfter(finished > slot ? finished : slot);
        var moved = await db.ScheduledJobs
            .Where(j => j.Name == claim.Name && j.LeaseOwner == claim.Token)
            .ExecuteUpdateAsync(
                s => s.SetProperty(j => j.NextRunUtc, next)
                    .SetProperty(j => j.LastRunUtc, finished)
                    .SetProperty(j => j.LeaseOwner, (string?)null)
                    .SetProperty(j => j.LeaseUntilUtc, (DateTime?)null),
                cancellationToken);
        if (moved != 1)
        {
            // Another run took the job after our lease expired: its work stands, ours is undone.
            await transaction.RollbackAsync(cancellationToken);
            LogLeaseLost(logger, claim.Name, claim.SlotUtc);
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static IScheduledJob JobNamed(AsyncServiceScope scope, string name) =>
        scope.ServiceProvider.GetServices<IScheduledJob>().SingleOrDefault(j => j.Name == name)
        ?? throw new InvalidOperationException($"No scheduled job is named {name}.");

    private static async Task AddToScheduleAsync(PortalDbContext db, string name, DateTime firstSlotUtc, CancellationToken cancellationToken)
    {
        db.ScheduledJobs.Add(new ScheduledJob(name, firstSlotUtc));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance put it on the schedule first: its row stands.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled job {Job}: the slot {SlotUtc:u} is past its day (or week) and is skipped, not sent late")]
    private static partial void LogSkippedStale(ILogger logger, string job, DateTime slotUtc);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled job {Job}: the slots from {FirstUtc:u} were missed while the portal was down; only the latest, {LatestUtc:u}, is considered")]
    private static partial void LogSkippedMissed(ILogger logger, string job, DateTime firstUtc, DateTime latestUtc);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled job {Job}: the run of {SlotUtc:u} outlived its lease and another run took it; this run's work is undone")]
    private static partial void LogLeaseLost(ILogger logger, string job, DateTime slotUtc);
}
