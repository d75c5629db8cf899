using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HumanEval.Data.Configurations;

internal sealed class CriterionConfiguration : IEntityTypeConfiguration<Criterion>
{
    public void Configure(EntityTypeBuilder<Criterion> builder)
    {
        builder.Property(c => c.Key).HasMaxLength(64);
        builder.Property(c => c.Label).HasMaxLength(200);
        builder.Property(c => c.Description).HasMaxLength(4000);
        builder.Property(c => c.Scale).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(c => new { c.RubricVersionId, c.Key }).IsUnique();
        builder.OwnsMany(c => c.Anchors, a => a.ToJson());
    }
}
