using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HumanEval.Data.Configurations;

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> builder)
    {
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.SkipReason).HasMaxLength(1000);
        builder.HasOne(a => a.Example).WithMany().HasForeignKey(a => a.ExampleId).OnDelete(DeleteBehavior.Cascade);
        // Invariant 2: one assignment per (example, evaluator), ever.
        builder.HasIndex(a => new { a.ExampleId, a.EvaluatorId }).IsUnique();
        builder.HasIndex(a => new { a.EvaluatorId, a.State });
        builder.HasIndex(a => new { a.State, a.ExpiresAt });
    }
}
