using System.IO.Compression;
using System.Xml.Linq;
using Microsoft.Playwright;

namespace HumanEval.E2E;

[Collection(AppCollection.Name)]
public sealed class LeadConsoleTests(AppServer app)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 30_000 };

    [Fact]
    public async Task A_lead_invites_an_evaluator_who_joins_with_the_link_and_the_lead_downloads_the_workbook()
    {
        var (lead, problems) = await app.NewPageAsync();
        await app.LoginAsync(lead, "lead@demo.local");
        await AppServer.WaitInteractiveAsync(lead);
        await lead.GetByRole(AriaRole.Link, new() { Name = "Evaluators" }).ClickAsync();
        await Assertions.Expect(lead.GetByRole(AriaRole.Heading, new() { Name = "Evaluator pool" })).ToBeVisibleAsync(Visible);
        await AppServer.WaitInteractiveAsync(lead);

        // Invite: the account exists at once, without a password; the link is shown once.
        var email = $"new-{Guid.NewGuid():N}"[..12] + "@demo.local";
        await lead.GetByRole(AriaRole.Button, new() { Name = "Invite evaluator" }).ClickAsync();
        var dialog = lead.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Email").FillAsync(email);
        await dialog.GetByLabel("Display name").FillAsync("Nia Newcomer");
        await dialog.GetByLabel("Expertise tags").FillAsync("billing, mobile");
        await dialog.GetByLabel("Hourly rate").FillAsync("42");
        await dialog.GetByLabel("Weekly hour limit").FillAsync("8");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create invitation" }).ClickAsync();
        var linkBox = dialog.GetByLabel("Invitation link");
        await Assertions.Expect(linkBox).ToBeVisibleAsync(Visible);
        var link = await linkBox.InputValueAsync();
        Assert.Contains("/Account/AcceptInvitation?userId=", link, StringComparison.Ordinal);
        await app.ScreenshotAsync(lead, "lead-invitation-link");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        var row = lead.GetByRole(AriaRole.Row).Filter(new() { HasText = email });
        await Assertions.Expect(row).ToContainTextAsync("invited", new() { Timeout = 30_000 });
        await Assertions.Expect(row).ToContainTextAsync("42 USD/h");

        // The evaluator opens the link in their own browser, sets a password and lands on their work.
        var (evaluator, evaluatorProblems) = await app.NewPageAsync();
        await evaluator.GotoAsync(link);
        await Assertions.Expect(evaluator.GetByText(email)).ToBeVisibleAsync(Visible);
        await evaluator.GetByLabel("Password", new() { Exact = true }).FillAsync("Welcome!2026");
        await evaluator.GetByLabel("Confirm password").FillAsync("Welcome!2026");
        await evaluator.GetByRole(AriaRole.Button, new() { Name = "Set password and start" }).ClickAsync();
        await Assertions.Expect(evaluator.GetByRole(AriaRole.Heading, new() { Name = "My work" })).ToBeVisibleAsync(Visible);
        await app.ScreenshotAsync(evaluator, "evaluator-joined");

        // The link works once.
        var (stranger, _) = await app.NewPageAsync();
        await stranger.GotoAsync(link);
        await Assertions.Expect(stranger.GetByText("This invitation link is not valid any more")).ToBeVisibleAsync(Visible);

        // The lead sees the person as active now, then opens the demo campaign's overview and downloads the workbook.
        await lead.ReloadAsync();
        await AppServer.WaitInteractiveAsync(lead);
        await Assertions.Expect(lead.GetByRole(AriaRole.Row).Filter(new() { HasText = email })).ToContainTextAsync("active", new() { Timeout = 30_000 });
        await lead.GetByRole(AriaRole.Link, new() { Name = "Campaigns" }).ClickAsync();
        await lead.GetByRole(AriaRole.Link, new() { Name = "Demo: support assistant" }).ClickAsync();
        await AppServer.WaitInteractiveAsync(lead);
        await Assertions.Expect(lead.GetByTestId("progress-card")).ToContainTextAsync("examples complete", new() { Timeout = 30_000 });
        await Assertions.Expect(lead.GetByTestId("cost-card")).ToContainTextAsync("budget");
        await app.ScreenshotAsync(lead, "lead-campaign-overview");
        await lead.GetByRole(AriaRole.Tab, new() { Name = "Cost" }).ClickAsync();
        await Assertions.Expect(lead.GetByTestId("cost-spent")).ToBeVisibleAsync(Visible);
        await app.ScreenshotAsync(lead, "lead-campaign-cost");

        var download = await lead.RunAndWaitForDownloadAsync(() => lead.GetByTestId("export-xlsx").ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var workbook = XDocument.Load(zip.GetEntry("xl/workbook.xml")!.Open());
            XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            Assert.Equal(["Summary", "Criteria", "Evaluators", "Versions", "Examples", "Ratings", "Judge"],
                workbook.Root!.Element(main + "sheets")!.Elements(main + "sheet").Select(s => (string)s.Attribute("name")!));
        }
        finally
        {
            File.Delete(path);
        }

        // Last week's campaign of the series (demo history): figures, the trend, the examples grid.
        await lead.GetByRole(AriaRole.Link, new() { Name = "Campaigns" }).ClickAsync();
        await lead.GetByRole(AriaRole.Link, new() { Name = "Support assistant, last week" }).ClickAsync();
        await AppServer.WaitInteractiveAsync(lead);
        await Assertions.Expect(lead.GetByTestId("progress-card")).ToContainTextAsync("20 / 20 examples complete", new() { Timeout = 30_000 });
        await Assertions.Expect(lead.GetByTestId("agreement-card")).ToContainTextAsync("85% target", new() { Timeout = 30_000 });
        await Assertions.Expect(lead.GetByTestId("trend-card")).ToContainTextAsync("Support assistant (weekly)");
        await app.ScreenshotAsync(lead, "lead-history-overview");
        await lead.GetByRole(AriaRole.Tab, new() { Name = "Turnaround" }).ClickAsync();
        await Assertions.Expect(lead.GetByTestId("turnaround-status")).ToContainTextAsync("on time");
        await app.ScreenshotAsync(lead, "lead-history-turnaround");
        await lead.GetByRole(AriaRole.Tab, new() { Name = "Cost" }).ClickAsync();
        await app.ScreenshotAsync(lead, "lead-history-cost");
        await lead.GetByRole(AriaRole.Tab, new() { Name = "Examples" }).ClickAsync();
        await lead.GetByLabel("Search examples").FillAsync("demo-01");
        await Assertions.Expect(lead.GetByRole(AriaRole.Link, new() { Name = "demo-019" })).ToBeVisibleAsync(Visible);
        await Assertions.Expect(lead.GetByRole(AriaRole.Link, new() { Name = "demo-002" })).Not.ToBeVisibleAsync();
        await app.ScreenshotAsync(lead, "lead-history-examples");

        Assert.Empty(problems);
        Assert.Empty(evaluatorProblems);
    }
}
