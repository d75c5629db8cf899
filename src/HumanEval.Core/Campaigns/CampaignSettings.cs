namespace HumanEval.Core.Campaigns;

/// <summary>A campaign's life: a draft is set up, opened for rating, closed (and may be reopened).</summary>
public enum CampaignState
{
    Draft,
    Open,
    Closed,
}

public enum Cadence
{
    OneOff,
    Weekly,
    Monthly,
}

/// <summary>What a lead can set on a campaign (mutable, so a form can bind to it); checked by <see cref="CampaignRules.Validate"/>.</summary>
public sealed record CampaignSettings
{
    public string Name { get; set; } = "";

    /// <summary>Absolute or pairwise (<see cref="CampaignRules.CanChangeKind"/>).</summary>
    public CampaignKind Kind { get; set; }
    public string? Description { get; set; }
    public int RubricVersionId { get; set; }
    public int K { get; set; } = 3;
    public int MinExperts { get; set; } = 1;
    public Cadence Cadence { get; set; } = Cadence.OneOff;
    public DateTime? DueAt { get; set; }
    public int TurnaroundTargetHours { get; set; } = 72;
    public int SessionCapMinutes { get; set; } = 120;
    public int BreakMinutes { get; set; } = 30;
    public int ReservationTimeoutMinutes { get; set; } = 20;
    public decimal? Budget { get; set; }
    public string Currency { get; set; } = "USD";
    public string? Series { get; set; }

    /// <summary>Extra share above an even split one evaluator may take, in percent; null: no cap.</summary>
    public int? FairSharePercent { get; set; } = 10;

    /// <summary>Which judge agreement the target reads; null: by scale.</summary>
    public Agreement.JudgeMetric? JudgeMetric { get; set; }

    // The decision rule of version comparisons (Core's DecisionRule; its defaults, see there).

    /// <summary>Examples each version needs before a call; null: the planner's number for <see cref="MinimumEffect"/>.</summary>
    public int? PlannedExamplesPerVersion { get; set; }

    public double ShipProbability { get; set; } = Decisions.DecisionRule.Default.ShipProbability;

    public double MaxExpectedLoss { get; set; } = Decisions.DecisionRule.Default.MaxExpectedLoss;

    public double MinimumEffect { get; set; } = Decisions.DecisionRule.Default.MinimumEffect;

    public int MinHoursBeforeCall { get; set; } = (int)Decisions.DecisionRule.Default.MinHours;

    public double SafetyVetoProbability { get; set; } = Decisions.DecisionRule.Default.SafetyVetoProbability;

    public double EquivalenceMargin { get; set; } = Decisions.DecisionRule.Default.EquivalenceMargin;

    /// <summary>Weights of the ordinal criteria in the overall score (<c>accuracy=2, tone=0.5</c>; <see cref="Decisions.OverallWeights"/>); empty: 1 each.</summary>
    public string? OverallWeights { get; set; }

    /// <summary>The campaign's decision rule as Core applies it.</summary>
    public Decisions.DecisionRule DecisionRule() => new()
    {
        PlannedExamplesPerVersion = PlannedExamplesPerVersion, ShipProbability = ShipProbability, MaxExpectedLoss = MaxExpectedLoss,
        MinimumEffect = MinimumEffect, MinHours = MinHoursBeforeCall, SafetyVetoProbability = SafetyVetoProbability, EquivalenceMargin = EquivalenceMargin,
    };
}
