using HumanEval.Core.Assignment;

namespace HumanEval.Core.Tests.Assignment;

public sealed class AssignmentPolicyTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly PolicySettings Settings = new(K: 3, MinExperts: 1, Seed: 42);

    private static readonly RosterSeat[] NoRoster = [];

    private static Asker Asker(long id, EvaluatorKind kind = EvaluatorKind.DomainExpert, string? last = null) =>
        new(id, kind, last, new Dictionary<long, int>());

    [Fact]
    public void Full_examples_and_examples_the_evaluator_holds_are_never_offered()
    {
        var full = new Candidate(1, "m1", [10, 11, 12], 1);
        var mine = new Candidate(2, "m1", [7], 1);
        var open = new Candidate(3, "m1", [10], 1);

        var ranked = AssignmentPolicy.Rank([full, mine, open], Asker(7), Settings, NoRoster);

        Assert.Equal([3L], ranked.Select(c => c.ExampleId));
    }

    [Fact]
    public void A_representative_user_does_not_take_the_last_slot_an_expert_still_needs()
    {
        var needsExpert = new Candidate(1, "m1", [20, 21], ExpertHolders: 0);
        var hasExpert = new Candidate(2, "m1", [10, 21], ExpertHolders: 1);

        Assert.Equal([2L], AssignmentPolicy.Rank([needsExpert, hasExpert], Asker(30, EvaluatorKind.RepresentativeUser), Settings, NoRoster).Select(c => c.ExampleId));
        Assert.Equal(2, AssignmentPolicy.Rank([needsExpert, hasExpert], Asker(11, EvaluatorKind.DomainExpert), Settings, NoRoster).Count);
    }

    [Fact]
    public void Another_segment_is_preferred_after_the_last_one()
    {
        var same = new Candidate(1, "model-a|v1", [10, 11], 1);
        var other = new Candidate(2, "model-b|v1", [], 0);

        var ranked = AssignmentPolicy.Rank([same, other], Asker(7, last: "model-a|v1"), Settings, NoRoster);

        Assert.Equal(2, ranked[0].ExampleId);
    }

    [Fact]
    public void Examples_in_progress_come_before_fresh_ones_and_rarely_paired_co_raters_first()
    {
        var fresh = new Candidate(1, "s", [], 0);
        var withFrequentPartner = new Candidate(2, "s", [10], 1);
        var withRarePartner = new Candidate(3, "s", [11], 1);
        var asker = new Asker(7, EvaluatorKind.DomainExpert, null, new Dictionary<long, int> { [10] = 40, [11] = 3 });

        var ranked = AssignmentPolicy.Rank([fresh, withFrequentPartner, withRarePartner], asker, Settings, NoRoster);

        Assert.Equal([3L, 2L, 1L], ranked.Select(c => c.ExampleId));
    }

    [Fact]
    public void Each_evaluator_gets_its_own_reproducible_order()
    {
        var candidates = Enumerable.Range(1, 50).Select(i => new Candidate(i, "s", [], 0)).ToList();

        var a1 = AssignmentPolicy.Rank(candidates, Asker(1), Settings, NoRoster).Select(c => c.ExampleId).ToList();
        var a2 = AssignmentPolicy.Rank(candidates, Asker(1), Settings, NoRoster).Select(c => c.ExampleId).ToList();
        var b = AssignmentPolicy.Rank(candidates, Asker(2), Settings, NoRoster).Select(c => c.ExampleId).ToList();
        var otherSeed = AssignmentPolicy.Rank(candidates, Asker(1), Settings with { Seed = 43 }, NoRoster).Select(c => c.ExampleId).ToList();

        Assert.Equal(a1, a2);
        Assert.NotEqual(a1, b);
        Assert.NotEqual(a1, otherSeed);
    }

    /// <summary>
    /// A simulated campaign: 500 examples from 2 models × 2 prompt versions, k = 3, 6 evaluators (3 experts, 3
    /// representative users), at least one expert per example, fair-share cap (+10%); evaluators ask for work in a
    /// random order until nothing is left. Bounds: every example complete with an expert; load max/min ≤ 1.25; every pair of evaluators
    /// shares ≥ 70 examples (mean 100) with max/min ≤ 1.6; no evaluator gets a run of more than 2 consecutive
    /// examples from one segment.
    /// </summary>
    [Fact]
    public void Simulated_campaign_is_balanced_in_load_pairs_mix_and_segments()
    {
        const int examples = 500;
        var settings = Settings with { MaxLoad = PolicySettings.FairShare(3, examples, 6) };
        var random = new Random(7);
        var segments = new[] { "model-a|v1", "model-a|v2", "model-b|v1", "model-b|v2" };
        var state = Enumerable.Range(1, examples)
            .Select(i => (Id: (long)i, Segment: segments[random.Next(segments.Length)], Holders: new List<long>(), Experts: 0))
            .ToList();
        var kinds = new Dictionary<long, EvaluatorKind>
        {
            [1] = EvaluatorKind.DomainExpert, [2] = EvaluatorKind.DomainExpert, [3] = EvaluatorKind.DomainExpert,
            [4] = EvaluatorKind.RepresentativeUser, [5] = EvaluatorKind.RepresentativeUser, [6] = EvaluatorKind.RepresentativeUser,
        };
        var co = kinds.Keys.ToDictionary(e => e, _ => new Dictionary<long, int>());
        var load = kinds.Keys.ToDictionary(e => e, _ => 0);
        var history = kinds.Keys.ToDictionary(e => e, _ => new List<string>());
        var active = kinds.Keys.ToList();

        while (active.Count > 0)
        {
            var evaluator = active[random.Next(active.Count)];
            var candidates = state.Select(s => new Candidate(s.Id, s.Segment, s.Holders, s.Experts)).ToList();
            var asker = new Asker(evaluator, kinds[evaluator], history[evaluator].LastOrDefault(), co[evaluator], load[evaluator]);
            var roster = kinds.Keys.Select(e => new RosterSeat(e, kinds[e], load[e])).ToList();
            var ranked = AssignmentPolicy.Rank(candidates, asker, settings, roster);
            if (ranked.Count == 0)
            {
                active.Remove(evaluator);
                continue;
            }

            var index = state.FindIndex(s => s.Id == ranked[0].ExampleId);
            var chosen = state[index];
            foreach (var holder in chosen.Holders)
            {
                co[evaluator][holder] = co[evaluator].GetValueOrDefault(holder) + 1;
                co[holder][evaluator] = co[holder].GetValueOrDefault(evaluator) + 1;
            }

            chosen.Holders.Add(evaluator);
            state[index] = chosen with { Experts = chosen.Experts + (kinds[evaluator] == EvaluatorKind.DomainExpert ? 1 : 0) };
            load[evaluator]++;
            history[evaluator].Add(chosen.Segment);
        }

        var pairCounts = kinds.Keys.SelectMany(a => kinds.Keys.Where(b => b > a).Select(b => co[a].GetValueOrDefault(b))).ToList();
        output.WriteLine($"loads {string.Join(",", load.Values)}; pair co-ratings min {pairCounts.Min()} max {pairCounts.Max()}");
        Assert.All(state, s => Assert.Equal(3, s.Holders.Count));
        Assert.All(state, s => Assert.True(s.Experts >= 1));
        Assert.InRange((double)load.Values.Max() / load.Values.Min(), 1.0, 1.25);
        Assert.True(load.Values.Max() <= settings.MaxLoad, "nobody goes over the fair-share cap");
        var pairs = kinds.Keys.SelectMany(a => kinds.Keys.Where(b => b > a).Select(b => co[a].GetValueOrDefault(b))).ToList();
        Assert.Equal(15, pairs.Count);
        Assert.True(pairs.Min() >= 70, $"fewest shared examples for a pair: {pairs.Min()} ({string.Join(",", pairs)})");
        Assert.InRange((double)pairs.Max() / pairs.Min(), 1.0, 1.6);
        foreach (var (_, segs) in history)
        {
            var longest = segs.Select((s, i) => segs.Skip(i).TakeWhile(x => x == s).Count()).Max();
            Assert.True(longest <= 2, $"a run of {longest} examples from one segment");
        }
    }

    [Fact]
    public void An_evaluator_at_the_fair_share_cap_gets_nothing_more_while_someone_under_it_can_take_the_example()
    {
        var open = new Candidate(1, "s", [], 0);
        var capped = new Asker(7, EvaluatorKind.DomainExpert, null, new Dictionary<long, int>(), Load: 275);
        RosterSeat[] roster = [new(7, EvaluatorKind.DomainExpert, 275), new(8, EvaluatorKind.RepresentativeUser, 100)];

        Assert.Equal(275, PolicySettings.FairShare(3, 500, 6));
        Assert.Empty(AssignmentPolicy.Rank([open], capped, Settings with { MaxLoad = 275 }, roster));
        Assert.Single(AssignmentPolicy.Rank([open], capped with { Load = 274 }, Settings with { MaxLoad = 275 }, roster));
    }

    [Fact]
    public void The_cap_yields_where_only_capped_evaluators_could_fill_the_slot()
    {
        // The stall of a 30-example trial: two users hold the example, the last slot needs an expert, every expert is at the cap.
        var needsExpert = new Candidate(1, "s", [4, 5], ExpertHolders: 0);
        var mixMet = new Candidate(2, "s", [1, 4], ExpertHolders: 1);
        RosterSeat[] roster =
        [
            new(1, EvaluatorKind.DomainExpert, 17), new(2, EvaluatorKind.DomainExpert, 17), new(3, EvaluatorKind.DomainExpert, 17),
            new(4, EvaluatorKind.RepresentativeUser, 12), new(5, EvaluatorKind.RepresentativeUser, 12), new(6, EvaluatorKind.RepresentativeUser, 12),
        ];
        var settings = Settings with { MaxLoad = 17 };
        var expert = new Asker(2, EvaluatorKind.DomainExpert, null, new Dictionary<long, int>(), Load: 17);

        Assert.Equal([1L], AssignmentPolicy.Rank([needsExpert, mixMet], expert, settings, roster).Select(c => c.ExampleId));
        Assert.Equal(WaitReason.None, AssignmentPolicy.WhyWaiting(needsExpert, settings, roster));

        // An uncapped expert who has not seen it takes precedence: the capped one waits.
        RosterSeat[] withFreeExpert = [.. roster, new(9, EvaluatorKind.DomainExpert, 3)];
        Assert.Empty(AssignmentPolicy.Rank([needsExpert, mixMet], expert, settings, withFreeExpert));

        // An uncapped expert who skipped it (seen) cannot take it, so the cap yields again.
        var skippedByNine = needsExpert with { Seen = [4, 5, 9] };
        Assert.Single(AssignmentPolicy.Rank([skippedByNine], expert, settings, withFreeExpert));
    }

    [Fact]
    public void The_queue_count_is_cut_at_what_remains_of_the_share()
    {
        var capped = new PolicySettings(K: 3, MinExperts: 1, Seed: 1, MaxLoad: 17);

        Assert.Equal(new QueueCount(4, 29, 17, true), QueueCount.Of(openForMe: 29, load: 13, capped));
        Assert.Equal(new QueueCount(0, 29, 17, true), QueueCount.Of(openForMe: 29, load: 18, capped));
        Assert.Equal(new QueueCount(3, 3, 17, false), QueueCount.Of(openForMe: 3, load: 13, capped));
        Assert.Equal(new QueueCount(29, 29, null, false), QueueCount.Of(openForMe: 29, load: 13, Settings));
    }

    [Fact]
    public void An_example_with_the_same_input_as_a_recent_one_comes_after_every_other()
    {
        var sameInput = new Candidate(1, "s", [10, 11], 1, RepeatsRecentInput: true);
        var other = new Candidate(2, "s", [], 0);

        Assert.Equal([2L, 1L], AssignmentPolicy.Rank([sameInput, other], Asker(7), Settings, NoRoster).Select(c => c.ExampleId));
        Assert.Equal([1L], AssignmentPolicy.Rank([sameInput], Asker(7), Settings, NoRoster).Select(c => c.ExampleId));
    }

    [Fact]
    public void Why_an_example_waits_is_named()
    {
        var settings = Settings with { MaxLoad = 10 };
        var needsExpert = new Candidate(1, "s", [4, 5], ExpertHolders: 0, Seen: [4, 5, 1]);
        RosterSeat[] roster =
        [
            new(1, EvaluatorKind.DomainExpert, 3), new(2, EvaluatorKind.DomainExpert, 3, Available: false),
            new(4, EvaluatorKind.RepresentativeUser, 3), new(5, EvaluatorKind.RepresentativeUser, 3), new(6, EvaluatorKind.RepresentativeUser, 3),
        ];

        Assert.Equal(WaitReason.NeedsExpert, AssignmentPolicy.WhyWaiting(needsExpert, settings, roster));
        Assert.Equal(WaitReason.NoRaterLeft, AssignmentPolicy.WhyWaiting(new Candidate(2, "s", [4, 5], 1, Seen: [1, 2, 4, 5, 6]), settings, roster));
        Assert.Equal(WaitReason.None, AssignmentPolicy.WhyWaiting(new Candidate(3, "s", [4, 5], 1), settings, roster));
    }

    [Fact]
    public void Panel_suggestion_prefers_people_who_sat_out_and_keeps_the_mix()
    {
        var t = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        PoolMember[] pool =
        [
            new(1, EvaluatorKind.DomainExpert, t.AddDays(-2), 3),
            new(2, EvaluatorKind.DomainExpert, t.AddDays(-40), 1),
            new(3, EvaluatorKind.DomainExpert, null, 0),
            new(4, EvaluatorKind.RepresentativeUser, t.AddDays(-1), 4),
            new(5, EvaluatorKind.RepresentativeUser, t.AddDays(-1), 4),
            new(6, EvaluatorKind.RepresentativeUser, t.AddDays(-30), 2),
            new(7, EvaluatorKind.DomainExpert, t.AddDays(-60), 1),
        ];

        var panel = PanelSuggestion.Suggest(pool, size: 4, minExperts: 1, minUsers: 2, seed: 1);

        Assert.Equal(4, panel.Count);
        Assert.Contains(panel, p => p.EvaluatorId == 3);
        Assert.Contains(panel, p => p.EvaluatorId == 7);
        Assert.True(panel.Count(p => p.Kind == EvaluatorKind.RepresentativeUser) >= 2);
        Assert.Contains(panel, p => p.EvaluatorId == 6);
        Assert.DoesNotContain(panel, p => p.EvaluatorId == 1);
    }
}
