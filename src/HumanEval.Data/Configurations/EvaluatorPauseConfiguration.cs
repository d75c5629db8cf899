using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HumanEval.Data.Configurations;

internal sealed class EvaluatorPauseConfiguration : IEntityTypeConfiguration<EvaluatorPause>
{
    public void Configure(EntityTypeBuilder<EvaluatorPause> builder)
    {
        builder.Property(p => p.EvaluatorId).HasMaxLength(450);
        builder.Property(p => p.PausedBy).HasMaxLength(450);
        builder.Property(p => p.LiftedBy).HasMaxLength(450);
        builder.Property(p => p.Reason).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.Details).HasMaxLength(1000);

        // At most one pause in force per evaluator and campaign.
        builder.HasIndex(p => new { p.CampaignId, p.EvaluatorId }).IsUnique().HasFilter("LiftedAt IS NULL").HasDatabaseName("IX_EvaluatorPauses_Active");
        builder.HasOne<Campaign>().WithMany().HasForeignKey(p => p.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}
