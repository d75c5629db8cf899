namespace HumanEval.Core.Assignment;

/// <summary>An evaluator in the pool, with when they last sat on a roster (null: never).</summary>
public sealed record PoolMember(long EvaluatorId, EvaluatorKind Kind, DateTime? LastRosteredAt, int CampaignsLastQuarter);

/// <summary>
/// Rotation across campaigns: pick a roster of <c>size</c> from the pool, preferring people who sat out longest (never
/// rostered first, then the oldest last roster, then the fewest recent campaigns), while keeping at least
/// <c>minExperts</c> domain experts and <c>minUsers</c> representative users when the pool has them.
/// </summary>
public static class PanelSuggestion
{
    /// <summary>How far back a member's last panel and co-ratings count for rotation.</summary>
    public static readonly TimeSpan RecentWindow = TimeSpan.FromDays(90);

    public static IReadOnlyList<PoolMember> Suggest(IEnumerable<PoolMember> pool, int size, int minExperts, int minUsers, long seed)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var ordered = pool
            .OrderBy(p => p.LastRosteredAt ?? DateTime.MinValue)
            .ThenBy(p => p.CampaignsLastQuarter)
            .ThenBy(p => AssignmentPolicy.Tiebreak(seed, 0, p.EvaluatorId))
            .ToList();
        var panel = new List<PoolMember>();
        panel.AddRange(ordered.Where(p => p.Kind == EvaluatorKind.DomainExpert).Take(Math.Min(minExperts, size)));
        panel.AddRange(ordered.Where(p => p.Kind == EvaluatorKind.RepresentativeUser).Take(Math.Min(minUsers, size - panel.Count)));
        panel.AddRange(ordered.Where(p => !panel.Contains(p)).Take(size - panel.Count));
        return panel.OrderBy(ordered.IndexOf).ToList();
    }
}
