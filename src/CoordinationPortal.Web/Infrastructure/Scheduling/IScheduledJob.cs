using CoordinationPortal.Data;

namespace CoordinationPortal.Web.Infrastructure.Scheduling;

/// <summary>The slot being run and the instant it actually runs.</summary>
public sealed record JobRun(DateTime SlotUtc, DateTime NowUtc);

/// <summary>
/// A recurring job of the persisted schedule (ADR 0043). The runner claims it when due, calls
/// <see cref="RunAsync"/> inside one transaction, and commits its changes together with the next
/// slot, so a run either happened whole (and is not repeated) or not at all (and is repeated).
/// </summary>
public interface IScheduledJob
{
    /// <summary>The job's stable name, its row in ScheduledJobs.</summary>
    string Name { get; }

    /// <summary>The first slot strictly after <paramref name="afterUtc"/>.</summary>
    DateTime NextSlotAfter(DateTime afterUtc);

    /// <summary>
    /// Whether a slot missed while the app was down is too old to run now: the run is then skipped,
    /// not sent late (the catch-up rule of ADR 0043).
    /// </summary>
    bool IsStale(DateTime slotUtc, DateTime nowUtc);

    /// <summary>Does the job's work, adding its changes to <paramref name="db"/> UNSAVED: the runner saves.</summary>
    Task RunAsync(PortalDbContext db, JobRun run, CancellationToken cancellationToken);
}
