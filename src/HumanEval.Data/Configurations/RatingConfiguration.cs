using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HumanEval.Data.Configurations;

internal sealed class RatingConfiguration : IEntityTypeConfiguration<Rating>
{
    public void Configure(EntityTypeBuilder<Rating> builder)
    {
        builder.HasIndex(r => new { r.AssignmentId, r.Version }).IsUnique();
        builder.HasIndex(r => new { r.CampaignId, r.ExampleId });
        builder.HasIndex(r => r.EvaluatorId);
        builder.HasIndex(r => new { r.CampaignId, r.SubmittedAt });
        builder.Property(r => r.HourlyRate).HasPrecision(18, 4);
        builder.Property(r => r.FlatRate).HasPrecision(18, 4);
        builder.Property(r => r.Cost).HasPrecision(18, 4);
        builder.Property(r => r.Currency).HasMaxLength(3).IsUnicode(false).HasDefaultValue("USD");
        builder.HasOne<Assignment>().WithMany().HasForeignKey(r => r.AssignmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Scores).WithOne().HasForeignKey(s => s.RatingId).OnDelete(DeleteBehavior.Cascade);
    }
}
