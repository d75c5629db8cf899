namespace HumanEval.Data.Entities;

/// <summary>Append-only record of who did what.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public string? UserId { get; set; }

    public string Action { get; set; } = "";

    public string? Entity { get; set; }

    public string? EntityId { get; set; }

    public string? Details { get; set; }
}
