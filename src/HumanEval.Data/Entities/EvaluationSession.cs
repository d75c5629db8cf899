using HumanEval.Core.Sessions;

namespace HumanEval.Data.Entities;

/// <summary>One sitting of an evaluator.</summary>
public sealed class EvaluationSession
{
    public long Id { get; set; }

    public string EvaluatorId { get; set; } = "";

    public int CampaignId { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime LastActivityAt { get; set; }

    public int ActiveSeconds { get; set; }

    public DateTime? CapReachedAt { get; set; }

    public DateTime? EndedAt { get; set; }

    public SessionEnd? EndReason { get; set; }

    public int Items { get; set; }
}
