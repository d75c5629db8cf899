using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HumanEval.Data.Configurations;

internal sealed class EvaluatorProfileConfiguration : IEntityTypeConfiguration<EvaluatorProfile>
{
    public void Configure(EntityTypeBuilder<EvaluatorProfile> builder)
    {
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.Type).HasConversion<string>().HasMaxLength(32);
        builder.PrimitiveCollection(p => p.Tags);
        builder.Property(p => p.HourlyRate).HasPrecision(18, 4);
        builder.Property(p => p.FlatRate).HasPrecision(18, 4);
        builder.Property(p => p.Currency).HasMaxLength(3).IsUnicode(false).HasDefaultValue("USD");
        builder.HasIndex(p => new { p.Active, p.Type });
    }
}
