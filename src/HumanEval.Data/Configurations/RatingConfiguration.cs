using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HumanEval.Data.Configurations;

internal sealed class RatingConfiguration : IEntityTypeConfiguration<Rating>
{
    public void Configure(EntityTypeBuilder<Rating> builder)
    {
        builder.HasIndex(r => new { r.AssignmentId, r.Version }).IsUnique();

        // Edits are new versions: exactly one current version per assignment, held by the database.
        builder.HasIndex(r => r.AssignmentId).IsUnique().HasFilter("SupersededAt IS NULL").HasDatabaseName("IX_Ratings_AssignmentId_Current");
        builder.HasQueryFilter(r => r.SupersededAt == null);

        // Database triggers (migration AppendOnlyRatings) refuse any rewrite of a submitted version: only the one-time
        // SupersededAt stamp may change. Declared here so EF writes these tables without OUTPUT/RETURNING.
        builder.ToTable(t => t.HasTrigger(AppendOnly.RatingsTrigger));
        builder.Property(r => r.EditReason).HasMaxLength(500);
        builder.HasIndex(r => new { r.CampaignId, r.ExampleId });
        builder.HasIndex(r => r.EvaluatorId);
        builder.HasIndex(r => new { r.CampaignId, r.SubmittedAt });
        builder.Property(r => r.HourlyRate).HasPrecision(18, 4);
        builder.Property(r => r.FlatRate).HasPrecision(18, 4);
        builder.Property(r => r.Cost).HasPrecision(18, 4);
        builder.Property(r => r.Currency).HasMaxLength(3).IsUnicode(false).HasDefaultValue("USD");
        builder.HasOne<Assignment>().WithMany().HasForeignKey(r => r.AssignmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Scores).WithOne().HasForeignKey(s => s.RatingId).OnDelete(DeleteBehavior.Cascade);
    }
}
