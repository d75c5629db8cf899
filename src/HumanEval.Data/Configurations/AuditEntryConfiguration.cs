using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HumanEval.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.Entity).HasMaxLength(64);
        builder.Property(a => a.EntityId).HasMaxLength(64);
        builder.HasIndex(a => a.At);
        builder.ToTable(t => t.HasTrigger(AppendOnly.AuditTrigger));
    }
}
