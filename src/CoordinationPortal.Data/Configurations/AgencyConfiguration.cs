using CoordinationPortal.Domain.Agencies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoordinationPortal.Data.Configurations;

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> builder)
    {
        builder.Property(a => a.Code).HasMaxLength(AgencyCodes.MaxLength).IsUnicode(false);
        builder.HasIndex(a => a.Code).IsUnique();
        builder.Ignore(a => a.CurrentName);

        builder.OwnsMany(a => a.Names, name =>
        {
            name.ToTable("AgencyNames");
            name.WithOwner().HasForeignKey("AgencyId");
            name.Property<int>("Id");
            name.HasKey("Id");
            name.Property(n => n.FullName).HasMaxLength(AgencyName.MaxNameLength);
            name.Property(n => n.ShortName).HasMaxLength(AgencyName.MaxNameLength);
            name.Property(n => n.Abbreviation).HasMaxLength(AgencyName.MaxAbbreviationLength);
            name.Property(n => n.EnglishName).HasMaxLength(AgencyName.MaxNameLength);
            name.Property(n => n.BranchName).HasMaxLength(AgencyName.MaxNameLength);
            name.Property(n => n.EnglishBranchName).HasMaxLength(AgencyName.MaxNameLength);
            name.Ignore(n => n.Validity);
        });
        builder.Navigation(a => a.Names).AutoInclude();
    }
}
