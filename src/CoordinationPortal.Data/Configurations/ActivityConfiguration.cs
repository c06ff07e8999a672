using CoordinationPortal.Domain.Agencies;
using CoordinationPortal.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoordinationPortal.Data.Configurations;

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        // Not unique: reordering renumbers several activities in one save, and a unique index would
        // refuse the intermediate state; the plan keeps the numbers 1..n itself.
        builder.HasIndex(a => new { a.PlanId, a.Number });
        builder.Property(a => a.Title).HasMaxLength(Activity.MaxTitleLength);
        builder.Property(a => a.EnglishTitle).HasMaxLength(Activity.MaxTitleLength);
        builder.Property(a => a.Content).HasMaxLength(Activity.MaxTextLength);
        builder.Property(a => a.Form).HasMaxLength(Activity.MaxTextLength);
        builder.Property(a => a.ScheduleText).HasMaxLength(Activity.MaxScheduleTextLength);
        builder.Ignore(a => a.IsJoint);
        builder.Ignore(a => a.HasLeadsPerTask);

        builder.ComplexProperty(a => a.Window, window =>
        {
            window.Property(w => w.First).HasConversion<QuarterConverter>().HasColumnName("WindowFirstQuarter");
            window.Property(w => w.Last).HasConversion<QuarterConverter>().HasColumnName("WindowLastQuarter");
            window.Property(w => w.ExpectedMonth).HasColumnName("WindowExpectedMonth");
        });

        builder.HasMany(a => a.Tasks).WithOne().HasForeignKey(t => t.ActivityId).OnDelete(DeleteBehavior.Cascade);

        builder.OwnsMany(a => a.Assignments, assignment =>
        {
            assignment.ToTable("ActivityAssignments");
            assignment.WithOwner().HasForeignKey("ActivityId");
            assignment.HasKey("ActivityId", nameof(Assignment.AgencyId));
            assignment.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.OwnsMany(a => a.Statements, statement =>
        {
            statement.ToTable("ActivityAgencyStatements");
            statement.WithOwner().HasForeignKey("ActivityId");
            statement.HasKey("ActivityId", nameof(AgencyStatement.AgencyId));
            statement.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
            statement.Property(x => x.Text).HasMaxLength(AgencyStatement.MaxTextLength);
        });
    }
}
