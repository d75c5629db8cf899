using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HumanEval.Data.Configurations;

internal sealed class RosterMemberConfiguration : IEntityTypeConfiguration<RosterMember>
{
    public void Configure(EntityTypeBuilder<RosterMember> builder)
    {
        builder.HasKey(r => new { r.CampaignId, r.EvaluatorId });
        builder.HasOne(r => r.Evaluator).WithMany().HasForeignKey(r => r.EvaluatorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.EvaluatorId);
    }
}
