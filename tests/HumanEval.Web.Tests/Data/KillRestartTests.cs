using System.Diagnostics;
using System.Globalization;
using HumanEval.Data.Entities;
using HumanEval.Data.Workflow;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Web.Tests.Data;

public sealed class KillRestartTests
{
    [Fact]
    public async Task A_process_killed_mid_work_loses_no_submitted_rating_or_draft_and_its_reservations_resume_then_expire()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 400, evaluators: 8);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "HumanEval.Bench.dll"), "worker", wf.Path, campaignId.ToString(CultureInfo.InvariantCulture) }.Concat(evaluators))
        {
            start.ArgumentList.Add(arg);
        }

        var drafts = new Dictionary<long, string>();
        var submitted = new HashSet<long>();
        using (var worker = Process.Start(start)!)
        {
            _ = worker.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (submitted.Count < 40 && DateTime.UtcNow < deadline && await worker.StandardOutput.ReadLineAsync() is { } line)
            {
                var parts = line.Split(' ');
                if (parts[0] == "DRAFT")
                {
                    drafts[long.Parse(parts[1], CultureInfo.InvariantCulture)] = parts[2];
                }
                else if (parts[0] == "SUBMITTED")
                {
                    submitted.Add(long.Parse(parts[1], CultureInfo.InvariantCulture));
                }
            }

            // SIGKILL, mid-work: no shutdown, no flush, connections die with the process.
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
        }

        Assert.True(submitted.Count >= 40, "the worker made progress before the kill");
        var (work, factory) = wf.Instance();
        await using var db = await factory.CreateDbContextAsync();
        Assert.Equal("ok", await db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync() is [var check] ? check : "several");

        // Every rating the worker reported is there, exactly once, with its scores.
        var ratings = await db.Ratings.AsNoTracking().Include(r => r.Scores).ToListAsync();
        foreach (var id in submitted)
        {
            var rating = Assert.Single(ratings, r => r.AssignmentId == id);
            Assert.Equal(5, rating.Scores.Count);
        }

        // Every draft reported without its submit is either still a live draft, or was submitted just before the kill.
        var states = await db.Assignments.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.State);
        var unsubmitted = drafts.Keys.Where(id => !submitted.Contains(id)).ToList();
        foreach (var id in unsubmitted)
        {
            if (states[id] == AssignmentState.Submitted)
            {
                Assert.Single(ratings, r => r.AssignmentId == id);
                continue;
            }

            Assert.Equal(AssignmentState.Reserved, states[id]);
            var draft = await work.Drafts.LoadDraftAsync(id, drafts[id]);
            Assert.NotNull(draft);
            Assert.Equal(5, draft.Scores["tone"]);
            Assert.Equal("friendly", draft.Comments["tone"]);
        }

        // The counters agree with the rows: no slot was lost or taken twice by the kill.
        await AssertCountersAsync(db);

        // Restart: the evaluator comes back before the reservation times out and gets the same example with the draft.
        wf.Clock.Now = DateTime.UtcNow;
        var live = await db.Assignments.AsNoTracking().Where(a => a.State == AssignmentState.Reserved).ToListAsync();
        Assert.NotEmpty(live);
        var back = live[0];
        var resumed = await work.Queue.NextAsync(back.EvaluatorId, campaignId);
        Assert.Equal((ClaimOutcome.Resumed, back.Id), (resumed.Outcome, resumed.AssignmentId!.Value));

        // Nobody comes back for the rest: after the timeout their examples return to the pool.
        wf.Clock.Now = DateTime.UtcNow.AddHours(1);
        Assert.True(await work.Reservations.ExpireAsync(campaignId) >= live.Count - 1);
        db.ChangeTracker.Clear();
        Assert.Equal(0, await db.Assignments.CountAsync(a => a.State == AssignmentState.Reserved && a.ExpiresAt <= wf.Clock.Now));
        await AssertCountersAsync(db);
    }

    private static async Task AssertCountersAsync(HumanEval.Data.AppDbContext db)
    {
        var examples = await db.Examples.AsNoTracking().Select(e => new
        {
            e.HolderCount,
            e.SubmittedCount,
            Holders = db.Assignments.Count(a => a.ExampleId == e.Id && (a.State == AssignmentState.Reserved || a.State == AssignmentState.Submitted)),
            Ratings = db.Ratings.Count(r => r.ExampleId == e.Id),
        }).ToListAsync();
        Assert.All(examples, e =>
        {
            Assert.Equal(e.Holders, e.HolderCount);
            Assert.Equal(e.Ratings, e.SubmittedCount);
            Assert.InRange(e.SubmittedCount, 0, 3);
        });
    }
}
