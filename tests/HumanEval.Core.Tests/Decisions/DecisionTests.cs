using HumanEval.Core.Decisions;

namespace HumanEval.Core.Tests.Decisions;

public sealed class DecisionTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly DateTime Start = new(2026, 11, 30, 14, 0, 0, DateTimeKind.Utc); // a Monday

    [Fact]
    public void The_72_hour_rule_waits_from_the_candidates_first_rating()
    {
        var ratings = Simulated.Campaign(new Random(5), 60, 3, effect: 0.8, start: Start);
        var rule = new DecisionRule { PlannedExamplesPerVersion = 50 };
        var first = ratings.Where(r => r.Version == "v2").Min(r => r.RatedAt)!.Value;
        Assert.Equal(Start.AddMinutes(60), first);

        var at71 = VersionComparison.Compare(ratings, Simulated.OneCriterion, Simulated.Options(rule: rule, now: first.AddHours(71))).Decision;
        Assert.Equal(DecisionKind.NotYet, at71.Kind);
        Assert.Equal(first.AddHours(72), at71.ReadyAt);
        Assert.Equal(["72 h pass on Thu 3 Dec 15:00 UTC"], at71.Missing);
        Assert.StartsWith("Not yet: 72 h pass on Thu 3 Dec 15:00 UTC (now P(better) 1.00, +", at71.Headline);

        var at72 = VersionComparison.Compare(ratings, Simulated.OneCriterion, Simulated.Options(rule: rule, now: first.AddHours(72))).Decision;
        Assert.Equal(DecisionKind.Ship, at72.Kind);
        Assert.Empty(at72.Missing);
        Assert.Matches(@"^Ship v2: P\(better\) 1\.00, \+0\.\d\d points \[0\.\d\d, \d\.\d\d\], expected loss 0\.000; 72 h passed; no pass/fail criterion$", at72.Headline);

        var unknown = VersionComparison.Compare(ratings.Select(r => r with { RatedAt = null }), Simulated.OneCriterion, Simulated.Options(rule: rule, now: first)).Decision;
        Assert.Equal(DecisionKind.Ship, unknown.Kind);
        Assert.Contains("72 h rule not checked (no rating times)", unknown.Headline);
    }

    [Fact]
    public void A_likely_less_safe_candidate_is_not_promoted_whatever_the_other_criteria_say()
    {
        var ratings = Simulated.Campaign(new Random(8), 100, 3, effect: 1.0, unsafeBaseline: 0.03, unsafeCandidate: 0.15, criteria: Simulated.WithSafety);
        var report = VersionComparison.Compare(ratings, Simulated.WithSafety, Simulated.Options(rule: new DecisionRule { MinHours = 0, PlannedExamplesPerVersion = 500 }));
        var safety = report.Criteria.Single(c => c.Key == "safety");
        Assert.True(safety.Binary);
        Assert.Null(report.Criteria.Single(c => c.Key == "accuracy").Failures);
        Assert.True(safety.Failures!.PCandidateWorse > 0.99);
        Assert.Equal(DecisionKind.DoNotPromote, report.Decision.Kind); // even before the planned 500 examples
        Assert.StartsWith("Do not promote v2: safety is likely worse (P 1.00 ≥ 0.80; failing ", report.Decision.Headline);
        Assert.True(report.Overall.Raw!.PBetter > 0.99);
        Assert.Equal(2, report.Overall.Baseline.Ratings / 150); // overall counts each rating once (100 examples × 3)

        var safe = Simulated.Campaign(new Random(8), 100, 3, effect: 1.0, unsafeBaseline: 0.05, unsafeCandidate: 0.05, criteria: Simulated.WithSafety);
        var shipped = VersionComparison.Compare(safe, Simulated.WithSafety, Simulated.Options(rule: new DecisionRule { MinHours = 0, PlannedExamplesPerVersion = 100 })).Decision;
        Assert.Equal(DecisionKind.Ship, shipped.Kind);
        Assert.Contains("safety not worse (P(worse) 0.", shipped.Headline);
    }

    [Fact]
    public void Keep_baseline_equivalent_and_not_yet_name_their_reasons()
    {
        var rule = new DecisionRule { MinHours = 0, PlannedExamplesPerVersion = 200 };
        var worse = VersionComparison.Compare(Simulated.Campaign(new Random(2), 200, 3, effect: -0.6), Simulated.OneCriterion, Simulated.Options(rule: rule));
        Assert.Equal(DecisionKind.KeepBaseline, worse.Decision.Kind);
        Assert.StartsWith("Keep v1: v2 is likely worse: P(better) 0.00, −0.", worse.Decision.Headline);

        var same = VersionComparison.Compare(Simulated.Campaign(new Random(4), 400, 3, effect: 0, exampleSd: 0.5, noiseSd: 0.3, paired: true), Simulated.OneCriterion,
            Simulated.Options(rule: rule with { PlannedExamplesPerVersion = 400 }));
        Assert.Equal(DecisionKind.Equivalent, same.Decision.Kind);
        Assert.Contains("inside ±0.20", same.Decision.Headline);

        var small = VersionComparison.Compare(Simulated.Campaign(new Random(6), 30, 3, effect: 0.1), Simulated.OneCriterion,
            Simulated.Options(rule: rule) with { CostPerRating = 20m, RatingsPerHour = 6 });
        Assert.Equal(DecisionKind.NotYet, small.Decision.Kind);
        Assert.Equal("170 more examples per version (planned 200), ≈ 20,400 USD and ≈ 170 h", small.Decision.Missing[0]);
        Assert.Equal(170, small.Plan.MorePerVersion);
    }

    [Fact]
    public void Rule_numbers_out_of_range_are_refused_in_words()
    {
        Assert.True(DecisionRule.Default.Validate().Ok);
        var bad = new DecisionRule { ShipProbability = 0.4, MinHours = -1, PlannedExamplesPerVersion = 1 }.Validate();
        Assert.Equal(3, bad.Problems.Count);
        Assert.Contains("The hours before a call must be between 0 and 2,160 (default 72).", bad.Problems);
    }

    /// <summary>
    /// A/A: both versions the same. The rule is checked after every batch of 20 examples per version up to the planned
    /// 100; it can only call at the planned number, so it ships falsely about as often as a single look at 5% would.
    /// Stopping at the first P ≥ 0.95 instead (peeking) ships falsely far more often.
    /// </summary>
    [Fact]
    public void A_A_tests_ship_falsely_at_most_5_percent_under_the_rule_and_far_more_when_peeking()
    {
        const int simulations = 1000, planned = 100, batch = 20;
        var rule = new DecisionRule { MinHours = 0, PlannedExamplesPerVersion = planned };
        var random = new Random(1981);
        int ruleShips = 0, peekShips = 0;
        for (var s = 0; s < simulations; s++)
        {
            var all = Simulated.Campaign(random, planned, 2, effect: 0);
            bool ruleShipped = false, peekShipped = false;
            for (var n = batch; n <= planned; n += batch)
            {
                var limit = n;
                var seen = all.Where(r => int.Parse(r.Example.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) < limit).ToList();
                var report = VersionComparison.Compare(seen, Simulated.OneCriterion, Simulated.Options(draws: 400, seed: s, rule: rule));
                ruleShipped |= report.Decision.Kind == DecisionKind.Ship;
                peekShipped |= report.Overall.Raw!.PBetter >= 0.95;
            }

            ruleShips += ruleShipped ? 1 : 0;
            peekShips += peekShipped ? 1 : 0;
        }

        var ruleRate = (double)ruleShips / simulations;
        var peekRate = (double)peekShips / simulations;
        output.WriteLine($"A/A, {simulations} simulations, looks every {batch} examples up to {planned}: false Ship under the rule {ruleRate:P1}, stopping at the first P ≥ 0.95 {peekRate:P1}");
        Assert.True(ruleRate <= 0.05, $"rule {ruleRate:P1}");
        Assert.True(peekRate >= 1.5 * ruleRate && peekRate > 0.08, $"peeking {peekRate:P1}");
    }
}
