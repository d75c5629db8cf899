using HumanEval.Core.Campaigns;
using HumanEval.Core.Decisions;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HumanEval.Data.Configurations;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Description).HasMaxLength(4000);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Cadence).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Budget).HasPrecision(18, 2);
        builder.HasOne(c => c.RubricVersion).WithMany().HasForeignKey(c => c.RubricVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Roster).WithOne(r => r.Campaign).HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Examples).WithOne(e => e.Campaign).HasForeignKey(e => e.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.Currency).HasMaxLength(3).IsUnicode(false).HasDefaultValue("USD");
        builder.Property(c => c.Series).HasMaxLength(200);

        // The decision rule: existing campaigns get Core's defaults (DecisionRule.Default). The sentinel (-1, never a valid value) lets 0 be
        // written as 0 (hours before a call 0 = the 72-hour rule off; margin 0) instead of being taken for "unset".
        builder.Property(c => c.ShipProbability).HasDefaultValue(DecisionRule.Default.ShipProbability).HasSentinel(-1.0);
        builder.Property(c => c.MaxExpectedLoss).HasDefaultValue(DecisionRule.Default.MaxExpectedLoss).HasSentinel(-1.0);
        builder.Property(c => c.MinimumEffect).HasDefaultValue(DecisionRule.Default.MinimumEffect).HasSentinel(-1.0);
        builder.Property(c => c.MinHoursBeforeCall).HasDefaultValue((int)DecisionRule.Default.MinHours).HasSentinel(-1);
        builder.Property(c => c.SafetyVetoProbability).HasDefaultValue(DecisionRule.Default.SafetyVetoProbability).HasSentinel(-1.0);
        builder.Property(c => c.EquivalenceMargin).HasDefaultValue(DecisionRule.Default.EquivalenceMargin).HasSentinel(-1.0);
        builder.Property(c => c.OverallWeights).HasMaxLength(HumanEval.Core.Decisions.OverallWeights.MaxLength);
        builder.HasIndex(c => c.State);
        builder.HasIndex(c => c.Series);
    }
}
