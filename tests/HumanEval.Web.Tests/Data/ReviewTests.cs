using HumanEval.Core.Quality;
using HumanEval.Data;
using HumanEval.Data.Entities;
using HumanEval.Data.Workflow;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Web.Tests.Data;

/// <summary>The review queue on real ratings, a decision as versions with audit, who may decide, and the consensus it makes.</summary>
public sealed class ReviewTests
{
    [Fact]
    public async Task A_reviewer_decides_a_disputed_example_as_versions_and_the_consensus_says_adjudicated()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 3, evaluators: 4, k: 3);
        var (work, factory) = wf.Instance();
        // Three raters per example; ex-0000 gets accuracy 1, 3, 5 (disputed), the others agree; one rater flags ex-0001.
        var plan = new Dictionary<string, int[]> { ["ex-0000"] = [1, 3, 5], ["ex-0001"] = [4, 4, 4], ["ex-0002"] = [4, 5, 4] };
        var seen = new Dictionary<string, int>();
        foreach (var evaluator in evaluators.Take(3))
        {
            while (await work.Queue.NextAsync(evaluator, campaignId) is { HasWork: true } claim)
            {
                await using var db = await factory.CreateDbContextAsync();
                var id = await db.Assignments.Where(a => a.Id == claim.AssignmentId).Select(a => a.Example.ExternalId).SingleAsync();
                var n = seen[id] = seen.GetValueOrDefault(id) + 1;
                var scores = WorkflowDb.FullScores(4);
                var input = scores with { Scores = new Dictionary<string, int>(scores.Scores) { ["accuracy"] = plan[id][n - 1] }, Flagged = id == "ex-0001" && n == 1, FlagReason = id == "ex-0001" && n == 1 ? "odd wording" : null };
                Assert.Equal(SubmitOutcome.Submitted, (await work.Submissions.SubmitAsync(claim.AssignmentId!.Value, evaluator, input)).Outcome);
            }
        }

        var queries = new ReviewQueries(factory, new JudgeImporter(factory, wf.Clock));
        var queue = (await queries.QueueAsync(campaignId))!;
        Assert.Equal(["ex-0000", "ex-0001"], queue.Select(q => q.ExternalId));
        Assert.Equal([new ReviewCause(ReviewReason.Spread, "accuracy")], queue[0].Causes);
        Assert.Equal(0, queue[0].Agreement);
        Assert.Equal(["ex-0001"], (await queries.QueueAsync(campaignId, ReviewReason.Flagged))!.Select(q => q.ExternalId));
        Assert.Empty((await queries.QueueAsync(campaignId, reviewerId: evaluators[0]))!); // they rated both: not theirs to review
        Assert.Equal([1, 1], (await queries.QueueAsync(campaignId, flaggedEvaluators: new HashSet<string> { evaluators[1] }))!.Select(q => q.FlaggedRaters)); // e1 rated both
        Assert.Equal(["ex-0000", "ex-0001"], (await queries.QueueAsync(campaignId, reviewerId: evaluators[3]))!.Select(q => q.ExternalId)); // complete, unrated by them

        var desk = new ReviewDesk(factory, queries, new JudgeImporter(factory, wf.Clock), wf.Clock);
        var rater = await work.Queue.NextAsync(evaluators[3], campaignId); // the fourth evaluator rated nothing
        Assert.Equal(["Only leads and evaluators marked as reviewers can decide disputed examples."],
            (await desk.DecideAsync(campaignId, "ex-0000", evaluators[3], false, new DecisionInput(new Dictionary<string, int> { ["accuracy"] = 3 }, ReviewConfidence.High, DisagreementCategory.EvaluatorError, null, false), null)).Problems);
        Assert.True(await desk.SetReviewerAsync(evaluators[0], true, "lead"));
        Assert.True(await desk.SetReviewerAsync(evaluators[3], true, "lead"));
        Assert.Equal(["You rated this example, so someone else reviews it: no one adjudicates their own rating."],
            (await desk.DecideAsync(campaignId, "ex-0000", evaluators[0], false, new DecisionInput(new Dictionary<string, int> { ["accuracy"] = 3 }, ReviewConfidence.High, DisagreementCategory.EvaluatorError, null, false), null)).Problems);
        var incomplete = await desk.DecideAsync(campaignId, "ex-0000", evaluators[3], false, new DecisionInput(new Dictionary<string, int> { ["tone"] = 9 }, ReviewConfidence.High, DisagreementCategory.EvaluatorError, null, false), null);
        Assert.Equal(["Accuracy is disputed: give its final score.", "Tone must be between 1 and 5."], incomplete.Problems);

        var decided = await desk.DecideAsync(campaignId, "ex-0000", evaluators[3], false,
            new DecisionInput(new Dictionary<string, int> { ["accuracy"] = 2 }, ReviewConfidence.Medium, DisagreementCategory.GuidelineGap, "The rubric says nothing about partial refunds.", true), null);
        Assert.True(decided.Ok, decided.Message);
        var gap = Assert.Single(await queries.FeedbackAsync(campaignId)); // on the rubric-feedback list
        Assert.Equal(("ex-0000", "The rubric says nothing about partial refunds."), (gap.ExternalId, gap.Notes));
        Assert.Equal(["accuracy"], gap.Criteria);
        Assert.Equal(["Someone decided this example after you opened it. Reload to see their decision."],
            (await desk.DecideAsync(campaignId, "ex-0000", evaluators[3], false, new DecisionInput(new Dictionary<string, int> { ["accuracy"] = 3 }, ReviewConfidence.High, DisagreementCategory.EdgeCase, null, false), null)).Problems);
        Assert.True((await desk.DecideAsync(campaignId, "ex-0000", "lead-id", true, new DecisionInput(new Dictionary<string, int> { ["accuracy"] = 3 }, ReviewConfidence.High, DisagreementCategory.EdgeCase, null, false), 1)).Ok);

        // The queue no longer holds it (unless asked); the consensus is adjudicated; ratings are untouched; both versions and audit entries exist.
        Assert.Equal(["ex-0001"], (await queries.QueueAsync(campaignId))!.Select(q => q.ExternalId));
        Assert.Equal(2, (await queries.QueueAsync(campaignId, includeDecided: true))!.Single(q => q.ExternalId == "ex-0000").DecisionVersion);
        var consensus = await queries.ConsensusAsync(campaignId);
        Assert.Equal((3, Provenance.Adjudicated), (consensus["ex-0000"].Single(c => c.Criterion == "accuracy").Value, consensus["ex-0000"].Single(c => c.Criterion == "accuracy").Provenance));
        Assert.Equal((4, Provenance.Unanimous), (consensus["ex-0002"].Single(c => c.Criterion == "accuracy").Value, consensus["ex-0002"].Single(c => c.Criterion == "accuracy").Provenance));
        Assert.Empty(await queries.FeedbackAsync(campaignId)); // the current version (the lead's) found no gap
        var review = (await desk.CaseAsync(campaignId, "ex-0000"))!;
        Assert.Equal([1, 2], review.Decisions.Select(d => d.Version));
        Assert.Equal(3, review.Ratings.Count);
        Assert.Equal([1, 3, 5], review.Ratings.Select(r => r.Scores["accuracy"]).Order());
        await using (var db = await factory.CreateDbContextAsync())
        {
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.ReviewDecided));
            Assert.Equal(1, await db.ReviewDecisions.CountAsync(d => d.SupersededAt == null));
            Assert.Equal([1, 3, 5], (await db.Scores.Where(s => s.CriterionKey == "accuracy").Join(db.Ratings.Where(r => r.ExampleId == review.Example.Id), s => s.RatingId, r => r.Id, (s, _) => s.Value).ToListAsync()).Order());
        }

        Assert.False(rater.HasWork); // nothing left for the fourth evaluator: k = 3 everywhere
    }

    [Fact]
    public async Task The_roster_behaviour_flags_a_straight_liner_and_a_random_clicker_and_not_the_honest()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 60, evaluators: 4, k: 3, configure: c => c.FairShareSlack = null);
        var (work, factory) = wf.Instance();
        var random = new Random(3);
        // Rounds of claims so every evaluator rates about 45 examples: e0 straight-lines, e1 clicks at random, e2 and e3 rate the true quality with noise.
        for (var round = 0; round < 60; round++)
        {
            foreach (var (evaluator, i) in evaluators.Select((e, i) => (e, i)))
            {
                if (await work.Queue.NextAsync(evaluator, campaignId) is not { HasWork: true } claim)
                {
                    continue;
                }

                await using var db = await factory.CreateDbContextAsync();
                var position = await db.Assignments.Where(a => a.Id == claim.AssignmentId).Select(a => a.Example.Position).SingleAsync();
                var quality = 1 + (position * 7 % 5);
                // Honest raters see each criterion's own quality (criteria differ by example), with a little noise.
                int Score(int criterion) => i switch
                {
                    0 => 4,
                    1 => random.Next(1, 6),
                    _ => Math.Clamp(quality + ((position + criterion) % 3) - 1 + (random.Next(4) == 0 ? random.Next(-1, 2) : 0), 1, 5),
                };
                var input = new DraftInput(new Dictionary<string, int> { ["accuracy"] = Score(0), ["helpfulness"] = Score(1), ["tone"] = Score(2), ["completeness"] = Score(3), ["safety"] = 1 },
                    new Dictionary<string, string>(), null, false, null, i == 3 ? 12 : 90);
                Assert.Equal(SubmitOutcome.Submitted, (await work.Submissions.SubmitAsync(claim.AssignmentId!.Value, evaluator, input)).Outcome);
            }
        }

        var flags = await new BehaviourQueries(factory).ForCampaignAsync(campaignId);
        Assert.True(flags[evaluators[0]].Checks.StraightLiningFlag);
        Assert.True(flags[evaluators[1]].Outlier.Flagged, $"clicker: {flags[evaluators[1]].Outlier}");
        Assert.False(flags[evaluators[2]].Flagged, $"honest: {flags[evaluators[2]]}");
        Assert.True(flags[evaluators[3]].Checks.FastFlag); // 12 s a rating: under the 20 s minimum
        Assert.False(flags[evaluators[3]].Checks.StraightLiningFlag);
    }
}
