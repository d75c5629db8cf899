namespace HumanEval.Web.Features.Campaigns;

/// <summary>Positions of the campaign page's tabs, so headline cards can open their detail.</summary>
public static class CampaignTabs
{
    public const int Overview = 0;
    public const int Cost = 1;
    public const int Turnaround = 2;
    public const int Versions = 3;
    public const int Examples = 4;
    public const int Roster = 5;

    /// <summary>Absolute campaigns only (a pairwise campaign's disagreements are on its Comparison tab).</summary>
    public const int Review = 6;
}
