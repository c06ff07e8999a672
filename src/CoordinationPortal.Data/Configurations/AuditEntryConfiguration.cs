using CoordinationPortal.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoordinationPortal.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(e => e.OccurredAtUtc).HasConversion(UtcConversion.Instance);
        builder.Property(e => e.EntityType).HasMaxLength(AuditEntry.MaxEntityTypeLength);
        builder.Property(e => e.EntityId).HasMaxLength(AuditEntry.MaxEntityIdLength);
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.UserName).HasMaxLength(AuditEntry.MaxUserNameLength);
        builder.Property(e => e.IpAddress).HasMaxLength(AuditEntry.MaxIpLength);
        builder.Property(e => e.Detail).HasMaxLength(AuditEntry.MaxDetailLength);
        builder.OwnsMany(e => e.Changes, changes => changes.ToJson());
        builder.HasIndex(e => e.OccurredAtUtc);
        builder.HasIndex(e => new { e.EntityType, e.EntityId });
        builder.HasIndex(e => e.UserId);
    }
}
