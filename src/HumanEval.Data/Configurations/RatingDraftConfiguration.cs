using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HumanEval.Data.Configurations;

internal sealed class RatingDraftConfiguration : IEntityTypeConfiguration<RatingDraft>
{
    public void Configure(EntityTypeBuilder<RatingDraft> builder)
    {
        builder.HasKey(d => d.AssignmentId);
        builder.HasOne<Assignment>().WithOne().HasForeignKey<RatingDraft>(d => d.AssignmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
