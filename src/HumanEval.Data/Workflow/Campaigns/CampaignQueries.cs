using HumanEval.Core.Campaigns;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

public sealed record CampaignRow(
    int Id, string Name, CampaignState State, Cadence Cadence, string Rubric, int RubricVersion, int K, int Roster,
    int Examples, int Complete, int Ratings, int InProgress, DateTime? DueAt, int TurnaroundTargetHours,
    decimal Spent = 0, decimal? Budget = null, string Currency = "USD", CampaignKind Kind = CampaignKind.Absolute);

/// <summary>Campaign overviews for leads.</summary>
public sealed class CampaignQueries(IDbContextFactory<AppDbContext> factory)
{
    public async Task<IReadOnlyList<CampaignRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var spent = await db.Ratings.AsNoTracking().GroupBy(r => r.CampaignId).Select(g => new { g.Key, Spent = g.Sum(r => r.Cost) }).ToDictionaryAsync(x => x.Key, x => x.Spent, ct);
        var rows = await db.Campaigns.AsNoTracking()
            .OrderBy(c => c.State).ThenByDescending(c => c.CreatedAt)
            .Select(c => new CampaignRow(
                c.Id, c.Name, c.State, c.Cadence, c.RubricVersion.Name, c.RubricVersion.Number, c.K, c.Roster.Count,
                c.Examples.Count,
                c.Examples.Count(e => e.SubmittedCount >= c.K),
                db.Ratings.Count(r => r.CampaignId == c.Id),
                db.Assignments.Count(a => a.CampaignId == c.Id && a.State == AssignmentState.Reserved),
                c.DueAt, c.TurnaroundTargetHours, 0m, c.Budget, c.Currency, c.Kind))
            .ToListAsync(ct);
        return rows.Select(r => r with { Spent = spent.GetValueOrDefault(r.Id) }).ToList();
    }
}
