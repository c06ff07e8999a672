using CoordinationPortal.Data.Auditing;
using CoordinationPortal.Data.Email;
using CoordinationPortal.Data.Forms;
using CoordinationPortal.Data.Identity;
using CoordinationPortal.Data.Notifications;
using CoordinationPortal.Data.ReadModels;
using CoordinationPortal.Domain.Agencies;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Provinces;
using CoordinationPortal.Domain.Reporting;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Data;

/// <summary>
/// The one database context of the portal, and the Identity store. Entity mappings live in
/// <c>Configurations/</c>. Every save also writes the audit trail of what it changed
/// (<see cref="AuditInterceptor"/>, always on: there is no switch to turn it off).
/// The app rents instances from a pool (ADR 0059): who the saves are recorded as is set on every
/// rent (<see cref="ActingFor"/>) and forgotten when the instance goes back, with the audit's state.
/// </summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : IdentityUserContext<PortalUser>(options), IDataProtectionKeyContext
{
    private IAuditContext _auditContext = SystemAuditContext.Instance;
    private TimeProvider _clock = TimeProvider.System;
    private bool _refreshingTotals;

    /// <summary>Who and when this use of the context records in the audit trail; "system" until set.</summary>
    internal IAuditContext Actor => _auditContext;

    internal TimeProvider Clock => _clock;

    /// <summary>The audit's work between saving and saved (<see cref="AuditInterceptor"/> is shared by all contexts).</summary>
    internal AuditInterceptor.Save? AuditSave { get; set; }

    public DbSet<Agency> Agencies => Set<Agency>();

    public DbSet<Province> Provinces => Set<Province>();

    public DbSet<CoordinationProgramme> Programmes => Set<CoordinationProgramme>();

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<ActivityTask> ActivityTasks => Set<ActivityTask>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Indicator> Indicators => Set<Indicator>();

    public DbSet<ProgressEntry> ProgressEntries => Set<ProgressEntry>();

    public DbSet<QuarterlyReport> QuarterlyReports => Set<QuarterlyReport>();

    public DbSet<ReportLine> ReportLines => Set<ReportLine>();

    public DbSet<ReportSubmission> ReportSubmissions => Set<ReportSubmission>();

    public DbSet<ReportingPeriod> ReportingPeriods => Set<ReportingPeriod>();

    /// <summary>Indicator totals of the reports that count, kept by every save that changes them (ADR 0057).</summary>
    public DbSet<IndicatorQuarterTotal> IndicatorQuarterTotals => Set<IndicatorQuarterTotal>();

    public DbSet<LockExemption> LockExemptions => Set<LockExemption>();

    /// <summary>Provinces' requests for more time on a locked quarter; a grant is a <see cref="LockExemption"/>.</summary>
    public DbSet<ExtensionRequest> ExtensionRequests => Set<ExtensionRequest>();

    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();

    public DbSet<FormSubmission> FormSubmissions => Set<FormSubmission>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    /// <summary>Messages to one person in the portal (the bell), written with the change they tell of.</summary>
    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<AccessDenialTally> AccessDenialTallies => Set<AccessDenialTally>();

    /// <summary>Wrong sign-in attempts per account and client address, and the waits they impose (ADR 0024).</summary>
    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();

    /// <summary>E-mails waiting to be sent, and sent ones (ADR 0040); add them only through the outbox API.</summary>
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    /// <summary>The persisted schedule of reminders and digests (ADR 0043); claimed with one conditional UPDATE.</summary>
    public DbSet<Scheduling.ScheduledJob> ScheduledJobs => Set<Scheduling.ScheduledJob>();

    /// <summary>
    /// Data-protection keys when DataProtection:Store is Database, so that every node signs and reads
    /// the same cookies (ADR 0045); encrypted with the key-protection certificate like the key files.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Security events (sign-in, 2FA, denials) that are not a change to a stored record.</summary>
    public AuditEntry RecordEvent(AuditAction action, string entityType, string? entityId, string? userId, string? userName, string? detail = null) =>
        AuditEntries.Add(new AuditEntry(_clock.GetUtcNow().UtcDateTime, action, entityType, entityId, userId, userName, _auditContext.IpAddress, detail: detail)).Entity;

    /// <summary>
    /// Sets who this context's saves are recorded as (the request's user and address, a job, the
    /// demo generator) and the clock, until it is disposed: a pooled instance serves one scope after
    /// another, and must never record a change under the previous one's name.
    /// </summary>
    public PortalDbContext ActingFor(IAuditContext who, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(clock);
        _auditContext = who;
        _clock = clock;
        return this;
    }

    // Disposing a pooled context returns it to the pool: forget the scope's actor first.
    public override void Dispose()
    {
        Forget();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        Forget();
        return base.DisposeAsync();
    }

    private void Forget()
    {
        _auditContext = SystemAuditContext.Instance;
        _clock = TimeProvider.System;
        AuditSave = null;
        _refreshingTotals = false;
    }

    // The app saves asynchronously; this keeps a synchronous caller from skipping the audit trail.
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// Saves, and when the save changes what <see cref="IndicatorQuarterTotals"/> sums, recomputes those
    /// rows before the transaction commits (ADR 0057): here rather than in the report commands, so that
    /// no write path (review, bulk approval, the demo seed, a test's set-up) can leave them behind.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (_refreshingTotals)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var stale = await IndicatorTotals.StaleScopesAsync(this, cancellationToken);
        if (stale.Count == 0 || !Database.IsRelational())
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;

        // Before this save's own writes: a second writer of the same plan waits here holding nothing,
        // so the first one's recompute never waits for the second's rows (ADR 0057).
        await IndicatorTotals.LockPlansAsync(this, stale, cancellationToken);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        _refreshingTotals = true;
        try
        {
            await IndicatorTotals.RefreshAsync(this, stale, cancellationToken);
        }
        finally
        {
            _refreshingTotals = false;
        }

        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }

        return saved;
    }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);

        // Pooled options are frozen and must not be changed here: the app adds the audit with the
        // options (AddPortalAudit); any other options (tools, tests) get it here.
        if (!AuditInterceptor.IsIn(optionsBuilder.Options))
        {
            optionsBuilder.AddInterceptors(AuditInterceptor.Instance);
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);

        // Two people editing one report, entry, plan, activity or indicator: the second save is refused.
        // SQL Server keeps a rowversion; SQLite has none, so there the app-managed Version column is the token.
        foreach (var entity in new[] { typeof(QuarterlyReport), typeof(ProgressEntry), typeof(Plan), typeof(Activity), typeof(Indicator) })
        {
            if (Database.ProviderName == "Microsoft.EntityFrameworkCore.SqlServer")
            {
                builder.Entity(entity).Property<byte[]>("RowVersion").IsRowVersion();
            }
            else
            {
                builder.Entity(entity).Property("Version").IsConcurrencyToken();
            }
        }
    }
}
