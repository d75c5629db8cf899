using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HumanEval.Data.Configurations;

internal sealed class ScoreConfiguration : IEntityTypeConfiguration<Score>
{
    public void Configure(EntityTypeBuilder<Score> builder)
    {
        builder.Property(s => s.CriterionKey).HasMaxLength(64);
        builder.Property(s => s.Comment).HasMaxLength(4000);
        builder.HasIndex(s => new { s.RatingId, s.CriterionKey }).IsUnique();
        builder.ToTable(t => t.HasTrigger(AppendOnly.ScoresTrigger));
    }
}
