using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HumanEval.Data.Configurations;

internal sealed class ExampleConfiguration : IEntityTypeConfiguration<Example>
{
    public void Configure(EntityTypeBuilder<Example> builder)
    {
        builder.Property(e => e.ExternalId).HasMaxLength(200);
        builder.Property(e => e.Model).HasMaxLength(200);
        builder.Property(e => e.PromptVersion).HasMaxLength(200);
        builder.Property(e => e.VersionA).HasMaxLength(200);
        builder.Property(e => e.VersionB).HasMaxLength(200);
        builder.Ignore(e => e.Segment);
        builder.HasIndex(e => new { e.CampaignId, e.ExternalId }).IsUnique();
        builder.HasIndex(e => new { e.CampaignId, e.HolderCount });
    }
}
