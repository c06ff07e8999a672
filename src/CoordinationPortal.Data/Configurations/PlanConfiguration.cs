using CoordinationPortal.Domain.Agencies;
using CoordinationPortal.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoordinationPortal.Data.Configurations;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.Property(p => p.Number).HasMaxLength(Plan.MaxNumberLength);
        builder.HasIndex(p => p.Number).IsUnique();
        builder.Property(p => p.Place).HasMaxLength(Plan.MaxPlaceLength);
        builder.Property(p => p.Title).HasMaxLength(Plan.MaxTitleLength);
        builder.Property(p => p.Preamble).HasMaxLength(Plan.MaxTextLength);
        builder.Property(p => p.FundingText).HasMaxLength(Plan.MaxTextLength);
        builder.Property(p => p.PublishedAtUtc).HasConversion(UtcConversion.Nullable);
        builder.Property(p => p.PublishedByName).HasMaxLength(256);
        builder.Ignore(p => p.IsDraft);

        builder.HasOne(p => p.Programme).WithMany().HasForeignKey(p => p.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Activities).WithOne().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Cascade);

        builder.OwnsMany(p => p.Purposes, purpose =>
        {
            purpose.ToTable("PlanPurposes");
            purpose.WithOwner().HasForeignKey("PlanId");
            purpose.HasKey("PlanId", nameof(PlanPurpose.Number));
            purpose.Property(x => x.Number).ValueGeneratedNever();
            purpose.Property(x => x.Text).HasMaxLength(PlanPurpose.MaxTextLength);
        });

        builder.OwnsMany(p => p.Duties, duty =>
        {
            duty.ToTable("PlanAgencyDuties");
            duty.WithOwner().HasForeignKey("PlanId");
            duty.HasKey("PlanId", nameof(AgencyDuty.Number));
            duty.Property(x => x.Number).ValueGeneratedNever();
            duty.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
            duty.Property(x => x.Text).HasMaxLength(AgencyDuty.MaxTextLength);
        });

        builder.OwnsMany(p => p.Signatories, signatory =>
        {
            signatory.ToTable("PlanSignatories");
            signatory.WithOwner().HasForeignKey("PlanId");
            signatory.HasKey("PlanId", nameof(Signatory.Number));
            signatory.Property(x => x.Number).ValueGeneratedNever();
            signatory.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
            signatory.Property(x => x.AgencyHeading).HasMaxLength(Signatory.MaxLineLength);
            signatory.Property(x => x.AuthorityLine).HasMaxLength(Signatory.MaxLineLength);
            signatory.Property(x => x.TitleLine).HasMaxLength(Signatory.MaxLineLength);
            signatory.Property(x => x.FullName).HasMaxLength(Signatory.MaxLineLength);
        });

        builder.OwnsMany(p => p.Recipients, recipient =>
        {
            recipient.ToTable("PlanRecipients");
            recipient.WithOwner().HasForeignKey("PlanId");
            recipient.HasKey("PlanId", nameof(PlanRecipient.Number));
            recipient.Property(x => x.Number).ValueGeneratedNever();
            recipient.Property(x => x.Text).HasMaxLength(PlanRecipient.MaxTextLength);
        });
    }
}
