using System.Net;
using HumanEval.Core.Assignment;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HumanEval.Web.Tests.Hosting;

/// <summary>Boots the real app on a temporary SQLite file: migrations, rubrics and the demo seed run at start-up.</summary>
public sealed class AppStartupTests : IClassFixture<AppStartupTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public TestApp App { get; } = new();

        public void Dispose() => App.Dispose();
    }

    private readonly TestApp app;

    public AppStartupTests(Fixture fixture) => app = fixture.App;

    [Fact]
    public async Task Health_answers_200_when_the_database_is_reachable()
    {
        var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("light", "--mud-palette-primary: rgba(57,73,171,1);")]
    [InlineData("dark", "--mud-palette-primary: rgba(176,184,232,1);")]
    public async Task The_theme_stylesheet_of_the_rating_screens_carries_the_app_palette(string mode, string primary)
    {
        var response = await app.CreateClient().GetAsync($"/theme/{mode}.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType!.MediaType);
        var css = await response.Content.ReadAsStringAsync();
        Assert.Contains(primary, css);
        Assert.Contains(":root{", css);
        Assert.DoesNotContain("<style", css);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/theme/other.css")).StatusCode);
    }

    [Fact]
    public async Task The_login_page_is_served_to_anonymous_users()
    {
        var response = await app.CreateBrowserLikeClient().GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Log in</h1>", html);
        Assert.Contains("id=\"Input.Email\"", html);
        Assert.Contains("id=\"Input.Password\"", html);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/work")]
    [InlineData("/campaigns")]
    [InlineData("/admin/users")]
    public async Task Anonymous_requests_to_app_pages_go_to_login(string path)
    {
        var response = await app.CreateBrowserLikeClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Migrations_and_the_demo_seed_produce_the_documented_users_and_roles()
    {
        var users = await app.WithDb(db => db.Users
            .Select(u => new
            {
                u.Email,
                u.EmailConfirmed,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToList(),
                Type = u.EvaluatorProfile == null ? (EvaluatorKind?)null : u.EvaluatorProfile.Type,
            })
            .OrderBy(u => u.Email)
            .ToListAsync());

        Assert.Equal(8, users.Count);
        Assert.All(users, u => Assert.True(u.EmailConfirmed));
        Assert.Equal([Roles.Admin], users.Single(u => u.Email == "admin@demo.local").Roles);
        Assert.Equal([Roles.Lead], users.Single(u => u.Email == "lead@demo.local").Roles);
        for (var i = 1; i <= 6; i++)
        {
            var evaluator = users.Single(u => u.Email == $"evaluator{i}@demo.local");
            Assert.Equal([Roles.Evaluator], evaluator.Roles);
            Assert.Equal(i <= 3 ? EvaluatorKind.DomainExpert : EvaluatorKind.RepresentativeUser, evaluator.Type);
        }
    }

    [Fact]
    public async Task The_default_rubric_is_loaded_as_a_current_version_with_its_criteria()
    {
        var version = await app.WithDb(db => db.RubricVersions.Include(v => v.Criteria).Include(v => v.Rubric)
            .SingleAsync(v => v.Rubric.Key == "default" && v.IsCurrent));

        Assert.Equal(1, version.Number);
        Assert.Equal(64, version.ContentHash.Length);
        Assert.Equal(5, version.Criteria.Count);
        Assert.Equal(5, version.Criteria.Single(c => c.Key == "accuracy").Anchors.Count);
    }

    [Theory]
    [InlineData("evaluator1@demo.local", "/campaigns")]
    [InlineData("evaluator1@demo.local", "/admin/users")]
    [InlineData("lead@demo.local", "/admin/users")]
    [InlineData("lead@demo.local", "/work")]
    public async Task A_signed_in_user_without_the_role_is_sent_to_access_denied_which_answers_403(string email, string path)
    {
        var client = app.CreateBrowserLikeClient();
        var login = await TestApp.LoginAsync(client, email, "Demo!2345");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/AccessDenied", response.Headers.Location!.AbsolutePath);
        var denied = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("Access denied", await denied.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("evaluator1@demo.local", "/work", "My work")]
    [InlineData("lead@demo.local", "/campaigns", "Campaigns")]
    [InlineData("lead@demo.local", "/rubrics", "Default assistant rubric")]
    [InlineData("admin@demo.local", "/admin/users", "evaluator6@demo.local")]
    public async Task A_signed_in_user_with_the_role_gets_the_page(string email, string path, string expected)
    {
        var client = app.CreateBrowserLikeClient();
        await TestApp.LoginAsync(client, email, "Demo!2345");

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_password_does_not_sign_in()
    {
        var client = app.CreateBrowserLikeClient();

        var login = await TestApp.LoginAsync(client, "lead@demo.local", "not-the-password");

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("Sign-in failed: check the email address and the password", await login.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/campaigns")).StatusCode);
    }

    [Fact]
    public void Development_settings_come_from_the_repository_root_file()
    {
        var config = app.Services.GetRequiredService<IConfiguration>();

        // src/HumanEval.Web/appsettings.json says false; only the root appsettings.Development.json says true.
        Assert.True(config.GetValue<bool>("HumanEval:AllowSelfRegistration"));
        Assert.True(config.GetValue<bool>("HumanEval:SeedDemoData"));
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.Development.json")));
    }

    [Fact]
    public async Task In_development_self_registration_shows_the_form()
    {
        var response = await app.CreateBrowserLikeClient().GetAsync("/Account/Register");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Create account", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_lead_sees_an_example_with_its_ratings_as_escaped_text_and_an_evaluator_cannot()
    {
        var lead = app.CreateBrowserLikeClient();
        await TestApp.LoginAsync(lead, "lead@demo.local", "Demo!2345");
        var evaluator = app.CreateBrowserLikeClient();
        await TestApp.LoginAsync(evaluator, "evaluator1@demo.local", "Demo!2345");

        var page = await lead.GetAsync("/campaigns/1/examples/demo-007");
        var denied = await evaluator.GetAsync("/campaigns/1/examples/demo-007");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Equal("/Account/AccessDenied", denied.Headers.Location!.AbsolutePath);
    }
}
