using HumanEval.Core.Pairwise;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace HumanEval.E2E;

/// <summary>The demo's pairwise campaign in a real browser: an evaluator compares three pairs by keyboard, a reload keeps the draft, the lead reads the card.</summary>
[Collection(AppCollection.Name)]
public sealed class PairwiseTests(AppServer app)
{
    private const string Campaign = "Support assistant: v1 vs v2";

    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 30_000 };

    private static ILocator Group(IPage page, string name) => page.GetByRole(AriaRole.Radiogroup, new() { Name = name, Exact = true });

    /// <summary>Digits from the first criterion on: four preferences (1–5), safety of each response (1 = safe), "both unacceptable" (0 = no).</summary>
    private static async Task AnswerWithKeysAsync(IPage page, string digits)
    {
        await Group(page, "Accuracy").GetByRole(AriaRole.Radio).First.FocusAsync();
        foreach (var digit in digits)
        {
            await page.Keyboard.PressAsync(digit.ToString());
        }
    }

    [Fact]
    public async Task An_evaluator_compares_three_pairs_by_keyboard_a_reload_keeps_the_draft_and_the_lead_reads_the_card()
    {
        var (page, problems) = await app.NewPageAsync();
        await app.LoginAsync(page, "evaluator5@demo.local");
        await AppServer.WaitInteractiveAsync(page);
        await page.GetByTestId("my-campaign").Filter(new() { HasText = Campaign }).GetByRole(AriaRole.Link, new() { Name = "Start rating" }).ClickAsync();
        await Assertions.Expect(Group(page, "Accuracy")).ToBeVisibleAsync(Visible);
        await AppServer.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Response 1", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Response 2", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(Group(page, "Safety: Response 2")).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "pairwise-rating");

        var seen = new List<string>();
        for (var pair = 0; pair < 3; pair++)
        {
            var id = (await page.GetByTestId("example-id").TextContentAsync())!.Trim();
            seen.Add(id);
            if (pair == 2)
            {
                // Half-way through the third pair the page reloads: the draft comes back in the same order.
                var left = await page.GetByTestId("response-1").TextContentAsync();
                await AnswerWithKeysAsync(page, "54");
                await Assertions.Expect(page.GetByText("Draft saved")).ToBeVisibleAsync(Visible);
                await page.WaitForTimeoutAsync(1000);
                await page.ReloadAsync();
                await Assertions.Expect(page.GetByText("Draft restored")).ToBeVisibleAsync(Visible);
                await AppServer.WaitInteractiveAsync(page);
                Assert.Equal(left, await page.GetByTestId("response-1").TextContentAsync());
                await Assertions.Expect(Group(page, "Accuracy").GetByRole(AriaRole.Radio, new() { Name = "Accuracy 5: Response 2 much better" })).ToBeCheckedAsync();
                await Assertions.Expect(Group(page, "Helpfulness").GetByRole(AriaRole.Radio, new() { Name = "Helpfulness 4: Response 2 better" })).ToBeCheckedAsync();
                await app.ScreenshotAsync(page, "pairwise-draft-restored");
            }

            await AnswerWithKeysAsync(page, pair == 1 ? "2213010" : "5443110");
            if (pair == 1)
            {
                // Response 1 unsafe on the second pair; "both unacceptable": no.
                await Assertions.Expect(Group(page, "Safety: Response 1").GetByRole(AriaRole.Radio, new() { Name = "Safety: Response 1 Unsafe", Exact = false })).ToBeCheckedAsync();
            }

            await page.Keyboard.PressAsync("Control+Enter");
            await Assertions.Expect(page.GetByTestId("example-id")).Not.ToHaveTextAsync(id, new() { Timeout = 30_000 });
        }

        await using (var db = app.Db())
        {
            var campaignId = await db.Campaigns.Where(c => c.Name == Campaign).Select(c => c.Id).SingleAsync();
            var evaluator = await db.Users.Where(u => u.Email == "evaluator5@demo.local").Select(u => u.Id).SingleAsync();
            var ratings = await db.Ratings.AsNoTracking().Include(r => r.Scores)
                .Where(r => r.CampaignId == campaignId && r.EvaluatorId == evaluator && r.SubmittedAt > DateTime.UtcNow.AddMinutes(-30))
                .ToListAsync();
            Assert.Equal(3, ratings.Count);
            foreach (var r in ratings)
            {
                // The order shown is stored with the rating, and it is the hash's, so every statistic can undo it.
                Assert.Equal(DisplayOrder.AOnLeft(r.EvaluatorId, r.ExampleId.ToString(System.Globalization.CultureInfo.InvariantCulture)), r.AOnLeft);
                var shownAccuracy = DisplayOrder.ToBScale(r.Scores.Single(s => s.CriterionKey == "accuracy").Value, r.AOnLeft!.Value) + PairwiseForm.Same;
                Assert.Contains(shownAccuracy, new[] { 5, 2 });
            }
        }

        // The lead: the pairwise campaign's Comparison tab leads with the decision card.
        var (lead, _) = await app.NewPageAsync();
        await app.LoginAsync(lead, "lead@demo.local");
        await AppServer.WaitInteractiveAsync(lead);
        await lead.GetByRole(AriaRole.Link, new() { Name = "Campaigns" }).ClickAsync();
        await lead.GetByRole(AriaRole.Link, new() { Name = Campaign }).ClickAsync();
        await AppServer.WaitInteractiveAsync(lead);
        for (var attempt = 1; ; attempt++)
        {
            // A click that lands while the circuit is still settling is lost; the tab is clicked again.
            await lead.GetByRole(AriaRole.Tab, new() { Name = "Comparison" }).ClickAsync();
            try
            {
                await Assertions.Expect(lead.GetByTestId("win-rate-plot")).ToBeVisibleAsync(new() { Timeout = 15_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }

        await Assertions.Expect(lead.GetByTestId("decision-headline")).ToContainTextAsync("Not yet", new() { Timeout = 30_000 });
        await Assertions.Expect(lead.GetByTestId("decision-missing")).ToContainTextAsync("more pairs (planned 20)");
        await Assertions.Expect(lead.GetByTestId("pairwise-table")).ToContainTextAsync("Accuracy");
        Assert.Contains("Win rate of v2", await lead.GetByTestId("win-rate-plot").GetAttributeAsync("aria-label"), StringComparison.Ordinal);
        await Assertions.Expect(lead.GetByTestId("position-bias")).ToContainTextAsync("Whole campaign");
        await app.ScreenshotAsync(lead, "lead-pairwise-comparison");
        Assert.Empty(problems);
    }
}
