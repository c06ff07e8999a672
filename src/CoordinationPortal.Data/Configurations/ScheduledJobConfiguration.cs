using CoordinationPortal.Data.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoordinationPortal.Data.Configurations;

internal sealed class ScheduledJobConfiguration : IEntityTypeConfiguration<ScheduledJob>
{
    public void Configure(EntityTypeBuilder<ScheduledJob> builder)
    {
        builder.ToTable("ScheduledJobs");
        builder.HasKey(j => j.Name);
        builder.Property(j => j.Name).HasMaxLength(ScheduledJob.MaxNameLength);
        builder.Property(j => j.LeaseOwner).HasMaxLength(ScheduledJob.MaxLeaseOwnerLength);
        builder.Property(j => j.NextRunUtc).HasConversion(UtcConversion.Instance);
        builder.Property(j => j.LeaseUntilUtc).HasConversion(UtcConversion.Nullable);
        builder.Property(j => j.LastRunUtc).HasConversion(UtcConversion.Nullable);
    }
}
