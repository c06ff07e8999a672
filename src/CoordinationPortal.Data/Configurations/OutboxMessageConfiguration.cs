using CoordinationPortal.Data.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoordinationPortal.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.IdempotencyKey).HasMaxLength(OutboxMessage.MaxKeyLength);
        builder.Property(m => m.ToAddress).HasMaxLength(OutboxMessage.MaxAddressLength);
        builder.Property(m => m.ToUserId).HasMaxLength(450);
        builder.Property(m => m.Culture).HasMaxLength(OutboxMessage.MaxCultureLength);
        builder.Property(m => m.Subject).HasMaxLength(OutboxMessage.MaxSubjectLength);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.MaxErrorLength);
        builder.Property(m => m.ClaimedBy).HasMaxLength(OutboxMessage.MaxClaimLength);
        builder.Property(m => m.CreatedAtUtc).HasConversion(UtcConversion.Instance);
        builder.Property(m => m.NextAttemptAtUtc).HasConversion(UtcConversion.Instance);
        builder.Property(m => m.SentAtUtc).HasConversion(UtcConversion.Nullable);
        builder.Property(m => m.ClaimedUntilUtc).HasConversion(UtcConversion.Nullable);
        builder.Ignore(m => m.IsSent);

        // The same event for the same person is one e-mail, even when two requests enqueue it at once.
        builder.HasIndex(m => m.IdempotencyKey).IsUnique();

        // The sender's question: what is unsent and due?
        builder.HasIndex(m => new { m.SentAtUtc, m.NextAttemptAtUtc });
    }
}
