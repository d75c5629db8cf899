using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace HumanEval.E2E;

/// <summary>The demo's review queue in a real browser: a reviewer (evaluator 3) resolves a disputed example; the lead sees it decided.</summary>
[Collection(AppCollection.Name)]
public sealed class ReviewTests(AppServer app)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 30_000 };

    [Fact]
    public async Task A_reviewer_resolves_a_disputed_demo_example_and_the_lead_sees_the_decision()
    {
        var (page, problems) = await app.NewPageAsync();
        await app.LoginAsync(page, "evaluator3@demo.local");
        await AppServer.WaitInteractiveAsync(page);
        await page.GetByTestId("reviewer-entry").GetByRole(AriaRole.Link, new() { Name = "decide disputed examples" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-queue")).ToBeVisibleAsync(Visible);
        await AppServer.WaitInteractiveAsync(page);
        var row = page.GetByTestId("review-queue").Locator("tr").Filter(new() { HasText = "demo-001" });
        await Assertions.Expect(row).ToContainTextAsync("spread: accuracy");
        // demo-004 (flagged) was also rated by the demo's straight-liner: the queue says one of its raters carries a behaviour flag.
        await Assertions.Expect(page.GetByTestId("review-queue").Locator("tr").Filter(new() { HasText = "demo-004" })).ToContainTextAsync("⚠ 1");
        await row.GetByRole(AriaRole.Link, new() { Name = "demo-001" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("decision-form")).ToBeVisibleAsync(Visible);
        await AppServer.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("review-causes")).ToContainTextAsync("spread on accuracy");
        await Assertions.Expect(page.GetByTestId("review-ratings")).ToContainTextAsync("States a refund window the context does not give.");
        await page.GetByTestId("hide-names").ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-ratings")).ToContainTextAsync("Rater 1");
        await app.ScreenshotAsync(page, "review-case");

        // Saving without the disputed score names it; then the decision is recorded.
        await page.GetByTestId("decide-save").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).GetByText("Accuracy is disputed: give its final score.")).ToBeVisibleAsync(Visible);
        await page.Locator("label[for=decide-accuracy-2]").ClickAsync();
        await page.Locator("#decide-category").SelectOptionAsync("GuidelineGap");
        await page.GetByRole(AriaRole.Radio, new() { Name = "high confidence" }).CheckAsync();
        await page.GetByLabel("Notes (what decided it; shown to leads)").FillAsync("The rubric gives no refund window; the context does not either.");
        await page.GetByTestId("decide-gap").ClickAsync();
        await page.GetByTestId("decide-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-history")).ToContainTextAsync("v1 · Esther Expert", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("review-consensus")).ToContainTextAsync("adjudicated");
        await app.ScreenshotAsync(page, "review-decided");

        await using (var db = app.Db())
        {
            var decision = await db.ReviewDecisions.AsNoTracking().SingleAsync(d => d.SupersededAt == null && d.Notes!.StartsWith("The rubric gives no refund window"));
            Assert.Equal("{\"accuracy\":2}", decision.Scores);
            Assert.True(decision.GuidelineGap);
        }

        // The lead: the Review tab no longer lists it, shows it when asked, and lists the guideline gap.
        var (lead, _) = await app.NewPageAsync();
        await app.LoginAsync(lead, "lead@demo.local");
        await AppServer.WaitInteractiveAsync(lead);
        await lead.GetByRole(AriaRole.Link, new() { Name = "Campaigns" }).ClickAsync();
        await lead.GetByRole(AriaRole.Link, new() { Name = "Support assistant, last week" }).ClickAsync();
        await AppServer.WaitInteractiveAsync(lead);
        for (var attempt = 1; ; attempt++)
        {
            await lead.GetByRole(AriaRole.Tab, new() { Name = "Review" }).ClickAsync();
            try
            {
                await Assertions.Expect(lead.GetByTestId("rubric-feedback")).ToBeVisibleAsync(new() { Timeout = 15_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }

        await Assertions.Expect(lead.GetByTestId("rubric-feedback")).ToContainTextAsync("demo-001");
        await Assertions.Expect(lead.GetByTestId("review-queue")).Not.ToContainTextAsync("demo-001");

        // The roster shows the demo's straight-liner.
        await lead.GetByRole(AriaRole.Tab, new() { Name = "Roster" }).ClickAsync();
        await Assertions.Expect(lead.Locator("tr").Filter(new() { HasText = "evaluator5@demo.local" }).GetByTestId("behaviour")).ToContainTextAsync("straight-lining", new() { Timeout = 30_000 });
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_lead_pauses_an_evaluator_who_then_sees_why_and_resumes_them()
    {
        var campaignId = await app.SeedCampaignAsync("Pause check", ["evaluator4@demo.local"], examples: 3, k: 1);
        var (lead, problems) = await app.NewPageAsync();
        await app.LoginAsync(lead, "lead@demo.local");
        await lead.GotoAsync($"/campaigns/{campaignId}");
        await AppServer.WaitInteractiveAsync(lead);
        var row = lead.Locator("tr").Filter(new() { HasText = "evaluator4@demo.local" });
        for (var attempt = 1; ; attempt++)
        {
            await lead.GetByRole(AriaRole.Tab, new() { Name = "Roster" }).ClickAsync();
            try
            {
                await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "Pause evaluator4@demo.local's work" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }

        await lead.GetByLabel("Note for a pause (shown to the evaluator; optional)").FillAsync("Please re-read the tone guideline first.");
        await lead.GetByLabel("Note for a pause (shown to the evaluator; optional)").BlurAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Pause evaluator4@demo.local's work" }).ClickAsync();
        await Assertions.Expect(row.GetByTestId("paused")).ToContainTextAsync("paused (manual", new() { Timeout = 30_000 });

        var (evaluator, _) = await app.NewPageAsync();
        await app.LoginAsync(evaluator, "evaluator4@demo.local");
        await evaluator.GotoAsync($"/work/{campaignId}");
        await AppServer.WaitInteractiveAsync(evaluator);
        await Assertions.Expect(evaluator.GetByRole(AriaRole.Heading, new() { Name = "Your work here is paused", Level = 1 })).ToBeVisibleAsync(Visible);
        await Assertions.Expect(evaluator.GetByText("Note: Please re-read the tone guideline first.", new() { Exact = false })).ToBeVisibleAsync();
        await app.ScreenshotAsync(evaluator, "evaluator-paused");

        await row.GetByRole(AriaRole.Button, new() { Name = "Resume evaluator4@demo.local's work" }).ClickAsync();
        await Assertions.Expect(row.GetByTestId("paused")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await evaluator.ReloadAsync();
        await Assertions.Expect(evaluator.GetByTestId("example-id")).ToBeVisibleAsync(Visible);
        Assert.Empty(problems);
    }
}
