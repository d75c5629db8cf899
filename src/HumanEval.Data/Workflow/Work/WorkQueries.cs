using HumanEval.Core.Assignment;
using HumanEval.Core.Campaigns;
using HumanEval.Core.Pairwise;
using Criterion = HumanEval.Core.Rubrics.Criterion;
using HumanEval.Core.Rubrics;
using HumanEval.Core.Sessions;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

public sealed record MyCampaign(int Id, string Name, string? Description, int K, int Examples, int MyDone, QueueCount Queue, DateTime? DueAt);

/// <summary>
/// An example as a page shows it. <paramref name="Label"/> is how the page names it: for leads "Example {external id}",
/// for evaluators a neutral "Item {assignment id}" (external ids often carry the version, e.g. <c>refund-v2</c>; invariant 8).
/// </summary>
/// In a pairwise campaign <paramref name="Output"/> is "Response 1" (shown on the left) and <paramref name="SecondOutput"/>
/// "Response 2", already in the order this evaluator sees them (<see cref="DisplayOrder"/>); versions are never named.
public sealed record ExampleView(long Id, string Label, string Input, string Output, string? Context, string? Reference, string? SecondOutput = null);

/// <summary>
/// One claimed example on the rating screen. <paramref name="Criteria"/> is the form: the rubric's criteria, or in a
/// pairwise campaign Core's <see cref="PairwiseForm.Shown"/> form, whose preferences become optional when "both
/// unacceptable" is answered yes (<see cref="CriteriaFor"/>).
/// </summary>
public sealed record RatingScreen(
    long AssignmentId, int CampaignId, string CampaignName, string RubricName, string? Guidelines, ExampleView Example,
    IReadOnlyList<CriterionView> Criteria, DateTime ExpiresAt, int MyDone, QueueCount Queue, SessionPolicy Session,
    CampaignKind Kind = CampaignKind.Absolute, IReadOnlyList<CriterionView>? CriteriaIfBothUnacceptable = null)
{
    public IReadOnlyList<CriterionView> CriteriaFor(IReadOnlyDictionary<string, int> scores) =>
        CriteriaIfBothUnacceptable is { } both && PairwiseForm.BothUnacceptable(scores) ? both : Criteria;
}

/// <summary>Read models for the evaluator's pages. Evaluators are blind: nothing here exposes other people's scores.</summary>
public sealed class WorkQueries(IDbContextFactory<AppDbContext> factory)
{
    public async Task<IReadOnlyList<MyCampaign>> MyCampaignsAsync(string evaluatorId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaigns = await db.Campaigns.AsNoTracking()
            .Where(c => c.State == CampaignState.Open && c.Roster.Any(r => r.EvaluatorId == evaluatorId))
            .OrderBy(c => c.DueAt ?? DateTime.MaxValue).ThenBy(c => c.Name)
            .ToListAsync(ct);
        var list = new List<MyCampaign>();
        foreach (var c in campaigns)
        {
            var (done, queue) = await QueueAsync(db, c, evaluatorId, ct);
            list.Add(new MyCampaign(c.Id, c.Name, c.Description, c.K, await db.Examples.CountAsync(e => e.CampaignId == c.Id, ct), done, queue, c.DueAt));
        }

        return list;
    }

    /// <summary>
    /// What is left for this evaluator: examples with a free slot they have never had, and (for a representative user)
    /// whose free slots are not all kept for experts (the mix rule of <see cref="AssignmentPolicy"/>, restated in SQL for
    /// the count), cut at their fair share (<see cref="QueueCount.Of"/>).
    /// </summary>
    private static async Task<(int Done, QueueCount Queue)> QueueAsync(AppDbContext db, Campaign campaign, string evaluatorId, CancellationToken ct)
    {
        var k = campaign.K;
        var minExperts = campaign.MinExperts;
        var isExpert = await db.EvaluatorProfiles.AnyAsync(p => p.UserId == evaluatorId && p.Type == EvaluatorKind.DomainExpert, ct);
        var mine = db.Assignments.Where(a => a.CampaignId == campaign.Id && a.EvaluatorId == evaluatorId);
        var done = await mine.CountAsync(a => a.State == AssignmentState.Submitted, ct);
        var load = await mine.CountAsync(a => a.State == AssignmentState.Submitted || a.State == AssignmentState.Reserved, ct);
        var open = await db.Examples.CountAsync(e => e.CampaignId == campaign.Id && e.HolderCount < k
            && (isExpert || k - e.HolderCount > minExperts - e.ExpertHolderCount)
            && !mine.Any(x => x.ExampleId == e.Id), ct);
        var settings = await WorkQueue.SettingsAsync(db, campaign, await db.RosterMembers.CountAsync(r => r.CampaignId == campaign.Id, ct), ct);
        return (done, QueueCount.Of(open, load, settings));
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
        var (myDone, queue) = await QueueAsync(db, campaign, evaluatorId, ct);
        var e = a.Example;
        var criteria = campaign.RubricVersion.Criteria.OrderBy(c => c.Position).Select(c => new Criterion(
            c.Key, c.Label, c.Description, c.Scale, c.Min, c.Max, c.Required,
            c.Anchors.OrderBy(x => x.Level).Select(x => new Anchor(x.Level, x.Text)).ToList())).ToList();
        var pairwise = campaign.Kind == CampaignKind.Pairwise;
        var aOnLeft = DisplayOrder.AOnLeft(evaluatorId, DisplayOrderKey(e.Id));
        var example = pairwise
            ? new ExampleView(e.Id, $"Item {a.Id}", e.Input, aOnLeft ? e.Output : e.OutputB ?? "", e.Context, e.Reference, aOnLeft ? e.OutputB ?? "" : e.Output)
            : new ExampleView(e.Id, $"Item {a.Id}", e.Input, e.Output, e.Context, e.Reference);
        static IReadOnlyList<CriterionView> Views(IEnumerable<Criterion> list) => list.Select(CriterionView.From).ToList();
        return new RatingScreen(
            a.Id, campaign.Id, campaign.Name, campaign.RubricVersion.Name, campaign.RubricVersion.Guidelines, example,
            pairwise ? Views(PairwiseForm.Shown(criteria, false)) : Views(criteria),
            a.ExpiresAt, myDone, queue, WorkSessions.PolicyOf(campaign), campaign.Kind,
            pairwise ? Views(PairwiseForm.Shown(criteria, true)) : null);
    }

    /// <summary>The example's part of the (evaluator, example) display-order hash: its database id.</summary>
    public static string DisplayOrderKey(long exampleId) => exampleId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The evaluator's open session as a clock (Core's <see cref="SessionClock"/>), or null.</summary>
    public async Task<SessionClock?> OpenSessionAsync(string evaluatorId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return WorkSessions.ToClock(await db.EvaluationSessions.AsNoTracking().Where(s => s.EvaluatorId == evaluatorId && s.EndedAt == null)
            .OrderByDescending(s => s.StartedAt).FirstOrDefaultAsync(ct));
    }
}
