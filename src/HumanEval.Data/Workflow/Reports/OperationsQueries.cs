using HumanEval.Core.Assignment;
using HumanEval.Core.Campaigns;
using HumanEval.Core.Operations;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

/// <summary>Examples with free slots that nobody on the roster can take now, by reason (Core's <see cref="AssignmentPolicy.WhyWaiting"/>), and the ratings they still miss.</summary>
public sealed record WaitingGroup(WaitReason Reason, int Examples, int MissingRatings);

public sealed record CampaignProgress(int Examples, int Complete, int InProgress, int Open, int Ratings, int Slots, IReadOnlyList<WaitingGroup>? Waiting = null)
{
    public int WaitingExamples => Waiting?.Sum(w => w.Examples) ?? 0;


    public double Fraction => Slots == 0 ? 0 : (double)Ratings / Slots;
}

public sealed record DayCount(DateTime Day, int Ratings);

public sealed record CampaignCost(string Currency, CostSummary Summary, IReadOnlyList<string> OtherCurrencies);

public sealed record WatchedExample(long Id, string ExternalId, DateTime ImportedAt, int Submitted, TurnaroundStatus Status, double AgeHours);

public sealed record CampaignTurnaround(TurnaroundSummary Summary, IReadOnlyList<WatchedExample> Watch);

public sealed record CampaignOperations(string Name, int K, CampaignProgress Progress, IReadOnlyList<DayCount> PerDay, CampaignCost Cost, CampaignTurnaround Turnaround);

/// <summary>One campaign of a series: mean score and alpha per criterion, to see drift in quality over time.</summary>
public sealed record TrendPoint(int CampaignId, string Name, DateTime CreatedAt, IReadOnlyDictionary<string, double?> MeanScore, IReadOnlyDictionary<string, double?> Alpha);

/// <summary>What a lead watches: progress, ratings per day, cost and turnaround (arithmetic in Core), and trends across a series.</summary>
public sealed class OperationsQueries(IDbContextFactory<AppDbContext> factory, AgreementQueries agreement, TimeProvider clock)
{
    public const int PerDayWindow = 14;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<CampaignOperations?> ComputeAsync(int campaignId, CancellationToken ct = default)
    {
        var now = Now;
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null)
        {
            return null;
        }

        var k = campaign.K;
        var examples = await db.Examples.AsNoTracking().Where(e => e.CampaignId == campaignId)
            .Select(e => new { e.Id, e.ExternalId, e.ImportedAt, e.CompletedAt, e.SubmittedCount, e.HolderCount, e.ExpertHolderCount }).ToListAsync(ct);
        var ratings = examples.Sum(e => e.SubmittedCount);
        var complete = examples.Count(e => e.SubmittedCount >= k);
        var inProgress = examples.Count(e => e.SubmittedCount < k && e.HolderCount > 0);
        var notFull = examples.Where(e => e.HolderCount < k).Select(e => (e.Id, e.HolderCount, e.ExpertHolderCount)).ToList();
        var waiting = campaign.State == CampaignState.Open ? await WaitingAsync(db, campaign, notFull, now, ct) : [];
        var progress = new CampaignProgress(examples.Count, complete, inProgress, examples.Count - complete - inProgress, ratings, examples.Count * k, waiting);

        var since = now.Date.AddDays(-(PerDayWindow - 1));
        var days = await db.Ratings.AsNoTracking().Where(r => r.CampaignId == campaignId && r.SubmittedAt >= since)
            .GroupBy(r => r.SubmittedAt.Date).Select(g => new { Day = g.Key, Count = g.Count() }).ToListAsync(ct);
        var perDay = Enumerable.Range(0, PerDayWindow).Select(i => since.AddDays(i))
            .Select(d => new DayCount(d, days.FirstOrDefault(x => x.Day == d)?.Count ?? 0)).ToList();

        var cost = await CostAsync(db, campaign, examples.Where(e => e.SubmittedCount >= k).Select(e => e.Id).ToHashSet(), progress, now, ct);

        var firstRating = await db.Ratings.Where(r => r.CampaignId == campaignId).MinAsync(r => (DateTime?)r.SubmittedAt, ct);
        var lastDay = await db.Ratings.CountAsync(r => r.CampaignId == campaignId && r.SubmittedAt > now.AddDays(-1), ct);
        var summary = TurnaroundRules.Summarize(examples.Select(e => (e.ImportedAt, e.CompletedAt)).ToList(), campaign.TurnaroundTargetHours,
            progress.Slots - ratings, firstRating, lastDay, now, waiting.Sum(w => w.MissingRatings));
        var watch = examples.Where(e => e.CompletedAt is null)
            .Select(e => new WatchedExample(e.Id, e.ExternalId, e.ImportedAt, e.SubmittedCount, TurnaroundRules.StatusOf(e.ImportedAt, null, campaign.TurnaroundTargetHours, now), (now - e.ImportedAt).TotalHours))
            .Where(w => w.Status is TurnaroundStatus.Breached or TurnaroundStatus.AtRisk)
            .OrderByDescending(w => w.AgeHours).ThenBy(w => w.ExternalId, StringComparer.Ordinal).Take(20).ToList();

        return new CampaignOperations(campaign.Name, k, progress, perDay, cost, new CampaignTurnaround(summary, watch));
    }

    /// <summary>Examples of an open campaign waiting for a rater nobody on the roster can be, by reason (for the roster tab).</summary>
    public async Task<IReadOnlyList<WaitingGroup>> WaitingAsync(int campaignId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is not { State: CampaignState.Open })
        {
            return [];
        }

        var k = campaign.K;
        var notFull = (await db.Examples.AsNoTracking().Where(e => e.CampaignId == campaignId && e.HolderCount < k)
            .Select(e => new { e.Id, e.HolderCount, e.ExpertHolderCount }).ToListAsync(ct))
            .Select(e => (e.Id, e.HolderCount, e.ExpertHolderCount)).ToList();
        return await WaitingAsync(db, campaign, notFull, Now, ct);
    }

    /// <summary>
    /// Which examples with free slots nobody on the roster can take, and why. Examples nobody has touched share one
    /// answer, so a campaign of 100,000 fresh examples costs one classification, not 100,000.
    /// </summary>
    private static async Task<IReadOnlyList<WaitingGroup>> WaitingAsync(AppDbContext db, Campaign campaign, IReadOnlyList<(long Id, int Holders, int Experts)> notFull, DateTime now, CancellationToken ct)
    {
        if (notFull.Count == 0)
        {
            return [];
        }

        var roster = await WorkQueue.RosterSeatsAsync(db, campaign.Id, now, ct);
        var settings = await WorkQueue.SettingsAsync(db, campaign, roster.Count, ct);
        var k = campaign.K;
        var touched = (await db.Assignments.AsNoTracking()
                .Where(a => a.CampaignId == campaign.Id && a.Example.HolderCount < k)
                .Select(a => new { a.ExampleId, a.EvaluatorId, a.State }).ToListAsync(ct))
            .ToLookup(a => a.ExampleId);
        var fresh = AssignmentPolicy.WhyWaiting(new Candidate(0, "", [], 0), settings, roster);
        var reasons = notFull.Select(e =>
        {
            var reason = touched.Contains(e.Id)
                ? AssignmentPolicy.WhyWaiting(new Candidate(e.Id, "",
                    touched[e.Id].Where(a => a.State is AssignmentState.Reserved or AssignmentState.Submitted).Select(a => WorkQueue.Key(a.EvaluatorId)).ToList(),
                    e.Experts, touched[e.Id].Select(a => WorkQueue.Key(a.EvaluatorId)).ToHashSet()), settings, roster)
                : fresh;
            return (Reason: reason, Missing: k - e.Holders);
        });
        return reasons.Where(r => r.Reason != WaitReason.None).GroupBy(r => r.Reason)
            .Select(g => new WaitingGroup(g.Key, g.Count(), g.Sum(r => r.Missing))).OrderBy(g => g.Reason).ToList();
    }

    private static async Task<CampaignCost> CostAsync(AppDbContext db, Campaign campaign, HashSet<long> completeIds, CampaignProgress progress, DateTime now, CancellationToken ct)
    {
        var id = campaign.Id;
        var perExample = await db.Ratings.AsNoTracking().Where(r => r.CampaignId == id)
            .GroupBy(r => r.ExampleId).Select(g => new { g.Key, Cost = g.Sum(r => r.Cost) }).ToListAsync(ct);
        var currencies = await db.Ratings.AsNoTracking().Where(r => r.CampaignId == id).Select(r => r.Currency).Distinct().ToListAsync(ct);
        var live = await db.Assignments.CountAsync(a => a.CampaignId == id && a.State == AssignmentState.Reserved && a.ExpiresAt > now, ct);
        var spent = perExample.Sum(p => p.Cost);
        var summary = CostRules.Summarize(spent, progress.Ratings, perExample.Where(p => completeIds.Contains(p.Key)).Select(p => p.Cost).ToList(),
            Math.Max(0, progress.Slots - progress.Ratings), live, campaign.Budget);
        return new CampaignCost(campaign.Currency, summary, currencies.Where(c => c != campaign.Currency).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The campaigns of a series that have ratings, oldest first (at most the last <paramref name="take"/>).</summary>
    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(string series, int take = 12, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => c.Series == series && db.Ratings.Any(r => r.CampaignId == c.Id))
            .OrderByDescending(c => c.CreatedAt).Take(take).Select(c => new { c.Id, c.Name, c.CreatedAt }).ToListAsync(ct);
        var points = new List<TrendPoint>();
        foreach (var c in campaigns.OrderBy(c => c.CreatedAt))
        {
            var report = await agreement.ComputeAsync(c.Id, intervals: false, ct: ct);
            points.Add(new TrendPoint(c.Id, c.Name, c.CreatedAt,
                report.Criteria.ToDictionary(r => r.Key, r => r.MeanScore),
                report.Criteria.ToDictionary(r => r.Key, r => r.Alpha)));
        }

        return points;
    }
}
