namespace HumanEval.Data.Entities;

/// <summary>Per-campaign ingest key; only its SHA-256 is stored.</summary>
public sealed class ApiKey
{
    public int Id { get; set; }

    public int CampaignId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>First characters of the key, to recognise it in lists.</summary>
    public string Prefix { get; set; } = "";

    public string Hash { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }
}
