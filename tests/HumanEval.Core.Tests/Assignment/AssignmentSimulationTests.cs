using HumanEval.Core.Assignment;

namespace HumanEval.Core.Tests.Assignment;

/// <summary>
/// Invariant 7 by simulation: over many roster shapes, k, expert minimums, fair-share slacks, skips and inactive
/// members, evaluators claim, hold, submit and skip in random order. In every reachable state, each example that
/// somebody on the roster could still fill is takeable by at least one roster member (no slot is blocked by the cap
/// alone), and when the campaign settles every example is either complete or waits for a named reason.
/// </summary>
public sealed class AssignmentSimulationTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private sealed class Example(long id)
    {
        public long Id { get; } = id;
        public List<long> Holders { get; } = [];
        public HashSet<long> Seen { get; } = [];
        public int Experts { get; set; }
        public int Submitted { get; set; }

        public Candidate ToCandidate() => new(Id, Id % 2 == 0 ? "a" : "b", Holders, Experts, Seen);
    }

    public static TheoryData<int, int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int, int>();
        for (var experts = 0; experts <= 4; experts++)
        {
            for (var users = 0; users <= 4; users++)
            {
                for (var k = 1; k <= 4; k++)
                {
                    for (var minExperts = 0; minExperts <= 2; minExperts++)
                    {
                        if (experts + users > 0)
                        {
                            data.Add(experts, users, k, minExperts);
                        }
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void No_reachable_state_leaves_a_fillable_slot_blocked_by_the_cap(int experts, int users, int k, int minExperts)
    {
        double?[] slacks = [null, 0.0, 0.10, 0.5];
        var runs = 0;
        foreach (var slack in slacks)
        {
            foreach (var examples in new[] { 7, 30 })
            {
                foreach (var (skipRate, inactiveRate) in new[] { (0.0, 0.0), (0.15, 0.0), (0.1, 0.2) })
                {
                    var seed = HashCode.Combine(experts, users, k, minExperts, slack, examples, skipRate, inactiveRate);
                    Simulate(experts, users, k, minExperts, slack, examples, skipRate, inactiveRate, new Random(seed));
                    runs++;
                }
            }
        }

        output.WriteLine($"{runs} simulated campaigns");
    }

    private static void Simulate(int experts, int users, int k, int minExperts, double? slack, int exampleCount, double skipRate, double inactiveRate, Random random)
    {
        var kinds = Enumerable.Range(1, experts + users).ToDictionary(i => (long)i, i => i <= experts ? EvaluatorKind.DomainExpert : EvaluatorKind.RepresentativeUser);
        var available = kinds.Keys.ToDictionary(e => e, _ => random.NextDouble() >= inactiveRate);
        var settings = new PolicySettings(k, minExperts, 42, slack is { } s ? PolicySettings.FairShare(k, exampleCount, kinds.Count, s) : null);
        var examples = Enumerable.Range(1, exampleCount).Select(i => new Example(i)).ToList();
        var load = kinds.Keys.ToDictionary(e => e, _ => 0);
        var reservation = new Dictionary<long, Example>();
        var idle = new HashSet<long>();
        var context = $"experts {experts}, users {users}, k {k}, min experts {minExperts}, slack {slack}, examples {exampleCount}, skips {skipRate}, inactive {inactiveRate}";

        for (var step = 0; step < 100_000; step++)
        {
            var roster = kinds.Keys.Select(e => new RosterSeat(e, kinds[e], load[e], available[e])).ToList();
            AssertNoSlotBlockedByTheCap(examples, kinds, load, available, settings, roster, context);

            var askers = kinds.Keys.Where(e => available[e] && (reservation.ContainsKey(e) || !idle.Contains(e))).ToList();
            if (askers.Count == 0)
            {
                break;
            }

            var evaluator = askers[random.Next(askers.Count)];
            if (reservation.Remove(evaluator, out var held))
            {
                if (random.NextDouble() < skipRate)
                {
                    held.Holders.Remove(evaluator);
                    held.Experts -= kinds[evaluator] == EvaluatorKind.DomainExpert ? 1 : 0;
                    load[evaluator]--;
                }
                else
                {
                    held.Submitted++;
                }

                idle.Clear(); // a freed slot or a finished example can change what others may take
                continue;
            }

            var asker = new Asker(evaluator, kinds[evaluator], null, new Dictionary<long, int>(), load[evaluator]);
            var ranked = AssignmentPolicy.Rank(examples.Select(e => e.ToCandidate()), asker, settings, roster);
            if (ranked.Count == 0)
            {
                idle.Add(evaluator);
                continue;
            }

            // Take one of the first few, as a lost race would.
            var pick = ranked[random.Next(Math.Min(3, ranked.Count))].ExampleId;
            var chosen = examples.Single(e => e.Id == pick);
            Assert.True(chosen.Holders.Count < k, context);
            Assert.DoesNotContain(evaluator, chosen.Seen);
            chosen.Holders.Add(evaluator);
            chosen.Seen.Add(evaluator);
            chosen.Experts += kinds[evaluator] == EvaluatorKind.DomainExpert ? 1 : 0;
            load[evaluator]++;
            reservation[evaluator] = chosen;
            idle.Clear();
        }

        Assert.Empty(reservation);
        var finalRoster = kinds.Keys.Select(e => new RosterSeat(e, kinds[e], load[e], available[e])).ToList();
        foreach (var example in examples)
        {
            Assert.True(example.Holders.Count == example.Submitted, context);
            if (example.Submitted < k)
            {
                var reason = AssignmentPolicy.WhyWaiting(example.ToCandidate(), settings, finalRoster);
                Assert.True(reason != WaitReason.None, $"example {example.Id} stopped at {example.Submitted} of {k} with no reason ({context})");
            }
            else
            {
                Assert.True(example.Experts >= Math.Min(minExperts, k), context);
            }
        }

        var feasible = skipRate == 0 && inactiveRate == 0 && experts + users >= k && experts >= Math.Min(minExperts, k);
        if (feasible)
        {
            Assert.All(examples, e => Assert.True(e.Submitted == k, $"example {e.Id} incomplete in a campaign that can finish ({context})"));
        }
    }

    private static void AssertNoSlotBlockedByTheCap(List<Example> examples, Dictionary<long, EvaluatorKind> kinds, Dictionary<long, int> load,
        Dictionary<long, bool> available, PolicySettings settings, List<RosterSeat> roster, string context)
    {
        foreach (var example in examples.Where(e => e.Holders.Count < settings.K))
        {
            var candidate = example.ToCandidate();
            if (AssignmentPolicy.WhyWaiting(candidate, settings, roster) != WaitReason.None)
            {
                continue;
            }

            var someoneMay = kinds.Keys.Any(e => available[e]
                && AssignmentPolicy.Eligible(candidate, new Asker(e, kinds[e], null, new Dictionary<long, int>(), load[e]), settings, roster));
            Assert.True(someoneMay, $"example {example.Id} has a free slot somebody could fill, yet nobody may take it ({context})");
        }
    }
}
