using HumanEval.Data;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace HumanEval.E2E;

/// <summary>Two app processes on one database, as behind a load balancer: sign-in, reservations and the claim invariants hold across them.</summary>
[Collection(AppCollection.Name)]
public sealed class TwoInstancesTests(AppServer app)
{
    private static readonly string[] Evaluators =
        ["evaluator1@demo.local", "evaluator2@demo.local", "evaluator3@demo.local", "evaluator4@demo.local", "evaluator5@demo.local", "evaluator6@demo.local"];

    private AppDbContext Db() => app.Db();

    /// <summary>A campaign of its own (6 examples, k = 2, the six demo evaluators), so other tests' ratings do not matter.</summary>
    private Task<int> SeedCampaignAsync(string name) => app.SeedCampaignAsync(name, Evaluators, examples: 6, k: 2);

    [Fact]
    public async Task Evaluators_split_over_two_instances_never_exceed_k_nor_repeat_and_a_reservation_follows_them_across()
    {
        var other = await app.StartSecondInstanceAsync();
        var campaignId = await SeedCampaignAsync("Two instances");
        var instances = new[] { app.BaseUrl, other };

        // One evaluator claims on the first instance, then the load balancer sends them to the second: signed in there
        // (shared keys), and the same reservation comes back.
        var (mover, _) = await app.NewPageAsync();
        await app.LoginAsync(mover, Evaluators[0]);
        await mover.GotoAsync($"{app.BaseUrl}/work/{campaignId}");
        var claimed = await RatingTests.WaitForExampleOrEndAsync(mover, previous: null);
        Assert.NotNull(claimed);
        await mover.GotoAsync($"{other}/work/{campaignId}");
        Assert.StartsWith(other, mover.Url, StringComparison.Ordinal);
        Assert.Equal(claimed, await RatingTests.WaitForExampleOrEndAsync(mover, previous: null));
        await mover.Context.CloseAsync();

        // Six evaluators rate at once, half of them through each instance, until nothing is left for them.
        var done = await Task.WhenAll(Evaluators.Select(async (email, i) =>
        {
            var (page, problems) = await app.NewPageAsync();
            await app.LoginAsync(page, email);
            await page.GotoAsync($"{instances[i % 2]}/work/{campaignId}");
            var rated = new List<string>();
            string? previous = null;
            while (await RatingTests.WaitForExampleOrEndAsync(page, previous) is { } current)
            {
                await AppServer.WaitInteractiveAsync(page);
                foreach (var level in new[] { "accuracy-4", "helpfulness-4", "tone-4", "completeness-4", "safety-1" })
                {
                    await page.Locator($"label[for={level}]").ClickAsync();
                }

                await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Safety Safe", Exact = false })).ToBeCheckedAsync(new() { Timeout = 30_000 });
                await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
                rated.Add(current);
                previous = current;
            }

            Assert.Empty(problems);
            await page.Context.CloseAsync();
            return (email, rated);
        }));

        await using var db = Db();
        var ratings = await db.Ratings.AsNoTracking().Where(r => r.CampaignId == campaignId).Select(r => new { r.ExampleId, r.EvaluatorId }).ToListAsync();
        Assert.Equal(12, ratings.Count);
        Assert.Equal(12, done.Sum(d => d.rated.Count));
        Assert.All(ratings.GroupBy(r => r.ExampleId), g => Assert.Equal((2, 2), (g.Count(), g.Select(r => r.EvaluatorId).Distinct().Count())));
        Assert.All(await db.Examples.AsNoTracking().Where(e => e.CampaignId == campaignId).ToListAsync(), e => Assert.Equal((2, 2), (e.HolderCount, e.SubmittedCount)));
        Assert.Equal(12, await db.Assignments.CountAsync(a => a.CampaignId == campaignId && a.State == AssignmentState.Submitted));
        Assert.Equal(0, await db.Assignments.CountAsync(a => a.CampaignId == campaignId && a.State == AssignmentState.Reserved));
    }

    [Fact]
    public async Task A_server_killed_mid_draft_restarts_with_the_submitted_rating_the_draft_and_the_reservation()
    {
        var server = await app.StartSecondInstanceAsync();
        var campaignId = await SeedCampaignAsync("Killed server");
        var (page, _) = await app.NewPageAsync();
        await app.LoginAsync(page, "evaluator3@demo.local");
        await page.GotoAsync($"{server}/work/{campaignId}");

        // One rating submitted, then half of the next one entered (autosaved).
        var first = await RatingTests.WaitForExampleOrEndAsync(page, previous: null);
        await AppServer.WaitInteractiveAsync(page);
        foreach (var level in new[] { "accuracy-2", "helpfulness-3", "tone-4", "completeness-5", "safety-1" })
        {
            await page.Locator($"label[for={level}]").ClickAsync();
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Safety Safe", Exact = false })).ToBeCheckedAsync(new() { Timeout = 30_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        var second = await RatingTests.WaitForExampleOrEndAsync(page, previous: first);
        Assert.NotNull(second);
        await AppServer.WaitInteractiveAsync(page);
        await page.Locator("label[for=accuracy-5]").ClickAsync();
        await page.Locator("label[for=tone-2]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a comment" }).First.ClickAsync();
        await page.GetByLabel("Comment on accuracy (optional)").FillAsync("Correct, and cites the policy.");
        await Assertions.Expect(page.GetByText("Draft saved")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.WaitForTimeoutAsync(1500);

        int sessionsBefore;
        await using (var before = Db())
        {
            sessionsBefore = await before.EvaluationSessions.CountAsync(s => before.Users.Any(u => u.Id == s.EvaluatorId && u.Email == "evaluator3@demo.local"));
        }

        // SIGKILL: the circuit and everything in the process's memory are gone.
        await app.KillAndRestartSecondInstanceAsync();
        // The page's reconnect logic may itself reload once the new process rejects the old circuit; either way, load it again.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await page.GotoAsync($"{server}/work/{campaignId}");
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                await page.WaitForTimeoutAsync(500);
            }
        }

        // The same example comes back (the reservation lives in the database) with the draft, and the session goes on.
        Assert.Equal(second, await RatingTests.WaitForExampleOrEndAsync(page, previous: null));
        await Assertions.Expect(page.GetByText("Draft restored")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await AppServer.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Accuracy 5", Exact = false })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Tone 2", Exact = false })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Comment on accuracy (optional)")).ToHaveValueAsync("Correct, and cites the policy.");
        await Assertions.Expect(page.GetByText("1 done")).ToBeVisibleAsync();
        foreach (var level in new[] { "helpfulness-4", "completeness-4", "safety-1" })
        {
            await page.Locator($"label[for={level}]").ClickAsync();
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Safety Safe", Exact = false })).ToBeCheckedAsync(new() { Timeout = 30_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await RatingTests.WaitForExampleOrEndAsync(page, previous: second);

        await using var db = Db();
        var mine = await db.Ratings.AsNoTracking().Include(r => r.Scores)
            .Where(r => r.CampaignId == campaignId && db.Users.Any(u => u.Id == r.EvaluatorId && u.Email == "evaluator3@demo.local")).ToListAsync();
        Assert.Equal(2, mine.Count);
        // Evaluators see a neutral "Item {assignment id}", never the external id.
        var secondId = (await db.Assignments.Where(a => a.CampaignId == campaignId).Select(a => new { a.Id, a.ExampleId }).ToListAsync())
            .Single(a => $"Item {a.Id}" == second).ExampleId;
        var after = mine.Single(r => r.ExampleId == secondId);
        Assert.Equal("Correct, and cites the policy.", after.Scores.Single(s => s.CriterionKey == "accuracy").Comment);
        Assert.Equal(2, after.Scores.Single(s => s.CriterionKey == "tone").Value);
        // The same sitting goes on: the restart opened no new session.
        Assert.Equal(sessionsBefore, await db.EvaluationSessions.CountAsync(s => db.Users.Any(u => u.Id == s.EvaluatorId && u.Email == "evaluator3@demo.local")));
    }
}
