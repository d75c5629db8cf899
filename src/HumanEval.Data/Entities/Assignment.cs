namespace HumanEval.Data.Entities;

/// <summary>A claim of one example by one evaluator (at most one per pair, ever).</summary>
public sealed class Assignment
{
    public long Id { get; set; }

    public long ExampleId { get; set; }

    public Example Example { get; set; } = null!;

    public int CampaignId { get; set; }

    public string EvaluatorId { get; set; } = "";

    public bool ByExpert { get; set; }

    public long? SessionId { get; set; }

    public AssignmentState State { get; set; }

    public DateTime ClaimedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    public string? SkipReason { get; set; }
}
