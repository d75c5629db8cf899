using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HumanEval.Data.Configurations;

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
