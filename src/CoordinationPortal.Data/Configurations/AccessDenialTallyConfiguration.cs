using CoordinationPortal.Data.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoordinationPortal.Data.Configurations;

internal sealed class AccessDenialTallyConfiguration : IEntityTypeConfiguration<AccessDenialTally>
{
    public void Configure(EntityTypeBuilder<AccessDenialTally> builder)
    {
        builder.ToTable("AccessDenialTallies");
        builder.Property(t => t.Account).HasMaxLength(AccessDenialTally.MaxAccountLength);
        builder.Property(t => t.Kind).HasMaxLength(AccessDenialTally.MaxKindLength);
        builder.Property(t => t.LastPath).HasMaxLength(AccessDenialTally.MaxPathLength);
        builder.Property(t => t.WindowStartUtc).HasConversion(UtcConversion.Instance);
        builder.Property(t => t.LastAtUtc).HasConversion(UtcConversion.Instance);
        builder.HasOne(t => t.FirstEntry).WithOne().HasForeignKey<AccessDenialTally>(t => t.AuditEntryId).OnDelete(DeleteBehavior.Restrict);

        // One tally per account, kind and window: two first refusals at once make one, the other counts on it.
        builder.HasIndex(t => new { t.Account, t.Kind, t.WindowStartUtc }).IsUnique();
    }
}
