using CoordinationPortal.Data.ReadModels;
using CoordinationPortal.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoordinationPortal.Data.Configurations;

internal sealed class IndicatorQuarterTotalConfiguration : IEntityTypeConfiguration<IndicatorQuarterTotal>
{
    public void Configure(EntityTypeBuilder<IndicatorQuarterTotal> builder)
    {
        builder.ToTable("IndicatorQuarterTotals");

        // The dashboard reads a plan's rows (of one agency, or all) off this key's prefix.
        builder.HasKey(t => new { t.PlanId, t.Quarter, t.AgencyId, t.IndicatorId });
        builder.Property(t => t.Quarter).HasConversion<QuarterConverter>();

        // Sums of a plan's reports go with the plan; no foreign keys to agencies or indicators, whose
        // rows the reports already hold on to (Restrict), so these rows add no delete rule of their own.
        builder.HasOne<Plan>().WithMany().HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}
