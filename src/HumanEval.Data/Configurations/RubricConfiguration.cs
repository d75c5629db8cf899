using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HumanEval.Data.Configurations;

internal sealed class RubricConfiguration : IEntityTypeConfiguration<Rubric>
{
    public void Configure(EntityTypeBuilder<Rubric> builder)
    {
        builder.Property(r => r.Key).HasMaxLength(64);
        builder.HasIndex(r => r.Key).IsUnique();
        builder.HasMany(r => r.Versions)
            .WithOne(v => v.Rubric)
            .HasForeignKey(v => v.RubricId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RubricVersionConfiguration : IEntityTypeConfiguration<RubricVersion>
{
    public void Configure(EntityTypeBuilder<RubricVersion> builder)
    {
        builder.Property(v => v.ContentHash).HasMaxLength(64).IsFixedLength().IsUnicode(false);
        builder.Property(v => v.Name).HasMaxLength(200);
        builder.Property(v => v.Description).HasMaxLength(4000);
        builder.Ignore(v => v.ShortHash);
        builder.HasIndex(v => new { v.RubricId, v.ContentHash }).IsUnique();
        builder.HasIndex(v => new { v.RubricId, v.Number }).IsUnique();
        builder.HasMany(v => v.Criteria)
            .WithOne(c => c.RubricVersion)
            .HasForeignKey(c => c.RubricVersionId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}

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
