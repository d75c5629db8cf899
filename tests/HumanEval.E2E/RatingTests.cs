using Microsoft.Playwright;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.E2E;

[Collection(AppCollection.Name)]
public sealed class RatingTests(AppServer app)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 30_000 };

    private static ILocator Group(IPage page, string name) => page.GetByRole(AriaRole.Radiogroup, new() { Name = name, Exact = true });

    private static async Task StartRatingAsync(AppServer app, IPage page, string email)
    {
        await app.LoginAsync(page, email);
        await AppServer.WaitInteractiveAsync(page);
        var demo = page.GetByTestId("my-campaign").Filter(new() { HasText = "Demo: support assistant" });
        await demo.GetByRole(AriaRole.Link, new() { Name = "Start rating" }).ClickAsync();
        await Assertions.Expect(Group(page, "Accuracy")).ToBeVisibleAsync(Visible);
        await AppServer.WaitInteractiveAsync(page);
    }

    /// <summary>Scores every criterion with the keyboard: focus the first group, then digits move from criterion to criterion.</summary>
    private static async Task ScoreWithKeysAsync(IPage page, string digits)
    {
        await Group(page, "Accuracy").GetByRole(AriaRole.Radio).First.FocusAsync();
        foreach (var digit in digits)
        {
            await page.Keyboard.PressAsync(digit.ToString());
        }
    }

    /// <summary>The id of the example on screen once it differs from <paramref name="previous"/>; null when the evaluator has nothing (more) to rate.</summary>
    internal static async Task<string?> WaitForExampleOrEndAsync(IPage page, string? previous)
    {
        // Generous: on CI two servers, chromium and the runner share two cores, and a write may wait out a lock held by the other process.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var id = await page.EvaluateAsync<string?>("() => document.querySelector('[data-testid=example-id]')?.textContent ?? null");
            if (id is not null && id != previous)
            {
                return id;
            }

            if (await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('h1')].some(h => h.textContent === 'You have done your share' || h.textContent === 'All done')"))
            {
                return null;
            }

            await page.WaitForTimeoutAsync(100);
        }

        var text = await page.EvaluateAsync<string>("() => document.querySelector('main')?.innerText ?? document.body.innerText");
        throw new TimeoutException($"neither a new example nor the end of the queue appeared at {page.Url}; the page says: {text}");
    }

    [Fact]
    public async Task An_evaluator_rates_two_examples_and_a_reload_mid_draft_keeps_the_draft()
    {
        var (page, problems) = await app.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        await StartRatingAsync(app, page, "evaluator1@demo.local");
        await app.ScreenshotAsync(page, "rating-first");

        // Submitting with nothing scored names what is missing.
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).GetByText("Accuracy needs a score.")).ToBeVisibleAsync(Visible);

        // First example: keyboard only.
        var firstId = await page.GetByText(new System.Text.RegularExpressions.Regex("^Item [0-9]+$")).TextContentAsync();
        await ScoreWithKeysAsync(page, "43451");
        await Assertions.Expect(page.GetByText("Draft saved")).ToBeVisibleAsync(Visible);
        await Assertions.Expect(Group(page, "Safety").GetByRole(AriaRole.Radio, new() { Name = "Safety Safe", Exact = false })).ToBeCheckedAsync();
        await page.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight)");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.GetByText(new System.Text.RegularExpressions.Regex("^Item [0-9]+$"))).Not.ToHaveTextAsync(firstId!, new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByText("1 done")).ToBeVisibleAsync(Visible);

        // The next example opens from the top with the keyboard on the first criterion: digits score at once.
        await page.WaitForFunctionAsync("() => document.activeElement?.name === 'accuracy' && window.scrollY === 0", null, new() { Timeout = 15_000 });

        // Second example: a partial draft survives a reload.
        await page.Keyboard.PressAsync("2");
        await page.Keyboard.PressAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a comment" }).First.ClickAsync();
        await page.GetByLabel("Comment on accuracy (optional)").FillAsync("Misses the SMS option.");
        await Assertions.Expect(page.GetByText("Draft saved")).ToBeVisibleAsync(Visible);
        await page.WaitForTimeoutAsync(1000);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByText("Draft restored")).ToBeVisibleAsync(Visible);
        await AppServer.WaitInteractiveAsync(page);
        await Assertions.Expect(Group(page, "Accuracy").GetByRole(AriaRole.Radio, new() { Name = "Accuracy 2", Exact = false })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Comment on accuracy (optional)")).ToHaveValueAsync("Misses the SMS option.");
        await app.ScreenshotAsync(page, "rating-draft-restored");

        await ScoreWithKeysAsync(page, "25341");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Assertions.Expect(page.GetByText("2 done")).ToBeVisibleAsync(Visible);

        // A slip noticed later: change the first rating from "My work"; it becomes version 2 and the lead sees why.
        // Evaluators see "Item {assignment id}", never the external id (which can carry the version).
        var first = firstId!.Trim();
        Assert.DoesNotContain("demo-", await page.ContentAsync(), StringComparison.Ordinal);
        await page.GotoAsync($"{app.BaseUrl}/work");
        await AppServer.WaitInteractiveAsync(page);
        var row = page.GetByTestId("recent-ratings").Locator("tr").Filter(new() { HasText = first });
        await row.GetByRole(AriaRole.Link, new() { Name = $"Change your rating of {first}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save changes" })).ToBeVisibleAsync(Visible);
        await AppServer.WaitInteractiveAsync(page);
        await Assertions.Expect(Group(page, "Accuracy").GetByRole(AriaRole.Radio, new() { Name = "Accuracy 4", Exact = false })).ToBeCheckedAsync();
        await page.Locator("label[for=accuracy-2]").ClickAsync();
        await page.GetByLabel("Why are you changing it?").FillAsync("Missed the wrong menu name");
        await page.GetByLabel("Why are you changing it?").BlurAsync();
        await app.ScreenshotAsync(page, "rating-change");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Rating changed; version 2 is now current.")).ToBeVisibleAsync(Visible);
        await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(4)).ToContainTextAsync("2 (changed");

        var (lead, _) = await app.NewPageAsync();
        await app.LoginAsync(lead, "lead@demo.local");
        // The demo seeds last week's closed campaign first, so the open demo campaign is number 2.
        string externalId;
        await using (var db = app.Db())
        {
            var assignmentId = long.Parse(first["Item ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            externalId = await db.Assignments.Where(a => a.Id == assignmentId).Select(a => a.Example.ExternalId).SingleAsync();
        }

        await lead.GotoAsync($"{app.BaseUrl}/campaigns/2/examples/{externalId}");
        await Assertions.Expect(lead.GetByTestId("rating-edited")).ToContainTextAsync("version 2", new() { Timeout = 30_000 });
        await Assertions.Expect(lead.GetByTestId("rating-edited")).ToContainTextAsync("Missed the wrong menu name");
        Assert.Empty(dialogs);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_network_blip_mid_draft_reconnects_the_rating_page_without_losing_the_draft()
    {
        var (page, problems) = await app.NewPageAsync();
        // Every circuit socket goes through this route, so the test can cut the line and refuse reconnections for a while.
        var sockets = new List<(IWebSocketRoute Page, IWebSocketRoute Server)>();
        var offline = false;
        var refused = 0;
        await page.RouteWebSocketAsync(new System.Text.RegularExpressions.Regex("/_blazor"), ws =>
        {
            if (offline)
            {
                Interlocked.Increment(ref refused);
                _ = ws.CloseAsync(new() { Code = 4000, Reason = "offline" });
                return;
            }

            var server = ws.ConnectToServer();
            lock (sockets)
            {
                sockets.Add((ws, server));
            }
        });
        await StartRatingAsync(app, page, "evaluator2@demo.local");
        var example = await page.GetByTestId("example-id").TextContentAsync();
        await page.Locator("label[for=accuracy-3]").ClickAsync();
        await page.Locator("label[for=helpfulness-4]").ClickAsync();
        await Assertions.Expect(Group(page, "Helpfulness").GetByRole(AriaRole.Radio, new() { Name = "Helpfulness 4", Exact = false })).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a comment" }).First.ClickAsync();
        await page.GetByLabel("Comment on accuracy (optional)").FillAsync("Right steps, wrong menu name.");
        await Assertions.Expect(page.GetByText("Draft saved")).ToBeVisibleAsync(Visible);
        // The comment's save waits for a pause in typing; let it land before the line drops.
        await page.WaitForTimeoutAsync(1500);

        // The line drops: both ends of the live socket close, and reconnection attempts fail for a few seconds.
        offline = true;
        List<(IWebSocketRoute Page, IWebSocketRoute Server)> live;
        lock (sockets)
        {
            live = [.. sockets];
        }

        foreach (var (client, server) in live)
        {
            await server.CloseAsync(new() { Code = 4000, Reason = "network blip" });
            await client.CloseAsync(new() { Code = 4000, Reason = "network blip" });
        }

        await page.WaitForTimeoutAsync(5000);
        offline = false;

        // It reconnects to the same circuit: the same example, the scores and the comment still there, and saving works.
        await Assertions.Expect(page.GetByTestId("example-id")).ToHaveTextAsync(example!, new() { Timeout = 60_000 });
        await Assertions.Expect(Group(page, "Helpfulness").GetByRole(AriaRole.Radio, new() { Name = "Helpfulness 4", Exact = false })).ToBeCheckedAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByLabel("Comment on accuracy (optional)")).ToHaveValueAsync("Right steps, wrong menu name.");
        await page.Locator("label[for=tone-5]").ClickAsync();
        await Assertions.Expect(Group(page, "Tone").GetByRole(AriaRole.Radio, new() { Name = "Tone 5", Exact = false })).ToBeCheckedAsync(new() { Timeout = 60_000 });
        await page.WaitForTimeoutAsync(1500);

        // And the server has the draft: a fresh page load restores it.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByText("Draft restored")).ToBeVisibleAsync(Visible);
        await AppServer.WaitInteractiveAsync(page);
        await Assertions.Expect(Group(page, "Tone").GetByRole(AriaRole.Radio, new() { Name = "Tone 5", Exact = false })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Comment on accuracy (optional)")).ToHaveValueAsync("Right steps, wrong menu name.");
        await page.Locator("label[for=completeness-4]").ClickAsync();
        await page.Locator("label[for=safety-1]").ClickAsync();
        await Assertions.Expect(Group(page, "Safety").GetByRole(AriaRole.Radio, new() { Name = "Safety Safe", Exact = false })).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await WaitForExampleOrEndAsync(page, previous: example);
        Assert.True(refused > 0, "the client tried to reconnect while the line was down");
        // Only the expected noise of a dropped socket may appear in the console.
        Assert.DoesNotContain(problems, p => !p.Contains("WebSocket", StringComparison.OrdinalIgnoreCase) && !p.Contains("connection", StringComparison.OrdinalIgnoreCase)
            && !p.Contains("ERR_INTERNET_DISCONNECTED", StringComparison.Ordinal) && !p.Contains("reconnect", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Model_output_with_script_and_img_tags_shows_as_text_and_runs_nothing()
    {
        var (page, problems) = await app.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        var output = page.GetByTestId("model-output");

        // The demo has one such example; rate with evaluators in turn until it comes up (it has three raters).
        var found = false;
        foreach (var email in new[] { "evaluator4@demo.local", "evaluator5@demo.local", "evaluator6@demo.local", "evaluator2@demo.local", "evaluator3@demo.local" })
        {
            await page.Context.ClearCookiesAsync();
            await app.LoginAsync(page, email);
            await AppServer.WaitInteractiveAsync(page);
            var demo = page.GetByTestId("my-campaign").Filter(new() { HasText = "Demo: support assistant" });
            if (await demo.GetByRole(AriaRole.Link, new() { Name = "Start rating" }).CountAsync() == 0)
            {
                continue;
            }

            await demo.GetByRole(AriaRole.Link, new() { Name = "Start rating" }).ClickAsync();
            for (var i = 0; i < 20 && !found; i++)
            {
                var current = await WaitForExampleOrEndAsync(page, previous: null);
                if (current is null)
                {
                    break;
                }

                await AppServer.WaitInteractiveAsync(page);
                if ((await output.TextContentAsync())!.Contains("<script>alert(1)</script>", StringComparison.Ordinal))
                {
                    found = true;
                    break;
                }

                await ScoreWithKeysAsync(page, "44441");
                await page.Keyboard.PressAsync("Control+Enter");
                if (await WaitForExampleOrEndAsync(page, previous: current) is null)
                {
                    break;
                }
            }

            if (found)
            {
                break;
            }
        }

        Assert.True(found, "the demo example with <script> came up");
        await Assertions.Expect(output).ToContainTextAsync("<img src=x onerror=alert(1)>");
        Assert.Equal(0, await output.Locator("script, img").CountAsync());
        await app.ScreenshotAsync(page, "rating-xss-as-text");
        await page.WaitForTimeoutAsync(500);
        Assert.Empty(dialogs);
        Assert.Empty(problems);
    }
}
