using HumanEval.Core.Quality;
using HumanEval.Data;
using HumanEval.Data.Workflow;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Web.Tests.Data;

/// <summary>A pause stops new claims with the reason, lets the example in hand be finished, is audited, and lifts.</summary>
public sealed class PauseTests
{
    [Fact]
    public async Task A_paused_evaluator_gets_no_new_example_and_is_told_why_until_the_lead_resumes()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 6, evaluators: 2, k: 1);
        var (work, factory) = wf.Instance();
        var pauses = new Pauses(factory, wf.Clock);
        var held = await work.Queue.NextAsync(evaluators[0], campaignId);
        Assert.True(held.HasWork);

        Assert.True(await pauses.PauseAsync(campaignId, evaluators[0], PauseReason.Manual, "  Please re-read the tone guideline.  ", "lead"));
        Assert.False(await pauses.PauseAsync(campaignId, evaluators[0], PauseReason.StraightLining, null, null)); // one pause in force at a time

        // The example in hand can still be finished; the next claim is refused with the reason.
        Assert.Equal(ClaimOutcome.Resumed, (await work.Queue.NextAsync(evaluators[0], campaignId)).Outcome);
        Assert.Equal(SubmitOutcome.Submitted, (await work.Submissions.SubmitAsync(held.AssignmentId!.Value, evaluators[0], WorkflowDb.FullScores())).Outcome);
        var refused = await work.Queue.NextAsync(evaluators[0], campaignId);
        Assert.Equal(ClaimOutcome.Paused, refused.Outcome);
        Assert.Equal("Your work on this campaign is paused: your lead paused your work here. Note: Please re-read the tone guideline. Your submitted ratings are kept; your lead will review and can resume it.", refused.Reason);
        Assert.True((await work.Queue.NextAsync(evaluators[1], campaignId)).HasWork); // others are not affected
        var active = Assert.Single(await pauses.ActiveAsync(campaignId));
        Assert.Equal((evaluators[0], PauseReason.Manual, "Please re-read the tone guideline.", "lead"), (active.EvaluatorId, active.Reason, active.Details, active.PausedBy));

        Assert.True(await pauses.UnpauseAsync(campaignId, evaluators[0], "lead"));
        Assert.False(await pauses.UnpauseAsync(campaignId, evaluators[0], "lead"));
        Assert.True((await work.Queue.NextAsync(evaluators[0], campaignId)).HasWork);
        Assert.Empty(await pauses.ActiveAsync(campaignId));
        await using var db = await factory.CreateDbContextAsync();
        Assert.Equal([AuditActions.EvaluatorPaused, AuditActions.EvaluatorUnpaused],
            await db.AuditEntries.Where(a => a.Action.StartsWith("evaluator.")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(1, await db.EvaluatorPauses.CountAsync()); // kept, with when and by whom it was lifted
        Assert.Equal("lead", (await db.EvaluatorPauses.SingleAsync()).LiftedBy);
    }
}
