using CoordinationPortal.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoordinationPortal.Data.Configurations;

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("UserSessions");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(UserSession.KeyLength).ValueGeneratedNever();
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.Address).HasMaxLength(64);
        builder.Property(s => s.Client).HasMaxLength(UserSession.MaxClientLength);
        builder.Property(s => s.CreatedAtUtc).HasConversion(UtcConversion.Instance);
        builder.Property(s => s.LastSeenAtUtc).HasConversion(UtcConversion.Instance);
        builder.Property(s => s.ExpiresAtUtc).HasConversion(UtcConversion.Instance);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.UserId); // "sign out everywhere" and the account page
        builder.HasIndex(s => s.ExpiresAtUtc); // expired rows are pruned
    }
}
