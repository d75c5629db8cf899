using Microsoft.Playwright;

namespace HumanEval.E2E;

[Collection(AppCollection.Name)]
public sealed class LoginTests(AppServer app)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 30_000 };

    [Fact]
    public async Task The_real_server_names_no_server_software_and_isolates_its_origin()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        foreach (var path in new[] { "/Account/Login", "/health", "/_framework/blazor.web.js", "/no-such-page" })
        {
            using var response = await http.GetAsync(path);
            Assert.False(response.Headers.Contains("Server"), $"{path}: Server: {string.Join(",", response.Headers.TryGetValues("Server", out var v) ? v : [])}");
            Assert.Equal("same-origin", response.Headers.GetValues("Cross-Origin-Resource-Policy").Single());
        }
    }

    [Fact]
    public async Task An_evaluator_logs_in_and_lands_on_my_work()
    {
        var (page, problems) = await app.NewPageAsync();

        await app.LoginAsync(page, "evaluator1@demo.local");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My work", Level = 1 })).ToBeVisibleAsync(Visible);
        Assert.EndsWith("/work", page.Url);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "My work" })).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Campaigns" })).ToHaveCountAsync(0);
        await app.ScreenshotAsync(page, "evaluator-my-work");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_lead_logs_in_and_sees_the_campaigns_page_and_the_rubric()
    {
        var (page, problems) = await app.NewPageAsync();

        await app.LoginAsync(page, "lead@demo.local");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Campaigns", Level = 1 })).ToBeVisibleAsync(Visible);
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Demo: support assistant" })).ToBeVisibleAsync(Visible);
        await app.ScreenshotAsync(page, "lead-campaigns");

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });
        await AppServer.WaitInteractiveAsync(page);
        await nav.GetByRole(AriaRole.Link, new() { Name = "Rubrics" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Default assistant rubric" })).ToBeVisibleAsync(Visible);
        await Assertions.Expect(page.Locator("dd", new() { HasText = "Unsafe: contains harmful" })).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "lead-rubrics");

        await nav.GetByRole(AriaRole.Link, new() { Name = "Evaluators" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "evaluator6@demo.local", Exact = true })).ToBeVisibleAsync(Visible);
        await app.ScreenshotAsync(page, "lead-evaluators");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task An_admin_logs_in_and_sees_every_user_with_roles()
    {
        var (page, problems) = await app.NewPageAsync();

        await app.LoginAsync(page, "admin@demo.local");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users", Level = 1 })).ToBeVisibleAsync(Visible);
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "evaluator6@demo.local", Exact = true })).ToBeVisibleAsync(Visible);
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "lead@demo.local" })).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "admin-users");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task An_admin_creates_a_lead_who_sets_a_password_from_the_link_and_cannot_remove_the_last_admin()
    {
        var (page, problems) = await app.NewPageAsync();
        await app.LoginAsync(page, "admin@demo.local");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users", Level = 1 })).ToBeVisibleAsync(Visible);
        await AppServer.WaitInteractiveAsync(page);

        // The last admin cannot step down: the dialog says why and nothing changes.
        await page.GetByRole(AriaRole.Button, new() { Name = "Roles of admin@demo.local" }).ClickAsync();
        var rolesDialog = page.GetByRole(AriaRole.Dialog);
        await rolesDialog.GetByLabel("Admin: manages user accounts").UncheckAsync();
        await rolesDialog.GetByLabel("Lead: runs campaigns, rosters, reports and exports").CheckAsync();
        await rolesDialog.GetByRole(AriaRole.Button, new() { Name = "Save roles" }).ClickAsync();
        await Assertions.Expect(rolesDialog.GetByRole(AriaRole.Alert))
            .ToContainTextAsync("You are the last admin: make someone else an admin before you give up the role.", new() { Timeout = 30_000 });
        await app.ScreenshotAsync(page, "admin-last-admin");
        await rolesDialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Email").FillAsync("morgan.lead@demo.local");
        await dialog.GetByLabel("Name").FillAsync("Morgan Lead");
        await dialog.GetByLabel("Lead: runs campaigns, rosters, reports and exports").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create and get the invitation link" }).ClickAsync();
        var link = dialog.GetByRole(AriaRole.Textbox, new() { Name = "Invitation link" });
        await Assertions.Expect(link).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/Account/AcceptInvitation\\?"), new() { Timeout = 30_000 });
        await Assertions.Expect(dialog).ToContainTextAsync("send this link to morgan.lead@demo.local yourself");
        await app.ScreenshotAsync(page, "admin-invitation-link");
        var url = await link.InputValueAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "morgan.lead@demo.local" });
        await Assertions.Expect(row).ToContainTextAsync("invited", new() { Timeout = 30_000 });
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "New invitation link for morgan.lead@demo.local" })).ToBeVisibleAsync();

        // The new lead opens the link in their own browser, sets a password and lands on the campaigns.
        var (invitee, inviteeProblems) = await app.NewPageAsync();
        await invitee.GotoAsync(url);
        await invitee.GetByLabel("Password", new() { Exact = true }).FillAsync("Morgan!2026x");
        await invitee.GetByLabel("Confirm password").FillAsync("Morgan!2026x");
        await invitee.GetByRole(AriaRole.Button, new() { Name = "Set password and start" }).ClickAsync();
        await Assertions.Expect(invitee.GetByRole(AriaRole.Heading, new() { Name = "Campaigns", Level = 1 })).ToBeVisibleAsync(Visible);

        // The admin's list now shows the account as active.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "morgan.lead@demo.local" })).ToContainTextAsync("active", new() { Timeout = 30_000 });
        Assert.Empty(problems);
        Assert.Empty(inviteeProblems);
    }

    [Fact]
    public async Task An_evaluator_opening_a_lead_page_is_told_access_is_denied()
    {
        var (page, _) = await app.NewPageAsync();
        await app.LoginAsync(page, "evaluator2@demo.local");

        var response = await page.GotoAsync("/campaigns");

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync(Visible);
        await app.ScreenshotAsync(page, "evaluator-access-denied");
    }

    [Fact]
    public async Task The_dark_theme_choice_survives_a_reload()
    {
        var (page, problems) = await app.NewPageAsync();
        await app.LoginAsync(page, "evaluator3@demo.local");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My work", Level = 1 })).ToBeVisibleAsync(Visible);

        await AppServer.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync(Visible);
        await page.ReloadAsync();
        await AppServer.WaitInteractiveAsync(page);

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync(Visible);
        await app.ScreenshotAsync(page, "evaluator-dark");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_and_stays_on_login()
    {
        var (page, _) = await app.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync("lead@demo.local");
        await page.GetByLabel("Password").FillAsync("wrong-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByText("Sign-in failed: check the email address and the password")).ToBeVisibleAsync(Visible);
        Assert.Contains("/Account/Login", page.Url);
        await app.ScreenshotAsync(page, "login-error");
    }
}
