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
