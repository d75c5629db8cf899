using HumanEval.Core.Campaigns;
using HumanEval.Core.Quality;
using HumanEval.Core.Rubrics;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

/// <summary>One evaluator's behaviour in a campaign: Core's speed and straight-lining checks and the outlier test.</summary>
public sealed record EvaluatorBehaviour(string EvaluatorId, Behaviour Checks, OutlierResult Outlier)
{
    public bool Flagged => Checks.FastFlag || Checks.StraightLiningFlag || Outlier.Flagged;
}

/// <summary>
/// Reads each evaluator's current ratings of an absolute campaign in submission order and hands them to Core
/// (<see cref="BehaviourFlags"/>, <see cref="OutlierTest"/>). An outlier deviation is, per rating, the mean over the
/// ordinal criteria of |score − the median of the example's other raters|; the reference distribution is every
/// other evaluator's deviations in the same campaign. Ratings of examples nobody else rated carry no deviation.
/// </summary>
public sealed class BehaviourQueries(IDbContextFactory<AppDbContext> factory)
{
    public async Task<IReadOnlyDictionary<string, EvaluatorBehaviour>> ForCampaignAsync(int campaignId, int minSeconds = BehaviourFlags.DefaultMinSeconds, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null || campaign.Kind != CampaignKind.Absolute)
        {
            return new Dictionary<string, EvaluatorBehaviour>();
        }

        var ordinal = (await db.RuleCriteriaAsync(campaign.RubricVersionId, ct)).Where(c => c.Scale == ScaleType.Ordinal).Select(c => c.Key).ToList();
        var ratings = await db.Ratings.AsNoTracking().Where(r => r.CampaignId == campaignId).OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.ExampleId, r.EvaluatorId, r.ActiveSeconds, Scores = r.Scores.Select(s => new { s.CriterionKey, s.Value }).ToList() }).ToListAsync(ct);
        var scores = ratings.ToDictionary(r => r.Id, r => ordinal.Select(k => r.Scores.FirstOrDefault(s => s.CriterionKey == k)?.Value).ToArray());
        var byExample = ratings.GroupBy(r => r.ExampleId).ToDictionary(g => g.Key, g => g.Select(r => r.Id).ToList());
        double? Deviation(long ratingId, long exampleId)
        {
            var mine = scores[ratingId];
            var parts = new List<double>();
            for (var c = 0; c < ordinal.Count; c++)
            {
                var others = byExample[exampleId].Where(id => id != ratingId).Select(id => scores[id][c]).OfType<int>().Order().ToList();
                if (mine[c] is { } v && others.Count > 0)
                {
                    var median = others.Count % 2 == 1 ? others[others.Count / 2] : (others[(others.Count / 2) - 1] + others[others.Count / 2]) / 2.0;
                    parts.Add(Math.Abs(v - median));
                }
            }

            return parts.Count == 0 ? null : parts.Average();
        }

        var deviations = ratings.Select(r => (r.EvaluatorId, Deviation: Deviation(r.Id, r.ExampleId))).Where(x => x.Deviation is not null).ToList();
        return ratings.GroupBy(r => r.EvaluatorId).ToDictionary(g => g.Key, g =>
        {
            var checks = BehaviourFlags.Check(g.Select(r => new RatedItem(r.ExampleId.ToString(System.Globalization.CultureInfo.InvariantCulture), r.ActiveSeconds,
                scores[r.Id].OfType<int>().ToList())).ToList(), minSeconds);
            var own = deviations.Where(d => d.EvaluatorId == g.Key).Select(d => d.Deviation!.Value).ToList();
            var reference = deviations.Where(d => d.EvaluatorId != g.Key).Select(d => d.Deviation!.Value).ToList();
            return new EvaluatorBehaviour(g.Key, checks, OutlierTest.Run(own, reference));
        }, StringComparer.Ordinal);
    }
}
