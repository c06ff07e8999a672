using CoordinationPortal.Domain.Agencies;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Provinces;
using CoordinationPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoordinationPortal.Data.Configurations;

internal sealed class ExtensionRequestConfiguration : IEntityTypeConfiguration<ExtensionRequest>
{
    public void Configure(EntityTypeBuilder<ExtensionRequest> builder)
    {
        builder.HasOne<Plan>().WithMany().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Province>().WithMany().HasForeignKey(r => r.ProvinceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agency>().WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<QuarterlyReport>().WithMany().HasForeignKey(r => r.ReportId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Exemption).WithMany().HasForeignKey(r => r.ExemptionId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Quarter).HasConversion<QuarterConverter>();
        builder.Property(r => r.Reason).HasMaxLength(ExtensionRequest.MaxReasonLength);
        builder.Property(r => r.DecisionComment).HasMaxLength(ExtensionRequest.MaxCommentLength);
        builder.Property(r => r.RequestedById).HasMaxLength(450);
        builder.Property(r => r.RequestedByName).HasMaxLength(256);
        builder.Property(r => r.DecidedById).HasMaxLength(450);
        builder.Property(r => r.DecidedByName).HasMaxLength(256);
        builder.Property(r => r.CreatedAtUtc).HasConversion(UtcConversion.Instance);
        builder.Property(r => r.DecidedAtUtc).HasConversion(UtcConversion.Nullable);

        // Two central officers deciding at once: the second save finds the state changed and is refused.
        builder.Property(r => r.State).IsConcurrencyToken();

        // One pending request per quarter and branch, even when two officers of the branch ask together.
        builder.HasIndex(r => new { r.PlanId, r.Quarter, r.ProvinceId, r.AgencyId })
            .IsUnique()
            .HasFilter("State = 1")
            .HasDatabaseName("IX_ExtensionRequests_OnePending");
        builder.HasIndex(r => new { r.AgencyId, r.State });
    }
}
