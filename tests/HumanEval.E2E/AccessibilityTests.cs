using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace HumanEval.E2E;

/// <summary>
/// The axe-core engine (WCAG 2.1 A and AA rules) over every page a person uses, in the state they see it, as the role
/// that uses it: no violations. The campaign page is scanned on each of its tabs.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AccessibilityTests(AppServer app)
{
    private static readonly AxeRunOptions Wcag21 = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    public static TheoryData<string?, string> Pages() => new()
    {
        { null, "/Account/Login" },
        { null, "/Account/ForgotPassword" },
        { "evaluator5@demo.local", "/Account/Manage" },
        { "evaluator5@demo.local", "/Account/Manage/ChangePassword" },
        { "lead@demo.local", "/not-found" },
        { "lead@demo.local", "/campaigns" },
        { "lead@demo.local", "/campaigns/new" },
        { "lead@demo.local", "/campaigns/1/report" },
        { "lead@demo.local", "/evaluators" },
        { "lead@demo.local", "/rubrics" },
        { "lead@demo.local", "/audit" },
        { "admin@demo.local", "/admin/users" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_has_no_WCAG_violations(string? user, string path)
    {
        var page = await OpenAsync(user, path);
        await AssertCleanAsync(page, path);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_tab_of_a_campaign_and_an_example_have_no_WCAG_violations()
    {
        var page = await OpenAsync("lead@demo.local", "/campaigns/1");
        var tabs = await page.GetByRole(AriaRole.Tab).CountAsync();
        Assert.True(tabs >= 5, $"{tabs} tabs");
        for (var i = 0; i < tabs; i++)
        {
            var tab = page.GetByRole(AriaRole.Tab).Nth(i);
            await tab.ClickAsync();
            await AssertCleanAsync(page, $"/campaigns/1 tab {await tab.TextContentAsync()}");
        }

        await page.GetByRole(AriaRole.Tab, new() { Name = "Examples", Exact = true }).ClickAsync();
        var example = page.Locator("a[href*='campaigns/1/examples/']").First;
        var href = await example.GetAttributeAsync("href");
        await example.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/examples/", StringComparison.Ordinal));
        await AppServer.WaitInteractiveAsync(page);
        await AssertCleanAsync(page, href!);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_versions_tab_with_its_decision_table_and_forest_plot_has_no_WCAG_violations()
    {
        var page = await OpenAsync("lead@demo.local", "/campaigns");
        await page.GetByRole(AriaRole.Link, new() { Name = "Support assistant, last week" }).ClickAsync();
        await AppServer.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Versions" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("forest-plot")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await AssertCleanAsync(page, "last week's campaign, Versions tab (Ship)");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_pairwise_rating_screen_comparison_tab_and_report_page_have_no_WCAG_violations()
    {
        var page = await OpenAsync("evaluator6@demo.local", "/work");
        await page.GetByTestId("my-campaign").Filter(new() { HasText = "Support assistant: v1 vs v2" }).GetByRole(AriaRole.Link, new() { Name = "Start rating" }).ClickAsync();
        await page.GetByTestId("response-2").WaitForAsync(new() { Timeout = 30_000 });
        await AppServer.WaitInteractiveAsync(page);
        await page.Locator("label[for=accuracy-4]").ClickAsync();
        await AssertCleanAsync(page, "pairwise rating screen (one preference chosen)");
        await page.SetViewportSizeAsync(600, 900); // stacked responses on a narrow screen
        await AssertCleanAsync(page, "pairwise rating screen (narrow)");
        await page.Context.CloseAsync();

        var lead = await OpenAsync("lead@demo.local", "/campaigns");
        await lead.GetByRole(AriaRole.Link, new() { Name = "Support assistant: v1 vs v2" }).ClickAsync();
        await AppServer.WaitInteractiveAsync(lead);
        await lead.GetByRole(AriaRole.Tab, new() { Name = "Comparison" }).ClickAsync();
        await Assertions.Expect(lead.GetByTestId("win-rate-plot")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await AssertCleanAsync(lead, "pairwise campaign, Comparison tab");
        await lead.GetByRole(AriaRole.Tab, new() { Name = "Examples" }).ClickAsync();
        await AssertCleanAsync(lead, "pairwise campaign, Examples tab (pair-up form)");
        await lead.GetByRole(AriaRole.Link, new() { Name = "Pairwise report" }).ClickAsync();
        await Assertions.Expect(lead.GetByTestId("win-rate-plot")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await AssertCleanAsync(lead, "pairwise report page");
        await lead.Context.CloseAsync();
    }

    [Fact]
    public async Task The_review_queue_and_a_disputed_example_have_no_WCAG_violations()
    {
        var page = await OpenAsync("lead@demo.local", "/review");
        await page.GetByTestId("review-queue").WaitForAsync(new() { Timeout = 30_000 });
        await AssertCleanAsync(page, "/review (queue)");
        await page.GotoAsync("/campaigns/1/review/demo-003");
        await AppServer.WaitInteractiveAsync(page);
        await page.GetByTestId("decision-form").WaitForAsync(new() { Timeout = 30_000 });
        await page.GetByTestId("decide-save").ClickAsync(); // with its error shown
        await page.GetByRole(AriaRole.Alert).First.WaitForAsync();
        await AssertCleanAsync(page, "/campaigns/1/review/demo-003 (decision form with an error)");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_form_showing_its_errors_and_a_freshly_created_API_key_have_no_WCAG_violations()
    {
        var page = await OpenAsync("lead@demo.local", "/campaigns/new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await page.GetByRole(AriaRole.Alert).First.WaitForAsync();
        await AssertCleanAsync(page, "/campaigns/new (validation errors)");

        await page.GotoAsync("/campaigns/2");
        await AppServer.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "API keys" }).ClickAsync();
        await page.GetByLabel("Key name").FillAsync("a11y-sampler");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke key a11y-sampler" }).WaitForAsync();
        await AssertCleanAsync(page, "/campaigns/2 API keys (key just created)");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_evaluators_pages_have_no_WCAG_violations()
    {
        var campaignId = await app.SeedCampaignAsync("Accessibility", ["evaluator6@demo.local"], examples: 1, k: 1);
        var page = await OpenAsync("evaluator6@demo.local", "/work");
        await AssertCleanAsync(page, "/work");

        // The rating page mid-rating (a score, a comment box open), then the finished queue.
        await page.GotoAsync($"/work/{campaignId}");
        await AppServer.WaitInteractiveAsync(page);
        await page.Locator("label[for=accuracy-4]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a comment" }).First.ClickAsync();
        await AssertCleanAsync(page, $"/work/{campaignId} (rating, one score and a comment box)");
        foreach (var level in new[] { "helpfulness-4", "tone-4", "completeness-4", "safety-1" })
        {
            await page.Locator($"label[for={level}]").ClickAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await page.GetByTestId("example-id").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await AssertCleanAsync(page, $"/work/{campaignId} (nothing left)");

        // My work with the submitted rating, and the page that changes it.
        await page.GotoAsync("/work");
        await AppServer.WaitInteractiveAsync(page);
        await page.GetByTestId("recent-ratings").GetByRole(AriaRole.Link).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).WaitForAsync();
        await AppServer.WaitInteractiveAsync(page);
        await AssertCleanAsync(page, "/work/ratings/…/edit");

        // A page of the wrong role: the access-denied page.
        await page.GotoAsync("/campaigns");
        await page.WaitForURLAsync(url => url.Contains("AccessDenied", StringComparison.Ordinal));
        await AssertCleanAsync(page, "/Account/AccessDenied");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_invitation_and_profile_dialogs_have_no_WCAG_violations()
    {
        var page = await OpenAsync("lead@demo.local", "/evaluators");
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite evaluator" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).WaitForAsync();
        await AssertCleanAsync(page, "/evaluators (invite dialog)");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit evaluator1@demo.local" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).WaitForAsync();
        await AssertCleanAsync(page, "/evaluators (profile dialog)");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_user_administration_dialogs_have_no_WCAG_violations()
    {
        var page = await OpenAsync("admin@demo.local", "/admin/users");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.WaitForAsync();
        await dialog.GetByLabel("Evaluator: rates examples (gets an evaluator profile)").CheckAsync();
        await AssertCleanAsync(page, "/admin/users (create dialog, evaluator type shown)");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.GetByRole(AriaRole.Button, new() { Name = "Roles of admin@demo.local" }).ClickAsync();
        await dialog.WaitForAsync();
        await dialog.GetByLabel("Admin: manages user accounts").UncheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save roles" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Alert).WaitForAsync();
        await AssertCleanAsync(page, "/admin/users (roles dialog with the last-admin message)");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.GetByRole(AriaRole.Button, new() { Name = "Password-reset link for lead@demo.local" }).ClickAsync();
        await dialog.WaitForAsync();
        await AssertCleanAsync(page, "/admin/users (reset link dialog)");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_dark_theme_keeps_the_contrast_on_a_lead_page_and_the_rating_page()
    {
        var campaignId = await app.SeedCampaignAsync("Dark accessibility", ["evaluator6@demo.local"], examples: 1, k: 1);
        var lead = await OpenAsync("lead@demo.local", "/campaigns/1/report");
        await lead.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" }).ClickAsync();
        await lead.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" }).WaitForAsync();
        await AssertCleanAsync(lead, "/campaigns/1/report (dark)");
        await lead.Context.CloseAsync();

        var evaluator = await OpenAsync("evaluator6@demo.local", "/work");
        await evaluator.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" }).ClickAsync();
        await evaluator.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" }).WaitForAsync();
        await AssertCleanAsync(evaluator, "/work (dark)");
        await app.ScreenshotAsync(evaluator, "a11y-my-work-dark");
        await evaluator.GotoAsync($"/work/{campaignId}");
        await AppServer.WaitInteractiveAsync(evaluator);
        await evaluator.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" }).WaitForAsync();
        await evaluator.Locator("label[for=accuracy-2]").ClickAsync();
        await AssertCleanAsync(evaluator, $"/work/{campaignId} (dark)");
        await evaluator.Context.CloseAsync();
    }

    private async Task<IPage> OpenAsync(string? user, string path)
    {
        var (page, _) = await app.NewPageAsync();
        if (user is not null)
        {
            await app.LoginAsync(page, user);
        }

        await page.GotoAsync(path);
        if (!path.StartsWith("/Account/", StringComparison.Ordinal))
        {
            // The account pages are server-rendered forms; every other page is interactive.
            await AppServer.WaitInteractiveAsync(page);
        }

        return page;
    }

    private async Task AssertCleanAsync(IPage page, string where)
    {
        // Let finite animations and transitions (tab ink bar, snackbars fading in) finish so contrast is measured on
        // the final colours; infinite ones (progress bars) are left running.
        await page.WaitForTimeoutAsync(100);
        await page.EvaluateAsync("""
            () => Promise.race([
                Promise.all(document.getAnimations()
                    .filter(a => a.effect?.getComputedTiming().iterations !== Infinity)
                    .map(a => a.finished.catch(() => null))),
                new Promise(resolve => setTimeout(resolve, 5000)),
            ])
            """);
        var result = await page.RunAxe(Wcag21);
        var found = result.Violations.SelectMany(v => v.Nodes.Select(n =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(" ", n.Target)}: {n.Html}; {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}")).ToList();
        if (found.Count > 0)
        {
            await app.ScreenshotAsync(page, $"a11y-{where.Trim('/').Replace('/', '-').Replace(' ', '-')}");
        }

        Assert.True(found.Count == 0, $"{where}:\n" + string.Join("\n", found));
    }
}
