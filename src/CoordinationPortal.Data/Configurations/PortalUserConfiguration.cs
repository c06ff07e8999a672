using CoordinationPortal.Data.Identity;
using CoordinationPortal.Domain.Agencies;
using CoordinationPortal.Domain.Provinces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoordinationPortal.Data.Configurations;

internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> builder)
    {
        builder.Property(u => u.FullName).HasMaxLength(PortalUser.MaxFullNameLength);
        builder.Property(u => u.SearchText).HasMaxLength(PortalUser.MaxSearchTextLength);
        builder.Property(u => u.CreatedAtUtc).HasConversion(UtcConversion.Instance);
        builder.HasOne<Agency>().WithMany().HasForeignKey(u => u.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Province>().WithMany().HasForeignKey(u => u.ProvinceId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(u => u.Language).HasMaxLength(PortalUser.MaxLanguageLength);

        // Existing accounts get e-mail reminders and the digest, as new ones do. The sentinel is the
        // initial value, so EF still writes an explicit false (a CLR-default sentinel would drop it).
        builder.Property(u => u.EmailReminders).HasDefaultValue(true).HasSentinel(true);
        builder.Property(u => u.EmailDigest).HasDefaultValue(true).HasSentinel(true);
        builder.HasIndex(u => u.Role);
    }
}
