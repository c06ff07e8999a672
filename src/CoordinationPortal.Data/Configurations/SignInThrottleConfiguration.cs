using CoordinationPortal.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoordinationPortal.Data.Configurations;

internal sealed class SignInThrottleConfiguration : IEntityTypeConfiguration<SignInThrottle>
{
    public void Configure(EntityTypeBuilder<SignInThrottle> builder)
    {
        builder.ToTable("SignInThrottles");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.AccountKey).HasMaxLength(SignInThrottle.MaxAccountKeyLength);
        builder.Property(t => t.ClientAddress).HasMaxLength(SignInThrottle.MaxClientAddressLength);
        builder.Property(t => t.LastFailureAtUtc).HasConversion(UtcConversion.Nullable);
        builder.Property(t => t.BlockedUntilUtc).HasConversion(UtcConversion.Nullable);
        builder.Property(t => t.LastSignInAtUtc).HasConversion(UtcConversion.Nullable);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Ignore(t => t.IsAccountWide);

        // One row per account and address: two first failures at once make one row, the loser retries.
        builder.HasIndex(t => new { t.AccountKey, t.ClientAddress }).IsUnique();
        builder.HasIndex(t => t.LastFailureAtUtc); // stale rows are pruned by age
    }
}
