namespace HumanEval.Data.Entities;

/// <summary>One model output to rate. Counters are maintained by the atomic claim, never by read-modify-write.</summary>
public sealed class Example
{
    public long Id { get; set; }

    public int CampaignId { get; set; }

    public Campaign Campaign { get; set; } = null!;

    public string ExternalId { get; set; } = "";

    public string Input { get; set; } = "";

    /// <summary>The output to rate; in a pairwise campaign the first of the two (A, of <see cref="VersionA"/>).</summary>
    public string Output { get; set; } = "";

    /// <summary>Pairwise campaigns: the second output (B, of <see cref="VersionB"/>); null in absolute campaigns.</summary>
    public string? OutputB { get; set; }

    /// <summary>Pairwise campaigns: the version label of output A (e.g. <c>v1</c>). Never shown to evaluators.</summary>
    public string? VersionA { get; set; }

    /// <summary>Pairwise campaigns: the version label of output B.</summary>
    public string? VersionB { get; set; }

    public string? Context { get; set; }

    public string? Reference { get; set; }

    public string? Model { get; set; }

    public string? PromptVersion { get; set; }

    /// <summary>A JSON object (unknown import columns land here).</summary>
    public string? Metadata { get; set; }

    public DateTime ImportedAt { get; set; }

    /// <summary>Order of import within the campaign.</summary>
    public int Position { get; set; }

    /// <summary>Reserved + submitted assignments; never above the campaign's k.</summary>
    public int HolderCount { get; set; }

    /// <summary>Domain experts among the holders.</summary>
    public int ExpertHolderCount { get; set; }

    public int SubmittedCount { get; set; }

    /// <summary>When the k-th rating was submitted (turnaround end).</summary>
    public DateTime? CompletedAt { get; set; }

    public string Segment => $"{Model}|{PromptVersion}";
}
