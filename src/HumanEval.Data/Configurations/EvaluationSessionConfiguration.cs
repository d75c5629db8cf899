using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HumanEval.Data.Configurations;

internal sealed class EvaluationSessionConfiguration : IEntityTypeConfiguration<EvaluationSession>
{
    public void Configure(EntityTypeBuilder<EvaluationSession> builder)
    {
        builder.Property(s => s.EndReason).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(s => new { s.EvaluatorId, s.EndedAt });
    }
}
