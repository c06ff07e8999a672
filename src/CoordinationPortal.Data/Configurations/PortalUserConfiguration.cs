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
        builder.HasIndex(u => u.Role);
    }
}
