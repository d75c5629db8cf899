using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using HumanEval.Core.Campaigns;
using HumanEval.Data.Entities;
using HumanEval.Data.Workflow;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HumanEval.Web.Tests.Hosting;

/// <summary>Requests that used to end in a 500 get a clear 4xx or a safe redirect (security review, item 8, 9, 11, 12).</summary>
public sealed partial class ErrorAnswerTests : IClassFixture<ErrorAnswerTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public TestApp App { get; } = new();

        public void Dispose() => App.Dispose();
    }

    private readonly TestApp app;

    public ErrorAnswerTests(Fixture fixture) => app = fixture.App;

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private async Task<(HttpClient Client, string Token)> LeadAsync()
    {
        var client = app.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.LoginAsync(client, "lead@demo.local", "Demo!2345")).StatusCode);
        var page = await client.GetStringAsync("/campaigns/1");
        return (client, WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value));
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("https://evil.example/x")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/\\evil.example")]
    public async Task A_foreign_return_url_signs_in_and_lands_on_the_start_page(string returnUrl)
    {
        var client = app.CreateBrowserLikeClient();
        var page = await client.GetStringAsync("/Account/Login");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value),
            ["Input.Email"] = "evaluator3@demo.local",
            ["Input.Password"] = "Demo!2345",
        });

        var response = await client.PostAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.DoesNotContain("evil", location, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript", location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Broken_link_codes_and_a_passkey_request_without_a_token_are_answered_not_crashed()
    {
        var client = app.CreateBrowserLikeClient();
        var reset = await client.GetAsync("/Account/ResetPassword?code=%25%25not-base64%25");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Contains("InvalidPasswordReset", reset.Headers.Location!.ToString(), StringComparison.Ordinal);

        var userId = app.WithDb(db => db.Users.Single(u => u.Email == "evaluator3@demo.local").Id);
        var confirm = await client.GetAsync($"/Account/ConfirmEmail?userId={userId}&code=%25%25%25");
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("the link is not valid", await confirm.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var passkey = await client.PostAsync("/Account/PasskeyCreationOptions", new StringContent(""));
        Assert.True(passkey.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Redirect, passkey.StatusCode.ToString());
        var (lead, _) = await LeadAsync();
        var signedIn = await lead.PostAsync("/Account/PasskeyCreationOptions", new StringContent(""));
        Assert.Equal(HttpStatusCode.BadRequest, signedIn.StatusCode);
    }

    [Fact]
    public async Task An_upload_to_a_missing_campaign_is_404_and_one_over_the_limit_says_the_limit_instead_of_the_token()
    {
        var (client, token) = await LeadAsync();
        using (var missing = new MultipartFormDataContent())
        {
            missing.Add(new StringContent(token), "__RequestVerificationToken");
            missing.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("external_id,input,output\na,b,c\n")), "file", "x.csv");
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/campaigns/9999/examples/upload", missing)).StatusCode);
        }

        using var big = new MultipartFormDataContent();
        big.Add(new StringContent(token), "__RequestVerificationToken");
        big.Add(new ByteArrayContent(new byte[52 * 1024 * 1024]), "file", "big.csv");
        var response = await client.PostAsync("/campaigns/1/examples/upload", big);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(response.Headers.Location!.ToString()));
        Assert.Contains("the limit is 50 MB", page, StringComparison.Ordinal);
        Assert.DoesNotContain("anti-forgery", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_campaign_with_a_non_ascii_name_exports_under_its_name_and_the_audit_records_the_export_once_sent()
    {
        var (client, _) = await LeadAsync();
        var admin = app.Services.GetRequiredService<CampaignAdmin>();
        var lead = app.WithDb(db => db.Users.Single(u => u.Email == "lead@demo.local").Id);
        var rubric = app.WithDb(db => db.RubricVersions.First(v => v.IsCurrent).Id);
        var id = (await admin.CreateAsync(new CampaignSettings { Name = "Évaluation – été", RubricVersionId = rubric }, lead)).Value;

        var response = await client.GetAsync($"/campaigns/{id}/export.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Évaluation-", response.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition.FileNameStar, StringComparison.Ordinal);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 1000);
        Assert.Equal(1, app.WithDb(db => db.AuditEntries.Count(a => a.Action == "campaign.exported" && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task An_example_whose_id_holds_a_slash_opens_from_its_link()
    {
        var (client, _) = await LeadAsync();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HumanEval.Data.AppDbContext>();
            db.Examples.Add(new Example { CampaignId = 1, ExternalId = "team/a b?", Input = "slash input", Output = "o", ImportedAt = DateTime.UtcNow, Position = 999 });
            await db.SaveChangesAsync();
        }

        var href = HumanEval.Web.Components.Shared.Formats.ExampleHref(1, "team/a b?");
        Assert.Equal("campaigns/1/examples/team/a%20b%3F", href);
        var response = await client.GetAsync("/" + href);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Example team/a b?", html, StringComparison.Ordinal);
        Assert.Contains("slash input", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_way_of_setting_a_password_needs_at_least_eight_characters()
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var result = await users.CreateAsync(new ApplicationUser { UserName = "short@demo.local", Email = "short@demo.local", DisplayName = "S", CreatedAt = DateTime.UtcNow }, "Aa1!aa1");
        Assert.Contains(result.Errors, e => e.Code == "PasswordTooShort");
        Assert.Equal(8, scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value.Password.RequiredLength);
        Assert.False(await app.WithDb(db => db.Users.AnyAsync(u => u.Email == "short@demo.local")));
    }
}
