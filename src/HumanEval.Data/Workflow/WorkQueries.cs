using HumanEval.Core.Rubrics;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

public sealed record MyCampaign(int Id, string Name, string? Description, int K, int Examples, int MyDone, int OpenForMe, DateTime? DueAt);

public sealed record ExampleView(long Id, string ExternalId, string Input, string Output, string? Context, string? Reference);

public sealed record RatingScreen(
    long AssignmentId, int CampaignId, string CampaignName, string RubricName, string? Guidelines, ExampleView Example,
    IReadOnlyList<CriterionView> Criteria, DateTime ExpiresAt, int MyDone, int OpenForMe, int SessionCapMinutes);

/// <summary>Read models for the evaluator's pages. Evaluators are blind: nothing here exposes other people's scores.</summary>
public sealed class WorkQueries(IDbContextFactory<AppDbContext> factory)
{
    public async Task<IReadOnlyList<MyCampaign>> MyCampaignsAsync(string evaluatorId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Campaigns.AsNoTracking()
            .Where(c => c.State == CampaignState.Open && c.Roster.Any(r => r.EvaluatorId == evaluatorId))
            .OrderBy(c => c.DueAt ?? DateTime.MaxValue).ThenBy(c => c.Name)
            .Select(c => new MyCampaign(
                c.Id, c.Name, c.Description, c.K,
                c.Examples.Count,
                db.Assignments.Count(a => a.CampaignId == c.Id && a.EvaluatorId == evaluatorId && a.State == AssignmentState.Submitted),
                c.Examples.Count(e => e.HolderCount < c.K && !db.Assignments.Any(a => a.ExampleId == e.Id && a.EvaluatorId == evaluatorId)),
                c.DueAt))
            .ToListAsync(ct);
    }

    public async Task<RatingScreen?> ScreenAsync(long assignmentId, string evaluatorId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var a = await db.Assignments.AsNoTracking().Include(x => x.Example)
            .SingleOrDefaultAsync(x => x.Id == assignmentId && x.EvaluatorId == evaluatorId, ct);
        if (a is null)
        {
            return null;
        }

        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.RubricVersion).ThenInclude(v => v.Criteria)
            .SingleAsync(c => c.Id == a.CampaignId, ct);
        var k = campaign.K;
        var myDone = await db.Assignments.CountAsync(x => x.CampaignId == campaign.Id && x.EvaluatorId == evaluatorId && x.State == AssignmentState.Submitted, ct);
        var openForMe = await db.Examples.CountAsync(e => e.CampaignId == campaign.Id && e.HolderCount < k
            && !db.Assignments.Any(x => x.ExampleId == e.Id && x.EvaluatorId == evaluatorId), ct);
        var e = a.Example;
        return new RatingScreen(
            a.Id, campaign.Id, campaign.Name, campaign.RubricVersion.Name, campaign.RubricVersion.Guidelines,
            new ExampleView(e.Id, e.ExternalId, e.Input, e.Output, e.Context, e.Reference),
            campaign.RubricVersion.Criteria.OrderBy(c => c.Position).Select(c => new CriterionView(
                c.Key, c.Label, c.Description, c.Scale, c.Min, c.Max, c.Required,
                c.Anchors.OrderBy(x => x.Level).Select(x => new Anchor(x.Level, x.Text)).ToList())).ToList(),
            a.ExpiresAt, myDone, openForMe, campaign.SessionCapMinutes);
    }

    /// <summary>The evaluator's open session clock, for the time-left display.</summary>
    public async Task<EvaluationSession?> OpenSessionAsync(string evaluatorId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.EvaluationSessions.AsNoTracking().Where(s => s.EvaluatorId == evaluatorId && s.EndedAt == null)
            .OrderByDescending(s => s.StartedAt).FirstOrDefaultAsync(ct);
    }
}
