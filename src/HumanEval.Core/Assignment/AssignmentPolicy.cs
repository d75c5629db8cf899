namespace HumanEval.Core.Assignment;

public enum EvaluatorKind
{
    DomainExpert,
    RepresentativeUser,
}

/// <summary>An example that may still need ratings: who holds it (reserved or submitted) and its segment (model / prompt version).</summary>
public sealed record Candidate(long ExampleId, string Segment, IReadOnlyList<long> Holders, int ExpertHolders);

/// <summary>What the policy knows about the evaluator asking for work.</summary>
public sealed record Asker(
    long EvaluatorId,
    EvaluatorKind Kind,
    string? LastSegment,
    IReadOnlyDictionary<long, int> CoRatings,
    int Load = 0);

/// <summary>
/// Campaign settings the policy obeys. <paramref name="MaxLoad"/> is the fair-share cap: no evaluator takes more than
/// this many examples of the campaign (null: no cap), so one fast rater's taste cannot shape a whole segment.
/// </summary>
public sealed record PolicySettings(int K, int MinExperts, long Seed, int? MaxLoad = null)
{
    /// <summary>ceil(k · examples / roster size · (1 + slack)): an even share plus some room for faster raters.</summary>
    public static int FairShare(int k, int examples, int rosterSize, double slack = 0.10) =>
        rosterSize <= 0 ? 0 : (int)Math.Ceiling(k * (double)examples / rosterSize * (1 + slack));
}

/// <summary>
/// Which example an evaluator should get next. Pure: the same inputs give the same order.
/// <list type="number">
/// <item>Never an example the evaluator already holds, never one that is full (k holders).</item>
/// <item>Keep the expert/user mix: a representative user is not given the last slots an expert still needs.</item>
/// <item>Avoid a run of the same model/prompt version after the evaluator's last example when another segment is available.</item>
/// <item>No evaluator goes over the fair-share cap.</item>
/// <item>Finish examples already in progress first (turnaround); experts go where an expert is still missing and
/// representative users where the mix is already met, so nobody is stranded at the end; then spread co-rater pairs: prefer the example whose
/// holders have rated least with this evaluator, so every pair shares enough examples for pairwise agreement.</item>
/// <item>Ties are broken by a hash of (seed, evaluator, example): each evaluator sees its own random order, reproducible from the seed.</item>
/// </list>
/// </summary>
public static class AssignmentPolicy
{
    /// <summary>Candidates the evaluator may take, best first. The caller claims the first one it can (atomically) and moves on when it loses a race.</summary>
    public static IReadOnlyList<Candidate> Rank(IEnumerable<Candidate> candidates, Asker asker, PolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(asker);
        ArgumentNullException.ThrowIfNull(settings);
        return candidates
            .Where(c => Eligible(c, asker, settings))
            .Select(c => (Candidate: c, Key: Score(c, asker, settings)))
            .OrderBy(x => x.Key.SameSegment)
            .ThenByDescending(x => x.Key.Holders)
            .ThenBy(x => x.Key.MixMisfit)
            .ThenBy(x => x.Key.CoRatings)
            .ThenBy(x => x.Key.Tiebreak)
            .Select(x => x.Candidate)
            .ToList();
    }

    public static bool Eligible(Candidate candidate, Asker asker, PolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (settings.MaxLoad is { } cap && asker.Load >= cap)
        {
            return false;
        }

        if (candidate.Holders.Count >= settings.K || candidate.Holders.Contains(asker.EvaluatorId))
        {
            return false;
        }

        var freeSlots = settings.K - candidate.Holders.Count;
        var expertsNeeded = Math.Max(0, settings.MinExperts - candidate.ExpertHolders);
        return asker.Kind == EvaluatorKind.DomainExpert || freeSlots > expertsNeeded;
    }

    private static (bool SameSegment, int Holders, bool MixMisfit, int CoRatings, ulong Tiebreak) Score(Candidate c, Asker asker, PolicySettings settings)
    {
        var needsExpert = c.ExpertHolders < settings.MinExperts;
        var misfit = asker.Kind == EvaluatorKind.DomainExpert ? !needsExpert : needsExpert;
        var co = 0;
        foreach (var holder in c.Holders)
        {
            co += asker.CoRatings.GetValueOrDefault(holder);
        }

        return (asker.LastSegment is not null && c.Segment == asker.LastSegment, c.Holders.Count, misfit, co, Tiebreak(settings.Seed, asker.EvaluatorId, c.ExampleId));
    }

    /// <summary>SplitMix64 of (seed, evaluator, example): a stable per-evaluator shuffle.</summary>
    public static ulong Tiebreak(long seed, long evaluator, long example)
    {
        var z = unchecked((ulong)seed + (0x9E3779B97F4A7C15UL * ((ulong)evaluator + 1)) + (0xBF58476D1CE4E5B9UL * ((ulong)example + 1)));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
