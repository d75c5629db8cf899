namespace HumanEval.Core.Operations;

/// <summary>How an evaluator is paid: by the hour of active time, or a flat amount per rating, in one currency.</summary>
public sealed record RateCard(decimal? Hourly, decimal? PerRating, string Currency)
{
    public static readonly RateCard None = new(null, null, "USD");

    public bool IsSet => Hourly is not null || PerRating is not null;

    /// <summary>Problems in words a lead can act on; allowed when valid.</summary>
    public RuleResult Validate()
    {
        var problems = new List<string>();
        if (Hourly is not null && PerRating is not null)
        {
            problems.Add("Give an hourly rate or a flat rate per rating, not both.");
        }

        if (Hourly is < 0 || PerRating is < 0)
        {
            problems.Add("Rates cannot be negative.");
        }

        if (Currency is not { Length: 3 } || !Currency.All(char.IsAsciiLetterUpper))
        {
            problems.Add("Currency must be a three-letter ISO code such as USD or EUR.");
        }

        return RuleResult.Refused(problems);
    }
}

/// <summary>Where the budget stands: warned from 80% spent; claims stop when spent plus live reservations reach it.</summary>
public enum BudgetState
{
    NoBudget,
    WithinBudget,
    Warning,
    Exhausted,
}

public sealed record BudgetCheck(BudgetState State, decimal? Budget, decimal Spent, decimal Committed)
{
    public double? SpentFraction => Budget is > 0 ? (double)(Spent / Budget.Value) : null;

    public bool AllowsClaims => State != BudgetState.Exhausted;
}

/// <summary>The cost figures of a campaign: spent, projected total, and the distribution of cost per complete example.</summary>
public sealed record CostSummary(
    decimal Spent,
    decimal Projected,
    int Ratings,
    decimal? MeanPerRating,
    int CompleteExamples,
    double? MeanPerExample,
    double? MedianPerExample,
    double? P90PerExample,
    int BelowBand,
    int InBand,
    int AboveBand,
    IReadOnlyList<Bin> Distribution,
    BudgetCheck Budget);

/// <summary>
/// Cost arithmetic, pure: the cost of a rating is its active time × the hourly rate (or the flat rate), recorded with
/// the rating; an example costs the sum of its ratings; a campaign the sum of all. Projection and budget use the
/// observed mean cost per rating.
/// </summary>
public static class CostRules
{
    /// <summary>The share of the budget at which leads are warned.</summary>
    public const double WarningFraction = 0.8;

    /// <summary>The reference band for human evaluation, per example, in the campaign's currency.</summary>
    public static readonly (decimal Low, decimal High) ReferenceBand = (15m, 30m);

    /// <summary>The cost of one rating under <paramref name="rate"/>, rounded to 1/10,000 of the currency unit.</summary>
    public static decimal RatingCost(RateCard rate, int activeSeconds)
    {
        ArgumentNullException.ThrowIfNull(rate);
        ArgumentOutOfRangeException.ThrowIfNegative(activeSeconds);
        return rate.PerRating ?? (rate.Hourly is { } hourly ? Math.Round(hourly * activeSeconds / 3600m, 4, MidpointRounding.AwayFromZero) : 0m);
    }

    /// <summary>
    /// Budget state: <see cref="BudgetState.Warning"/> from 80% spent; <see cref="BudgetState.Exhausted"/> when what is
    /// spent plus what live reservations will cost (at the mean rating cost) reaches the budget.
    /// </summary>
    public static BudgetCheck CheckBudget(decimal? budget, decimal spent, int liveReservations, decimal? meanPerRating)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(liveReservations);
        var committed = spent + (liveReservations * (meanPerRating ?? 0m));
        if (budget is null)
        {
            return new BudgetCheck(BudgetState.NoBudget, null, spent, committed);
        }

        var state = committed >= budget.Value || spent >= budget.Value ? BudgetState.Exhausted
            : spent >= budget.Value * (decimal)WarningFraction ? BudgetState.Warning
            : BudgetState.WithinBudget;
        return new BudgetCheck(state, budget, spent, committed);
    }

    /// <summary>
    /// Summarises a campaign. <paramref name="completeExampleCosts"/> are the costs of examples that have all k ratings
    /// (a partly rated example would understate the cost per example); <paramref name="remainingSlots"/> the ratings still
    /// to come (examples × k − submitted).
    /// </summary>
    public static CostSummary Summarize(decimal spent, int ratings, IReadOnlyCollection<decimal> completeExampleCosts, int remainingSlots, int liveReservations, decimal? budget, double binWidth = 5)
    {
        ArgumentNullException.ThrowIfNull(completeExampleCosts);
        ArgumentOutOfRangeException.ThrowIfNegative(remainingSlots);
        decimal? meanPerRating = ratings > 0 ? spent / ratings : null;
        var projected = spent + (remainingSlots * (meanPerRating ?? 0m));
        var perExample = completeExampleCosts.Select(c => (double)c).ToList();
        var (low, high) = ReferenceBand;
        return new CostSummary(
            spent,
            projected,
            ratings,
            meanPerRating,
            perExample.Count,
            perExample.Count > 0 ? perExample.Average() : null,
            Quantiles.Of(perExample, 0.5),
            Quantiles.Of(perExample, 0.9),
            completeExampleCosts.Count(c => c < low),
            completeExampleCosts.Count(c => c >= low && c <= high),
            completeExampleCosts.Count(c => c > high),
            Histogram.Of(perExample, binWidth),
            CheckBudget(budget, spent, liveReservations, meanPerRating));
    }
}
