using HumanEval.Core.Campaigns;
using HumanEval.Core.Decisions;

namespace HumanEval.Data.Entities;

/// <summary>One round of evaluation: a rubric version, examples, a roster and k ratings per example.</summary>
public sealed class Campaign
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Absolute (one output per example, scored) or pairwise (two outputs, compared); fixed once examples exist.</summary>
    public CampaignKind Kind { get; set; }

    public int RubricVersionId { get; set; }

    public RubricVersion RubricVersion { get; set; } = null!;

    /// <summary>Ratings per example.</summary>
    public int K { get; set; } = 3;

    /// <summary>At least this many domain experts among the k raters of each example.</summary>
    public int MinExperts { get; set; }

    public Cadence Cadence { get; set; }

    public DateTime? DueAt { get; set; }

    public int TurnaroundTargetHours { get; set; } = 72;

    public int SessionCapMinutes { get; set; } = 120;

    public int BreakMinutes { get; set; } = 30;

    public int ReservationTimeoutMinutes { get; set; } = 20;

    /// <summary>Extra share above an even split that one evaluator may take (0.10 = 10%); null: no cap.</summary>
    public double? FairShareSlack { get; set; } = 0.10;

    /// <summary>Which judge–human agreement the 85% target reads; null: by scale (exact for binary, within one for ordinal; Core's <c>JudgeGate.DefaultMetric</c>).</summary>
    public HumanEval.Core.Agreement.JudgeMetric? JudgeMetric { get; set; }

    /// <summary>The decision rule of version comparisons (Core's <c>DecisionRule</c>): see <c>CampaignSettings</c>.</summary>
    public int? PlannedExamplesPerVersion { get; set; }

    public double ShipProbability { get; set; } = DecisionRule.Default.ShipProbability;

    public double MaxExpectedLoss { get; set; } = DecisionRule.Default.MaxExpectedLoss;

    public double MinimumEffect { get; set; } = DecisionRule.Default.MinimumEffect;

    public int MinHoursBeforeCall { get; set; } = (int)DecisionRule.Default.MinHours;

    public double SafetyVetoProbability { get; set; } = DecisionRule.Default.SafetyVetoProbability;

    public double EquivalenceMargin { get; set; } = DecisionRule.Default.EquivalenceMargin;

    /// <summary>Weights of the ordinal criteria in the overall score, as the lead wrote them (<c>accuracy=2, tone=0.5</c>); null: 1 each.</summary>
    public string? OverallWeights { get; set; }

    public decimal? Budget { get; set; }

    /// <summary>ISO 4217 code of the budget and of the costs shown for this campaign.</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>Campaigns of one series (e.g. "support bot, weekly") are compared over time.</summary>
    public string? Series { get; set; }

    public CampaignState State { get; set; }

    /// <summary>Seed of the per-evaluator example order (logged, so an assignment can be replayed).</summary>
    public long Seed { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<RosterMember> Roster { get; set; } = [];

    public List<Example> Examples { get; set; } = [];
}
