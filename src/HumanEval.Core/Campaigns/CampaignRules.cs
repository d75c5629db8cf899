namespace HumanEval.Core.Campaigns;

/// <summary>An inclusive range a setting must lie in; the form's fields read their Min and Max from here.</summary>
public sealed record SettingRange(int Min, int Max)
{
    public bool Contains(int value) => value >= Min && value <= Max;
}

/// <summary>
/// The rules of a campaign's settings and of its state machine, in words a lead can act on. The service checks them
/// before it writes; the form shows the same ranges. Rules that need the database (k or the rubric locked once ratings
/// exist, examples and a roster before opening) take what the service found as plain facts.
/// </summary>
public static class CampaignRules
{
    public static readonly SettingRange K = new(1, 20);
    public static readonly SettingRange SessionCapMinutes = new(10, 480);
    public static readonly SettingRange BreakMinutes = new(0, 1440);
    public static readonly SettingRange ReservationTimeoutMinutes = new(2, 240);
    public static readonly SettingRange TurnaroundTargetHours = new(1, 720);
    public static readonly SettingRange FairSharePercent = new(0, 500);

    /// <summary>Problems with the settings; allowed when valid.</summary>
    public static RuleResult Validate(CampaignSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(s.Name))
        {
            problems.Add("Give the campaign a name.");
        }

        if (!K.Contains(s.K))
        {
            problems.Add($"Ratings per example (k) must be between {K.Min} and {K.Max}.");
        }

        if (s.MinExperts < 0 || s.MinExperts > s.K)
        {
            problems.Add("Experts per example must be between 0 and k.");
        }

        if (!SessionCapMinutes.Contains(s.SessionCapMinutes))
        {
            problems.Add($"The session cap must be between {SessionCapMinutes.Min} and {SessionCapMinutes.Max} minutes.");
        }

        if (!BreakMinutes.Contains(s.BreakMinutes))
        {
            problems.Add($"The break must be between {BreakMinutes.Min} and {BreakMinutes.Max} minutes.");
        }

        if (!ReservationTimeoutMinutes.Contains(s.ReservationTimeoutMinutes))
        {
            problems.Add($"The reservation timeout must be between {ReservationTimeoutMinutes.Min} and {ReservationTimeoutMinutes.Max} minutes.");
        }

        if (!TurnaroundTargetHours.Contains(s.TurnaroundTargetHours))
        {
            problems.Add($"The turnaround target must be between {TurnaroundTargetHours.Min} and {TurnaroundTargetHours.Max} hours.");
        }

        if (s.Budget is < 0)
        {
            problems.Add("The budget cannot be negative.");
        }

        if (s.Currency is not { Length: 3 } || !s.Currency.Trim().ToUpperInvariant().All(char.IsAsciiLetterUpper))
        {
            problems.Add("The currency must be a three-letter ISO code such as USD or EUR.");
        }

        if (s.FairSharePercent is { } slack && !FairSharePercent.Contains(slack))
        {
            problems.Add($"The fair-share slack must be between {FairSharePercent.Min}% and {FairSharePercent.Max}% (or empty for no cap).");
        }

        return RuleResult.Refused(problems).And(s.DecisionRule().Validate()).And(Decisions.OverallWeights.Parse(s.OverallWeights));
    }

    /// <summary>Problems with changing settings of a campaign that may already have ratings; allowed when none.</summary>
    /// <param name="rubricOrKChanged">The new settings name another rubric version or another k.</param>
    /// <param name="hasRatings">Any rating exists in the campaign.</param>
    /// <param name="overNewK">Some example already has more ratings and live reservations than the new k.</param>
    public static RuleResult CanChange(bool rubricOrKChanged, bool hasRatings, bool overNewK)
    {
        var problems = new List<string>();
        if (rubricOrKChanged && hasRatings)
        {
            problems.Add("The rubric and k cannot change once ratings exist: the ratings were made against them. Start a new campaign instead.");
        }

        if (overNewK)
        {
            problems.Add("Some examples already have more ratings and live reservations than the new k.");
        }

        return RuleResult.Refused(problems);
    }

    /// <summary>
    /// The kind (absolute or pairwise) is chosen at creation and fixed once the campaign holds examples: an absolute
    /// example has one output, a pairwise one two, so the examples (and any ratings) were made for that kind.
    /// </summary>
    public static RuleResult CanChangeKind(CampaignKind from, CampaignKind to, bool hasExamples) =>
        from != to && hasExamples
            ? RuleResult.Refused($"The campaign is {Name(from)} and holds examples: its kind cannot change. Start a new {Name(to)} campaign instead.")
            : RuleResult.Allowed;

    public static string Name(CampaignKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>draft → open → closed, and closed → open to reopen; opening needs examples and a roster.</summary>
    public static RuleResult CanMove(CampaignState from, CampaignState to, bool hasExamples, bool hasRoster)
    {
        if ((from, to) is not ((CampaignState.Draft, CampaignState.Open) or (CampaignState.Open, CampaignState.Closed) or (CampaignState.Closed, CampaignState.Open)))
        {
            return RuleResult.Refused($"{(from == CampaignState.Open ? "An" : "A")} {Name(from)} campaign cannot become {Name(to)}.");
        }

        if (to == CampaignState.Open && !hasExamples)
        {
            return RuleResult.Refused("Import examples before opening the campaign.");
        }

        return to == CampaignState.Open && !hasRoster ? RuleResult.Refused("Add evaluators to the roster before opening the campaign.") : RuleResult.Allowed;
    }

    /// <summary>Only a draft nobody has rated can be deleted (ratings are history; close the campaign instead).</summary>
    public static RuleResult CanDelete(CampaignState state, bool hasRatings)
    {
        if (state != CampaignState.Draft)
        {
            return RuleResult.Refused($"Only a draft can be deleted; this campaign is {Name(state)}. Close it instead.");
        }

        return hasRatings ? RuleResult.Refused("This campaign has ratings, which are kept as history; it cannot be deleted.") : RuleResult.Allowed;
    }

    public static string Name(CampaignState state) => state.ToString().ToLowerInvariant();
}
