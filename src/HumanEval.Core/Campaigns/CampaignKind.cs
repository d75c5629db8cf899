namespace HumanEval.Core.Campaigns;

/// <summary>
/// What evaluators do in a campaign: score one output against the rubric (absolute), or compare two outputs of the same
/// input side by side (pairwise; <see cref="Pairwise.PairwiseForm"/>). Chosen at creation; fixed once examples exist.
/// </summary>
public enum CampaignKind
{
    Absolute,
    Pairwise,
}
