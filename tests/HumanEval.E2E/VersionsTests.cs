using Microsoft.Playwright;

namespace HumanEval.E2E;

[Collection(AppCollection.Name)]
public sealed class VersionsTests(AppServer app)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 30_000 };

    [Fact]
    public async Task A_lead_opens_Versions_on_last_weeks_demo_and_reads_the_decision()
    {
        var (lead, problems) = await app.NewPageAsync();
        await app.LoginAsync(lead, "lead@demo.local");
        await AppServer.WaitInteractiveAsync(lead);
        await lead.GetByRole(AriaRole.Link, new() { Name = "Campaigns" }).ClickAsync();
        await lead.GetByRole(AriaRole.Link, new() { Name = "Support assistant, last week" }).ClickAsync();
        await AppServer.WaitInteractiveAsync(lead);
        await lead.GetByRole(AriaRole.Tab, new() { Name = "Versions" }).ClickAsync();

        var card = lead.GetByTestId("decision-card");
        await Assertions.Expect(card).ToBeVisibleAsync(Visible);
        await Assertions.Expect(lead.GetByTestId("decision-headline")).ToContainTextAsync("Ship v2: P(better) ", new() { Timeout = 30_000 });
        await Assertions.Expect(lead.GetByTestId("decision-headline")).ToContainTextAsync("72 h passed");
        await Assertions.Expect(card).ToContainTextAsync("paired on 9 inputs rated under both versions");
        await Assertions.Expect(lead.GetByTestId("versions-table")).ToContainTextAsync("Accuracy");
        await Assertions.Expect(lead.GetByTestId("versions-table")).ToContainTextAsync("failing");
        Assert.Contains("Overall +", await lead.GetByTestId("forest-plot").GetAttributeAsync("aria-label"), StringComparison.Ordinal);
        await app.ScreenshotAsync(lead, "lead-versions-ship");
        await lead.SetViewportSizeAsync(760, 1000); // a narrow window: the table scrolls inside its box, nothing overflows the page
        Assert.True(await lead.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"));
        await app.ScreenshotAsync(lead, "lead-versions-narrow");
        await lead.SetViewportSizeAsync(1366, 860);

        // This week's open campaign has no ratings yet: the card says what is missing instead of guessing.
        await lead.GetByRole(AriaRole.Link, new() { Name = "Campaigns" }).ClickAsync();
        await lead.GetByRole(AriaRole.Link, new() { Name = "Demo: support assistant" }).ClickAsync();
        await AppServer.WaitInteractiveAsync(lead);
        await lead.GetByRole(AriaRole.Tab, new() { Name = "Versions" }).ClickAsync();
        await Assertions.Expect(lead.GetByTestId("decision-headline")).ToContainTextAsync("Not yet", new() { Timeout = 30_000 });
        await app.ScreenshotAsync(lead, "lead-versions-not-yet");
        Assert.Empty(problems);
    }
}
