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
        builder.Ignore(p => p.Validity);

        // A code can be reused by a later unit (the 2025 mergers), so it is unique per start date.
        builder.HasIndex(p => new { p.Code, p.ValidFrom }).IsUnique();
    }
}
