using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

public sealed record ExampleRating(string Email, DateTime SubmittedAt, IReadOnlyDictionary<string, int> Scores, string? Comment, bool Flagged, string? FlagReason);

public sealed record ExampleJudgeScore(string Criterion, double Score, string Judge, string? Rationale);

public sealed record ExampleDetail(ExampleView Example, string CampaignName, IReadOnlyList<string> Criteria, IReadOnlyList<ExampleRating> Ratings, IReadOnlyList<ExampleJudgeScore> Judge);

/// <summary>One example with every rating and judge score, for leads (evaluators never see this).</summary>
public sealed class ExampleQueries(IDbContextFactory<AppDbContext> factory)
{
    public async Task<ExampleDetail?> DetailAsync(int campaignId, string externalId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var e = await db.Examples.AsNoTracking().Include(x => x.Campaign).SingleOrDefaultAsync(x => x.CampaignId == campaignId && x.ExternalId == externalId, ct);
        if (e is null)
        {
            return null;
        }

        var criteria = await db.Criteria.AsNoTracking().Where(c => c.RubricVersionId == e.Campaign.RubricVersionId).OrderBy(c => c.Position).Select(c => c.Key).ToListAsync(ct);
        var ratings = await db.Ratings.AsNoTracking().Include(r => r.Scores).Where(r => r.ExampleId == e.Id)
            .Join(db.Users, r => r.EvaluatorId, u => u.Id, (r, u) => new { r, u.Email }).ToListAsync(ct);
        var judge = await db.JudgeScores.AsNoTracking().Where(j => j.ExampleId == e.Id).OrderBy(j => j.JudgeModel).ThenBy(j => j.CriterionKey).ToListAsync(ct);
        return new ExampleDetail(
            new ExampleView(e.Id, e.ExternalId, e.Input, e.Output, e.Context, e.Reference),
            e.Campaign.Name,
            criteria,
            ratings.OrderBy(x => x.r.SubmittedAt).Select(x => new ExampleRating(x.Email ?? "", x.r.SubmittedAt,
                x.r.Scores.ToDictionary(s => s.CriterionKey, s => s.Value), x.r.OverallComment, x.r.Flagged, x.r.FlagReason)).ToList(),
            judge.Select(j => new ExampleJudgeScore(j.CriterionKey, j.Score, $"{j.JudgeModel} / {j.JudgePromptVersion}", j.Rationale)).ToList());
    }
}
