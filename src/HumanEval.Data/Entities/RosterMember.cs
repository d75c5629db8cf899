using HumanEval.Core.Campaigns;

namespace HumanEval.Data.Entities;

/// <summary>An evaluator's place on one campaign's roster.</summary>
public sealed class RosterMember
{
    public int CampaignId { get; set; }

    public Campaign Campaign { get; set; } = null!;

    public string EvaluatorId { get; set; } = "";

    public ApplicationUser Evaluator { get; set; } = null!;

    public DateTime AddedAt { get; set; }
}
