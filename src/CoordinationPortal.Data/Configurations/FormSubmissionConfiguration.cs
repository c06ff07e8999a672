using CoordinationPortal.Data.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoordinationPortal.Data.Configurations;

internal sealed class FormSubmissionConfiguration : IEntityTypeConfiguration<FormSubmission>
{
    public void Configure(EntityTypeBuilder<FormSubmission> builder)
    {
        builder.ToTable("FormSubmissions");
        builder.HasKey(f => f.Token);
        builder.Property(f => f.Token).ValueGeneratedNever();
        builder.Property(f => f.UserId).HasMaxLength(450);
        builder.Property(f => f.Result).HasMaxLength(FormSubmission.MaxResultLength);
        builder.Property(f => f.SubmittedAtUtc).HasConversion(UtcConversion.Instance);
        builder.HasIndex(f => f.SubmittedAtUtc); // old tokens are pruned by age
    }
}
