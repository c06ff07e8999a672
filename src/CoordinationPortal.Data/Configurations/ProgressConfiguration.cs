using CoordinationPortal.Domain.Agencies;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Provinces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoordinationPortal.Data.Configurations;

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        builder.Property(i => i.Code).HasMaxLength(Indicator.MaxCodeLength).IsUnicode(false);
        builder.Property(i => i.Name).HasMaxLength(Indicator.MaxNameLength);
        builder.Property(i => i.EnglishName).HasMaxLength(Indicator.MaxNameLength);
        builder.HasOne<Activity>().WithMany().HasForeignKey(i => i.ActivityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.ActivityId, i.Code }).IsUnique();
        builder.OwnsMany(i => i.ProvinceTargets, target =>
        {
            target.ToTable("IndicatorProvinceTargets");
            target.WithOwner().HasForeignKey("IndicatorId");
            target.HasKey("IndicatorId", nameof(ProvinceTarget.ProvinceId));
            target.HasOne<Province>().WithMany().HasForeignKey(t => t.ProvinceId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}

internal sealed class ProgressEntryConfiguration : IEntityTypeConfiguration<ProgressEntry>
{
    public void Configure(EntityTypeBuilder<ProgressEntry> builder)
    {
        builder.HasOne<Activity>().WithMany().HasForeignKey(e => e.ActivityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ActivityTask>().WithMany().HasForeignKey(e => e.TaskId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agency>().WithMany().HasForeignKey(e => e.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.AuthorId).HasMaxLength(450);
        builder.Property(e => e.AuthorName).HasMaxLength(256);
        builder.Property(e => e.UpdatedByName).HasMaxLength(256);
        builder.Property(e => e.Done).HasMaxLength(ProgressEntry.MaxTextLength);
        builder.Property(e => e.Difficulties).HasMaxLength(ProgressEntry.MaxTextLength);
        builder.Property(e => e.NextSteps).HasMaxLength(ProgressEntry.MaxTextLength);
        builder.Property(e => e.CreatedAtUtc).HasConversion(UtcConversion.Instance);
        builder.Property(e => e.UpdatedAtUtc).HasConversion(UtcConversion.Instance);
        builder.HasIndex(e => new { e.ActivityId, e.AgencyId, e.ReportedOn });
        builder.OwnsMany(e => e.Values, values =>
        {
            values.ToTable("ProgressEntryValues");
            values.WithOwner().HasForeignKey("ProgressEntryId");
            values.HasKey("ProgressEntryId", nameof(IndicatorValue.IndicatorId));
            values.HasOne<Indicator>().WithMany().HasForeignKey(v => v.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Navigation(e => e.Values).AutoInclude();
    }
}

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> builder)
    {
        builder.ToTable("EvidenceFiles");
        builder.Property(f => f.OriginalName).HasMaxLength(EvidenceFile.MaxFileNameLength);
        builder.Property(f => f.StoredName).HasMaxLength(100).IsUnicode(false);
        builder.Property(f => f.ContentType).HasMaxLength(100).IsUnicode(false);
        builder.Property(f => f.UploadedById).HasMaxLength(450);
        builder.Property(f => f.UploadedByName).HasMaxLength(256);
        builder.Property(f => f.UploadedAtUtc).HasConversion(UtcConversion.Instance);
        builder.HasIndex(f => new { f.OwnerType, f.OwnerId });
        builder.HasIndex(f => f.StoredName).IsUnique();
    }
}
