using CoordinationPortal.Data.Auditing;

namespace CoordinationPortal.Data.Scheduling;

/// <summary>
/// One recurring job's place in the persisted schedule (ADR 0043): when it runs next and who holds
/// it now. An instance takes the job with one conditional UPDATE (due, lease free or expired), so of
/// two instances sharing the database only one runs it; a crashed run's lease expires and the job
/// is taken again. Bookkeeping of how the app works, so it stays out of the audit trail.
/// </summary>
public sealed class ScheduledJob : IUnaudited
{
    public const int MaxNameLength = 100;
    public const int MaxLeaseOwnerLength = 100;

    public ScheduledJob(string name, DateTime nextRunUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Length > MaxNameLength)
        {
            throw new ArgumentException($"A job name has at most {MaxNameLength} characters.", nameof(name));
        }

        Name = name;
        NextRunUtc = nextRunUtc;
    }

    // For EF Core.
    private ScheduledJob()
    {
        Name = string.Empty;
    }

    /// <summary>The job's stable name ("notifications.reminders"); the key.</summary>
    public string Name { get; private set; }

    /// <summary>The slot the job is due at next (UTC); it may be taken from this instant on.</summary>
    public DateTime NextRunUtc { get; private set; }

    /// <summary>The claim token of the run holding the job, while it runs.</summary>
    public string? LeaseOwner { get; private set; }

    /// <summary>Until when that claim holds; after it, another run may take the job.</summary>
    public DateTime? LeaseUntilUtc { get; private set; }

    /// <summary>When the job last finished a run (UTC), for operators.</summary>
    public DateTime? LastRunUtc { get; private set; }
}
