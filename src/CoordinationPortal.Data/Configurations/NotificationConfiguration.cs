using System.Text.Json;
using CoordinationPortal.Data.Notifications;
using CoordinationPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoordinationPortal.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.UserId).HasMaxLength(Notification.MaxUserIdLength).IsRequired();
        builder.Property(n => n.Kind).HasConversion<int>();
        builder.Property(n => n.CreatedAtUtc).HasConversion(UtcConversion.Instance);
        builder.Property(n => n.ReadAtUtc).HasConversion(UtcConversion.Nullable);
        builder.Ignore(n => n.IsRead);
        builder.Property(n => n.Link).HasMaxLength(Notification.MaxLinkLength);
        builder.Property(n => n.EventKey).HasMaxLength(Notification.MaxEventKeyLength);

        // The arguments are only ever read whole, with their notification: one JSON text column.
        builder.Property(n => n.Arguments)
            .HasConversion(
                list => JsonSerializer.Serialize(list, (JsonSerializerOptions?)null),
                text => JsonSerializer.Deserialize<List<string>>(text, (JsonSerializerOptions?)null) ?? new List<string>(),
                new ValueComparer<List<string>>((a, b) => a == b || (a != null && b != null && a.SequenceEqual(b)), list => list.Count, list => list.ToList()))
            .IsRequired();

        builder.HasOne<QuarterlyReport>().WithMany().HasForeignKey(n => n.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Identity.PortalUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Restrict); // accounts are disabled, never deleted

        // The bell counts a person's unread ones; the page lists a person's newest first.
        builder.HasIndex(n => new { n.UserId, n.ReadAtUtc });
        builder.HasIndex(n => new { n.UserId, n.CreatedAtUtc });

        // One event tells one person once, even when a scheduled job runs again (ADR 0043).
        builder.HasIndex(n => new { n.UserId, n.EventKey }).IsUnique();
    }
}
