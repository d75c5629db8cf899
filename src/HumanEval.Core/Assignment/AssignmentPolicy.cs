namespace HumanEval.Core.Assignment;

public enum EvaluatorKind
{
    DomainExpert,
    RepresentativeUser,
}

/// <summary>
/// An example that may still need ratings: who holds it (reserved or submitted), its segment (model / prompt
/// version), and <paramref name="Seen"/>: everyone who ever had an assignment of it (holders, and those who skipped it
/// or let it expire), none of whom may take it again. Null means only the holders have seen it.
/// <paramref name="RepeatsRecentInput"/>: its input text is the same as one of the asking evaluator's last few examples
/// (another version of the same prompt), which would let them compare versions side by side and unblind them.
/// </summary>
public sealed record Candidate(long ExampleId, string Segment, IReadOnlyList<long> Holders, int ExpertHolders, IReadOnlyCollection<long>? Seen = null, bool RepeatsRecentInput = false)
{
    public IReadOnlyCollection<long> SeenBy => Seen ?? Holders;
}

/// <summary>What the policy knows about the evaluator asking for work.</summary>
public sealed record Asker(
    long EvaluatorId,
    EvaluatorKind Kind,
    string? LastSegment,
    IReadOnlyDictionary<long, int> CoRatings,
    int Load = 0);

/// <summary>
/// One member of the campaign's roster as the policy sees them: kind, how many examples of the campaign they hold
/// (reserved or submitted) and whether they can rate at all (<paramref name="Available"/>: active and under their
/// weekly limit; a break does not count, it ends within minutes).
/// </summary>
public sealed record RosterSeat(long EvaluatorId, EvaluatorKind Kind, int Load, bool Available = true);

/// <summary>
/// Campaign settings the policy obeys. <paramref name="MaxLoad"/> is the fair-share cap: no evaluator takes more than
/// this many examples of the campaign (null: no cap) while someone under the cap can take the example, so one fast
/// rater's taste cannot shape a whole segment.
/// </summary>
public sealed record PolicySettings(int K, int MinExperts, long Seed, int? MaxLoad = null)
{
    /// <summary>ceil(k · examples / roster size · (1 + slack)): an even share plus some room for faster raters.</summary>
    public static int FairShare(int k, int examples, int rosterSize, double slack = 0.10) =>
        rosterSize <= 0 ? 0 : (int)Math.Ceiling(k * (double)examples / rosterSize * (1 + slack));
}

/// <summary>
/// What an evaluator is told is left for them: <paramref name="Left"/> examples they can still take, and when the
/// fair-share cap is the limit (<paramref name="ShareLimited"/>), that after it they only get examples nobody under
/// the cap can take.
/// </summary>
public sealed record QueueCount(int Left, int OpenForMe, int? Share, bool ShareLimited)
{
    /// <summary>The count for the fair share: open examples they may take, cut at what remains of their share.</summary>
    public static QueueCount Of(int openForMe, int load, PolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.MaxLoad is not { } cap)
        {
            return new QueueCount(openForMe, openForMe, null, false);
        }

        var shareLeft = Math.Max(0, cap - load);
        return new QueueCount(Math.Min(openForMe, shareLeft), openForMe, cap, shareLeft < openForMe);
    }
}

/// <summary>Why nobody can take an example's free slots now.</summary>
public enum WaitReason
{
    /// <summary>Someone on the roster can take it.</summary>
    None,

    /// <summary>Its remaining slots are kept for domain experts, and no available expert on the roster has not seen it.</summary>
    NeedsExpert,

    /// <summary>Every available roster member has seen it (rated, holds, skipped or let it expire): the roster is too small for k.</summary>
    NoRaterLeft,
}

/// <summary>
/// Which example an evaluator should get next. Pure: the same inputs give the same order.
/// <list type="number">
/// <item>Never an example the evaluator has seen (holds, rated, skipped or let expire), never one that is full (k holders).</item>
/// <item>Keep the expert/user mix: a representative user is not given the last slots an expert still needs.</item>
/// <item>Keep two examples with the same input apart in one evaluator's order: one whose input the evaluator saw in
/// their last <see cref="RecentInputs"/> examples comes after every other candidate (blinding: back to back, two versions of
/// one prompt give the versions away).</item>
/// <item>Avoid a run of the same model/prompt version after the evaluator's last example when another segment is available.</item>
/// <item>The fair-share cap, and where it yields: an evaluator at the cap may take an example only when nobody on the
/// roster under the cap could ever fill that slot (each such member has seen the example, is unavailable, or is a
/// representative user facing a slot kept for an expert). So the cap balances load while others can still do the work,
/// and never strands a slot: with the defaults (k = 3, one expert per example, 3 experts + 3 users) experts reach
/// their share while examples still wait for an expert; those examples go to the capped experts instead of waiting
/// forever (invariant 7, proven by <c>AssignmentSimulationTests</c> over many roster shapes).</item>
/// <item>Finish examples already in progress first (turnaround); experts go where an expert is still missing and
/// representative users where the mix is already met, so nobody is stranded at the end; then spread co-rater pairs: prefer the example whose
/// holders have rated least with this evaluator, so every pair shares enough examples for pairwise agreement.</item>
/// <item>Ties are broken by a hash of (seed, evaluator, example): each evaluator sees its own random order, reproducible from the seed.</item>
/// </list>
/// </summary>
public static class AssignmentPolicy
{
    /// <summary>How many of the evaluator's latest examples count as "recent" for the same-input rule.</summary>
    public const int RecentInputs = 5;

    /// <summary>
    /// Candidates the evaluator may take, best first. The caller claims the first one it can (atomically) and moves on
    /// when it loses a race. <paramref name="roster"/> is every roster member (the asker included or not) with their load.
    /// </summary>
    public static IReadOnlyList<Candidate> Rank(IEnumerable<Candidate> candidates, Asker asker, PolicySettings settings, IReadOnlyCollection<RosterSeat> roster)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(asker);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(roster);
        return candidates
            .Where(c => Eligible(c, asker, settings, roster))
            .Select(c => (Candidate: c, Key: Score(c, asker, settings)))
            .OrderBy(x => x.Candidate.RepeatsRecentInput)
            .ThenBy(x => x.Key.SameSegment)
            .ThenByDescending(x => x.Key.Holders)
            .ThenBy(x => x.Key.MixMisfit)
            .ThenBy(x => x.Key.CoRatings)
            .ThenBy(x => x.Key.Tiebreak)
            .Select(x => x.Candidate)
            .ToList();
    }

    /// <summary>Whether the asker may take the candidate (the rules above, without the ranking).</summary>
    public static bool Eligible(Candidate candidate, Asker asker, PolicySettings settings, IReadOnlyCollection<RosterSeat> roster)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(asker);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(roster);
        if (candidate.Holders.Count >= settings.K || candidate.SeenBy.Contains(asker.EvaluatorId) || !SlotFits(candidate, asker.Kind, settings))
        {
            return false;
        }

        if (settings.MaxLoad is { } cap && asker.Load >= cap)
        {
            // The cap yields only where nobody under it could ever fill this slot.
            return !roster.Any(r => r.EvaluatorId != asker.EvaluatorId && r.Load < cap && CouldFill(candidate, r, settings));
        }

        return true;
    }

    /// <summary>True when the asker is at the fair-share cap (they may still get examples nobody under the cap can take).</summary>
    public static bool AtCap(Asker asker, PolicySettings settings) => settings.MaxLoad is { } cap && asker.Load >= cap;

    /// <summary>
    /// Why nobody on the roster can take one of the candidate's free slots, whatever the cap (the cap always yields,
    /// see the rules above). <see cref="WaitReason.None"/> when it is full or somebody can.
    /// </summary>
    public static WaitReason WhyWaiting(Candidate candidate, PolicySettings settings, IReadOnlyCollection<RosterSeat> roster)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(roster);
        if (candidate.Holders.Count >= settings.K || roster.Any(r => CouldFill(candidate, r, settings)))
        {
            return WaitReason.None;
        }

        var keptForExperts = !SlotFits(candidate, EvaluatorKind.RepresentativeUser, settings);
        var someoneFresh = roster.Any(r => r.Available && !candidate.SeenBy.Contains(r.EvaluatorId));
        return keptForExperts && someoneFresh ? WaitReason.NeedsExpert : WaitReason.NoRaterLeft;
    }

    /// <summary>What a lead reads about waiting examples and what to do about them (overview, roster, workbook).</summary>
    public static string Explain(WaitReason reason) => reason switch
    {
        WaitReason.NeedsExpert => "needs a domain expert, and no available expert on the roster has not seen it: add an expert to the roster or lower the expert minimum",
        WaitReason.NoRaterLeft => "every available evaluator on the roster has already seen it: add evaluators to the roster (or reactivate one)",
        _ => "can be taken",
    };

    /// <summary>Whether a roster member could take one of the candidate's free slots, ignoring the cap.</summary>
    private static bool CouldFill(Candidate candidate, RosterSeat seat, PolicySettings settings) =>
        seat.Available && candidate.Holders.Count < settings.K && !candidate.SeenBy.Contains(seat.EvaluatorId) && SlotFits(candidate, seat.Kind, settings);

    private static bool SlotFits(Candidate candidate, EvaluatorKind kind, PolicySettings settings) =>
        SlotOpen(settings.K, settings.MinExperts, candidate.Holders.Count, candidate.ExpertHolders, kind);

    /// <summary>
    /// Whether an evaluator of <paramref name="kind"/> may take one more slot of an example with <paramref name="holders"/>
    /// holders, <paramref name="expertHolders"/> of them domain experts: a slot must be free (holders below k), and the
    /// mix rule: a representative user only while more slots are free than experts are still missing. The claim's
    /// conditional UPDATE restates this in SQL (Data's ClaimConditions), and a test checks the two agree.
    /// </summary>
    public static bool SlotOpen(int k, int minExperts, int holders, int expertHolders, EvaluatorKind kind)
    {
        var freeSlots = k - holders;
        var expertsNeeded = Math.Max(0, minExperts - expertHolders);
        return freeSlots > 0 && (kind == EvaluatorKind.DomainExpert || freeSlots > expertsNeeded);
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
