using CoordinationPortal.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoordinationPortal.Data.Configurations;

internal sealed class ProgrammeConfiguration : IEntityTypeConfiguration<CoordinationProgramme>
{
    public void Configure(EntityTypeBuilder<CoordinationProgramme> builder)
    {
        builder.ToTable("Programmes");
        builder.Property(p => p.Number).HasMaxLength(CoordinationProgramme.MaxNumberLength);
        builder.Property(p => p.Title).HasMaxLength(CoordinationProgramme.MaxTitleLength);
        builder.HasIndex(p => p.Number).IsUnique();
    }
}
