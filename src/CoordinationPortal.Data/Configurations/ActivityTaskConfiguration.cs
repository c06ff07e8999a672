using CoordinationPortal.Domain.Agencies;
using CoordinationPortal.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoordinationPortal.Data.Configurations;

internal sealed class ActivityTaskConfiguration : IEntityTypeConfiguration<ActivityTask>
{
    public void Configure(EntityTypeBuilder<ActivityTask> builder)
    {
        builder.ToTable("ActivityTasks");
        builder.HasIndex(t => new { t.ActivityId, t.Number }); // not unique, as for activities: reordering renumbers in one save
        builder.Property(t => t.Text).HasMaxLength(ActivityTask.MaxTextLength);

        builder.OwnsMany(t => t.Assignments, assignment =>
        {
            assignment.ToTable("TaskAssignments");
            assignment.WithOwner().HasForeignKey("ActivityTaskId");
            assignment.HasKey("ActivityTaskId", nameof(Assignment.AgencyId));
            assignment.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
