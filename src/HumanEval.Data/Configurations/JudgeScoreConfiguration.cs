using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HumanEval.Data.Configurations;

internal sealed class JudgeScoreConfiguration : IEntityTypeConfiguration<JudgeScore>
{
    public void Configure(EntityTypeBuilder<JudgeScore> builder)
    {
        builder.Property(j => j.CriterionKey).HasMaxLength(64);
        builder.Property(j => j.JudgeModel).HasMaxLength(200);
        builder.Property(j => j.JudgePromptVersion).HasMaxLength(200);
        builder.HasOne<Example>().WithMany().HasForeignKey(j => j.ExampleId).OnDelete(DeleteBehavior.Cascade);
        // Several judges and prompt versions coexist; each scores an (example, criterion) once.
        builder.HasIndex(j => new { j.ExampleId, j.CriterionKey, j.JudgeModel, j.JudgePromptVersion }).IsUnique();
        builder.HasIndex(j => new { j.CampaignId, j.JudgeModel, j.JudgePromptVersion });
    }
}
