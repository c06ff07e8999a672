using CoordinationPortal.Domain.Provinces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoordinationPortal.Data.Configurations;

internal sealed class ProvinceConfiguration : IEntityTypeConfiguration<Province>
{
    public void Configure(EntityTypeBuilder<Province> builder)
    {
        builder.Property(p => p.Code).HasMaxLength(Province.CodeLength).IsFixedLength().IsUnicode(false);
        builder.Property(p => p.Name).HasMaxLength(Province.MaxNameLength);
        builder.Property(p => p.Type).HasDefaultValue(ProvinceType.Province).HasSentinel(0);
        builder.Ignore(p => p.Validity);

        // A unit that merged points at the unit it merged into (the 63 -> 34 lineage).
        builder.HasOne<Province>().WithMany().HasForeignKey(p => p.SuccessorId).OnDelete(DeleteBehavior.Restrict);

        builder.OwnsMany(p => p.FormerNames, name =>
        {
            name.ToTable("ProvinceFormerNames");
            name.WithOwner().HasForeignKey("ProvinceId");
            name.HasKey("ProvinceId", nameof(FormerProvinceName.ValidTo));
            name.Property(n => n.Name).HasMaxLength(Province.MaxNameLength);
        });
        builder.Navigation(p => p.FormerNames).AutoInclude();

        // A code can be reused by a later unit (the 2025 mergers), so it is unique per start date.
        builder.HasIndex(p => new { p.Code, p.ValidFrom }).IsUnique();
    }
}
