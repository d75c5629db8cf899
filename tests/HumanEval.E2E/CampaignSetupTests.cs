using Microsoft.Playwright;

namespace HumanEval.E2E;

[Collection(AppCollection.Name)]
public sealed class CampaignSetupTests(AppServer app)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 30_000 };

    private static async Task UploadAsync(IPage page, string path, ILocator answer)
    {
        await page.Locator("#example-file").SetInputFilesAsync(path);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and import" }).ClickAsync();
        await Assertions.Expect(answer).ToBeVisibleAsync(Visible);
        await AppServer.WaitInteractiveAsync(page);
    }

    [Fact]
    public async Task A_lead_creates_a_campaign_imports_examples_picks_a_roster_and_opens_it()
    {
        var (page, problems) = await app.NewPageAsync();
        await app.LoginAsync(page, "lead@demo.local");
        await AppServer.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "New campaign" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New campaign" })).ToBeVisibleAsync(Visible);
        await AppServer.WaitInteractiveAsync(page);
        await page.GetByLabel("Name").FillAsync("Weekly check: billing answers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("campaign-state")).ToHaveTextAsync("draft", new() { Timeout = 30_000 });
        await AppServer.WaitInteractiveAsync(page);

        // A file with a bad line is refused as a whole, naming the line.
        var bad = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.csv");
        var latin1 = Path.Combine(Path.GetTempPath(), $"latin1-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(latin1, System.Text.Encoding.Latin1.GetBytes("external_id,input,output\nc1,Café order,ok\n"));
        var good = Path.Combine(Path.GetTempPath(), $"good-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(bad, "external_id,input,output\nb1,How much is Pro?,$12\nb2,,missing input\n");
        await File.WriteAllLinesAsync(good, Enumerable.Range(1, 6).Select(i =>
            $"{{\"external_id\":\"bill-{i}\",\"input\":\"Billing question {i}\",\"output\":\"Answer {i} with **markdown**\",\"model\":\"m{i % 2}\",\"prompt_version\":\"v1\"}}"));
        try
        {
            await UploadAsync(page, bad, page.GetByRole(AriaRole.Alert).GetByText("line 3"));
            await Assertions.Expect(page.GetByText("nothing was written")).ToBeVisibleAsync();
            await UploadAsync(page, latin1, page.GetByRole(AriaRole.Alert).GetByText("byte offset 31 (0xE9) is not valid UTF-8"));
            await UploadAsync(page, good, page.GetByText("Imported 6 examples"));
        }
        finally
        {
            File.Delete(bad);
            File.Delete(latin1);
            File.Delete(good);
        }

        await page.GetByRole(AriaRole.Tab, new() { Name = "Roster" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Suggest a rotated panel of 6" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add them" }).ClickAsync();
        await Assertions.Expect(page.GetByText("3 domain experts · 3 representative users")).ToBeVisibleAsync(Visible);
        await app.ScreenshotAsync(page, "lead-campaign-roster");

        await page.GetByRole(AriaRole.Button, new() { Name = "Open for rating" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("campaign-state")).ToHaveTextAsync("open", new() { Timeout = 30_000 });
        await page.GetByRole(AriaRole.Tab, new() { Name = "Settings" }).ClickAsync();
        await app.ScreenshotAsync(page, "lead-campaign-settings");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task The_new_campaign_form_clears_a_fixed_error_reads_the_due_date_in_the_browsers_culture_and_a_draft_can_be_deleted()
    {
        var (page, problems) = await app.NewPageAsync(locale: "de-DE");
        await app.LoginAsync(page, "lead@demo.local");
        await page.GotoAsync("/campaigns/new");
        await AppServer.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        var alert = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Give the campaign a name." });
        await Assertions.Expect(alert).ToBeVisibleAsync(Visible);

        await page.GetByLabel("Name").FillAsync("Created by mistake");
        await page.GetByLabel("Description").FocusAsync();
        await Assertions.Expect(alert).ToHaveCountAsync(0, new() { Timeout = 30_000 });

        await Assertions.Expect(page.GetByText("As dd.mm.yyyy (de-DE, from your browser)")).ToBeVisibleAsync(Visible);
        var due = page.GetByLabel("Due date");
        await due.FillAsync("24.12.2026");
        await due.PressAsync("Tab");
        await Assertions.Expect(due).ToHaveValueAsync("24.12.2026");
        await app.ScreenshotAsync(page, "lead-new-campaign-de");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("campaign-state")).ToHaveTextAsync("draft", new() { Timeout = 30_000 });
        await AppServer.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Settings" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Due date")).ToHaveValueAsync("24.12.2026");

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete draft" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete draft" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Campaigns", Level = 1 })).ToBeVisibleAsync(Visible);
        await Assertions.Expect(page.GetByText("Deleted the draft \"Created by mistake\".")).ToBeVisibleAsync(Visible);
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Created by mistake" })).ToHaveCountAsync(0);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_lead_opens_the_agreement_report_of_the_demo_campaign()
    {
        var (page, problems) = await app.NewPageAsync();
        await app.LoginAsync(page, "lead@demo.local");
        await AppServer.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Demo: support assistant" }).ClickAsync();
        await AppServer.WaitInteractiveAsync(page);

        // An LLM judge's scores for the demo examples.
        var judge = Path.Combine(Path.GetTempPath(), $"judge-{Guid.NewGuid():N}.csv");
        var badJudge = Path.Combine(Path.GetTempPath(), $"judge-bad-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(badJudge, ["external_id,criterion,score", "demo-001,accuracy,x", "nope,accuracy,4"]);
        await File.WriteAllLinesAsync(judge, ["external_id,criterion,score,judge_model,judge_prompt_version",
            .. Enumerable.Range(1, 20).Select(i => $"demo-{i:D3},accuracy,{1 + (i % 5)},judge-llm,p3")]);
        try
        {
            await page.GetByRole(AriaRole.Tab, new() { Name = "Examples" }).ClickAsync();
            // Every problem at once: the file's own (line 2) and the campaign's (line 3).
            await page.Locator("#judge-file").SetInputFilesAsync(badJudge);
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload judge scores" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert).GetByText("no example 'nope'")).ToBeVisibleAsync(Visible);
            await Assertions.Expect(page.GetByRole(AriaRole.Alert).GetByText("'x' is not a number")).ToBeVisibleAsync();
            await AppServer.WaitInteractiveAsync(page);
            await page.GetByRole(AriaRole.Tab, new() { Name = "Examples" }).ClickAsync();
            await page.Locator("#judge-file").SetInputFilesAsync(judge);
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload judge scores" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Imported 20 judge scores")).ToBeVisibleAsync(Visible);
        }
        finally
        {
            File.Delete(judge);
            File.Delete(badJudge);
        }

        await AppServer.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Agreement report" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Agreement report", Level = 1 })).ToBeVisibleAsync(Visible);
        await Assertions.Expect(page.GetByText("judge-llm / p3 (20 scores)")).ToBeVisibleAsync(Visible);
        await Assertions.Expect(page.GetByTestId("criteria-agreement").Or(page.GetByRole(AriaRole.Heading, new() { Name = "No ratings yet" })).First).ToBeVisibleAsync(Visible);
        await app.ScreenshotAsync(page, "lead-agreement-report");
        Assert.Empty(problems);
    }
}
