using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HumanEval.Data.Configurations;

internal sealed class ReviewDecisionConfiguration : IEntityTypeConfiguration<ReviewDecision>
{
    public void Configure(EntityTypeBuilder<ReviewDecision> builder)
    {
        builder.HasIndex(d => new { d.ExampleId, d.Version }).IsUnique();

        // One current decision per example, held by the database (as for rating versions).
        builder.HasIndex(d => d.ExampleId).IsUnique().HasFilter("SupersededAt IS NULL").HasDatabaseName("IX_ReviewDecisions_ExampleId_Current");
        builder.HasIndex(d => d.CampaignId);
        builder.Property(d => d.ReviewerId).HasMaxLength(450);
        builder.Property(d => d.Confidence).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Category).HasConversion<string>().HasMaxLength(32);
        builder.Property(d => d.Notes).HasMaxLength(4000);
        builder.HasOne<Example>().WithMany().HasForeignKey(d => d.ExampleId).OnDelete(DeleteBehavior.Cascade); // as judge scores: one cascade path
    }
}
