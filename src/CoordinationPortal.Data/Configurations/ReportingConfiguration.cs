using CoordinationPortal.Domain.Agencies;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Provinces;
using CoordinationPortal.Domain.Reporting;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoordinationPortal.Data.Configurations;

internal sealed class QuarterlyReportConfiguration : IEntityTypeConfiguration<QuarterlyReport>
{
    public void Configure(EntityTypeBuilder<QuarterlyReport> builder)
    {
        builder.HasOne<Plan>().WithMany().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Province>().WithMany().HasForeignKey(r => r.ProvinceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agency>().WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Quarter).HasConversion<QuarterConverter>();
        builder.Property(r => r.CreatedById).HasMaxLength(450);
        builder.Property(r => r.UpdatedByName).HasMaxLength(256);
        builder.Property(r => r.CreatedAtUtc).HasConversion(UtcConversion.Instance);
        builder.Property(r => r.UpdatedAtUtc).HasConversion(UtcConversion.Instance);
        builder.Property(r => r.FirstSubmittedAtUtc).HasConversion(UtcConversion.Nullable);
        builder.Property(r => r.LastSubmittedAtUtc).HasConversion(UtcConversion.Nullable);
        builder.Ignore(r => r.IsEditable);
        builder.Ignore(r => r.ActivitiesMissingStatus);

        // One report per plan, quarter, province and agency branch.
        builder.HasIndex(r => new { r.PlanId, r.Quarter, r.ProvinceId, r.AgencyId }).IsUnique();
        builder.HasIndex(r => new { r.State, r.AgencyId });

        // The report list's order: its page of 50 is read off this index instead of sorting every readable report.
        builder.HasIndex(r => new { r.Quarter, r.ProvinceId, r.AgencyId }).IsDescending(true, false, false);

        builder.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Lines).AutoInclude();
        builder.OwnsMany(r => r.Transitions, transition =>
        {
            transition.ToTable("ReportTransitions");
            transition.WithOwner().HasForeignKey("ReportId");
            transition.HasKey("ReportId", nameof(ReportTransition.Number));
            transition.Property(t => t.Number).ValueGeneratedNever();
            transition.Property(t => t.ById).HasMaxLength(450);
            transition.Property(t => t.ByName).HasMaxLength(256);
            transition.Property(t => t.Comment).HasMaxLength(QuarterlyReport.MaxCommentLength);
            transition.Property(t => t.AtUtc).HasConversion(UtcConversion.Instance);
        });
        builder.Navigation(r => r.Transitions).AutoInclude();

        builder.Property(r => r.Reply).HasMaxLength(QuarterlyReport.MaxCommentLength);
        builder.Ignore(r => r.HandedBackBy);
        builder.OwnsMany(r => r.LineComments, comment =>
        {
            comment.ToTable("ReportLineComments");
            comment.WithOwner().HasForeignKey("ReportId");
            comment.HasKey("ReportId", nameof(ReportLineComment.Step), nameof(ReportLineComment.ActivityId));
            comment.Property(c => c.Step).ValueGeneratedNever();
            comment.Property(c => c.ActivityId).ValueGeneratedNever();
            comment.Property(c => c.Text).HasMaxLength(QuarterlyReport.MaxCommentLength);
        });
        builder.Navigation(r => r.LineComments).AutoInclude();

        // Snapshots are read only by the comparison, through their own query: never loaded with the report.
        builder.HasMany(r => r.Submissions).WithOne().HasForeignKey(s => s.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A submission's snapshot: one row per submission, its lines as one JSON text (ADR 0035).</summary>
internal sealed class ReportSubmissionConfiguration : IEntityTypeConfiguration<ReportSubmission>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public void Configure(EntityTypeBuilder<ReportSubmission> builder)
    {
        builder.ToTable("ReportSubmissions");
        builder.HasKey(s => new { s.ReportId, s.Step });
        builder.Property(s => s.Step).ValueGeneratedNever();
        builder.Property(s => s.AtUtc).HasConversion(UtcConversion.Instance);
        builder.Property(s => s.Lines)
            .HasConversion(
                lines => JsonSerializer.Serialize(lines.ToList(), Json),
                text => new SubmittedLines(JsonSerializer.Deserialize<List<SubmittedLine>>(text, Json) ?? new List<SubmittedLine>()),
                new ValueComparer<SubmittedLines>(
                    (a, b) => a == b || (a != null && b != null && a.SequenceEqual(b, SubmittedLineComparer.Instance)),
                    lines => lines.Count,
                    lines => lines))
            .IsRequired();
    }

    /// <summary>Records compare their lists by reference; a snapshot is never changed, so equal text is enough.</summary>
    private sealed class SubmittedLineComparer : IEqualityComparer<SubmittedLine>
    {
        public static readonly SubmittedLineComparer Instance = new();

        public bool Equals(SubmittedLine? x, SubmittedLine? y) =>
            x is not null && y is not null && JsonSerializer.Serialize(x, Json) == JsonSerializer.Serialize(y, Json);

        public int GetHashCode(SubmittedLine obj) => obj.ActivityId;
    }
}

internal sealed class ReportLineConfiguration : IEntityTypeConfiguration<ReportLine>
{
    public void Configure(EntityTypeBuilder<ReportLine> builder)
    {
        builder.ToTable("ReportLines");
        builder.HasOne<Activity>().WithMany().HasForeignKey(l => l.ActivityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.ReportId, l.ActivityId }).IsUnique();
        builder.Property(l => l.Results).HasMaxLength(ReportLine.MaxTextLength);
        builder.Property(l => l.Difficulties).HasMaxLength(ReportLine.MaxTextLength);
        builder.Property(l => l.Proposals).HasMaxLength(ReportLine.MaxTextLength);
        builder.Property(l => l.NoResultsReason).HasMaxLength(ReportLine.MaxReasonLength);
        builder.OwnsMany(l => l.Values, values =>
        {
            values.ToTable("ReportLineValues");
            values.WithOwner().HasForeignKey("ReportLineId");
            values.HasKey("ReportLineId", nameof(IndicatorValue.IndicatorId));
            values.HasOne<Indicator>().WithMany().HasForeignKey(v => v.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Navigation(l => l.Values).AutoInclude();
        builder.Property(l => l.Reply).HasMaxLength(QuarterlyReport.MaxCommentLength);
    }
}

internal sealed class ReportingPeriodConfiguration : IEntityTypeConfiguration<ReportingPeriod>
{
    public void Configure(EntityTypeBuilder<ReportingPeriod> builder)
    {
        builder.HasOne<Plan>().WithMany().HasForeignKey(p => p.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.Quarter).HasConversion<QuarterConverter>();
        builder.HasIndex(p => new { p.PlanId, p.Quarter }).IsUnique();
        builder.Ignore(p => p.DueEndUtc);
        builder.Ignore(p => p.LocksOn);
    }
}

internal sealed class LockExemptionConfiguration : IEntityTypeConfiguration<LockExemption>
{
    public void Configure(EntityTypeBuilder<LockExemption> builder)
    {
        builder.HasOne<Plan>().WithMany().HasForeignKey(e => e.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Province>().WithMany().HasForeignKey(e => e.ProvinceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agency>().WithMany().HasForeignKey(e => e.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Quarter).HasConversion<QuarterConverter>();
        builder.Property(e => e.Reason).HasMaxLength(LockExemption.MaxReasonLength);
        builder.Property(e => e.GrantedById).HasMaxLength(450);
        builder.Property(e => e.GrantedByName).HasMaxLength(256);
        builder.Property(e => e.GrantedAtUtc).HasConversion(UtcConversion.Instance);
        builder.Property(e => e.RevokedAtUtc).HasConversion(UtcConversion.Nullable);
        builder.HasIndex(e => new { e.PlanId, e.Quarter, e.ProvinceId, e.AgencyId });
    }
}
