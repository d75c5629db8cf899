using System.Diagnostics;
using System.Net;
using HumanEval.Data.Entities;
using HumanEval.Web.Components.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HumanEval.Web.Tests.Hosting;

/// <summary>The review's account attacks, each reproduced: enumeration by answer and by timing, locking others out, deleting one's own records.</summary>
public sealed class AccountAbuseTests
{
    private static async Task<(HttpStatusCode Status, string Body, double Ms)> FailAsync(TestApp app, string email)
    {
        var client = app.CreateBrowserLikeClient();
        var clock = Stopwatch.StartNew();
        var response = await TestApp.LoginAsync(client, email, "Wrong-password-1");
        clock.Stop();
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body, clock.Elapsed.TotalMilliseconds);
    }

    [Fact]
    public async Task A_wrong_password_reads_and_takes_the_same_for_a_real_and_an_unknown_account()
    {
        using var app = new TestApp(new Dictionary<string, string?> { ["HumanEval:SignIn:PerAddress"] = "1000", ["HumanEval:SignIn:PerAccountFromAddress"] = "1000" });
        await FailAsync(app, "warm-up@nowhere.test"); // the first request pays for start-up

        var real = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var a = await FailAsync(app, "evaluator4@demo.local");
            var b = await FailAsync(app, $"nobody{i}@nowhere.test");
            Assert.Equal(HttpStatusCode.OK, a.Status);
            Assert.Equal(a.Status, b.Status);
            Assert.Contains(PasswordSignIn.Failed, a.Body, StringComparison.Ordinal);
            Assert.Contains(PasswordSignIn.Failed, b.Body, StringComparison.Ordinal);
            real.Add(a.Ms);
            unknown.Add(b.Ms);
        }

        // Before: 8–12 ms for a missing account, 158–223 ms for a real one. Both now hash a password.
        static double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
        Assert.True(Median(unknown) > 0.5 * Median(real), $"unknown {Median(unknown):F0} ms vs real {Median(real):F0} ms");
    }

    [Fact]
    public async Task Five_wrong_passwords_hold_off_that_address_without_locking_the_account_or_telling_anyone()
    {
        using var app = new TestApp();
        for (var i = 0; i < 5; i++)
        {
            Assert.Contains(PasswordSignIn.Failed, (await FailAsync(app, "evaluator5@demo.local")).Body, StringComparison.Ordinal);
        }

        // Even the right password is held off from this address now, with the same words and no lockout page.
        var held = await TestApp.LoginAsync(app.CreateBrowserLikeClient(), "evaluator5@demo.local", "Demo!2345");
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.Contains(PasswordSignIn.Failed, WebUtility.HtmlDecode(await held.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // The account itself is not locked (the person signs in from their own address), and others sign in from this one.
        var user = app.WithDb(db => db.Users.AsNoTracking().Single(u => u.Email == "evaluator5@demo.local"));
        Assert.Null(user.LockoutEnd);
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.LoginAsync(app.CreateBrowserLikeClient(), "evaluator6@demo.local", "Demo!2345")).StatusCode);
    }

    [Fact]
    public async Task Outside_development_the_registration_confirmation_answers_the_same_for_any_address_and_hands_out_no_link()
    {
        using var app = new TestApp(environment: "Production");
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var created = await users.CreateAsync(new ApplicationUser { UserName = "real@demo.local", Email = "real@demo.local", DisplayName = "Real", CreatedAt = DateTime.UtcNow }, "Long-enough-1");
            Assert.True(created.Succeeded);
        }

        var client = app.CreateClient();
        var real = await client.GetAsync("/Account/RegisterConfirmation?email=real@demo.local");
        var fake = await client.GetAsync("/Account/RegisterConfirmation?email=fake@demo.local");

        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fake.StatusCode);
        // Equal but for per-response tokens (antiforgery values and the encrypted component state differ on every response).
        static string WithoutTokens(string html) => System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(html, "\"[A-Za-z0-9+/=_-]{40,}\"", "\"(token)\""), "<!--Blazor-Server-Component-State:[^-]*-->", "");
        var body = await real.Content.ReadAsStringAsync();
        var other = await fake.Content.ReadAsStringAsync();
        var at = Enumerable.Range(0, Math.Min(body.Length, other.Length)).FirstOrDefault(i => body[i] != other[i]);
        Assert.True(WithoutTokens(body) == WithoutTokens(other), body[Math.Max(0, at - 300)..Math.Min(body.Length, at + 100)]);
        Assert.DoesNotContain("ConfirmEmail", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_evaluator_cannot_delete_their_account_and_the_personal_data_download_needs_the_antiforgery_token()
    {
        using var app = new TestApp();
        var client = app.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.LoginAsync(client, "evaluator1@demo.local", "Demo!2345")).StatusCode);

        var page = await client.GetStringAsync("/Account/Manage/DeletePersonalData");
        Assert.Contains("cannot be deleted from here", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Password", page, StringComparison.Ordinal);
        var post = await client.PostAsync("/Account/Manage/DeletePersonalData", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Password"] = "Demo!2345" }));
        Assert.NotEqual(HttpStatusCode.Redirect, post.StatusCode);
        Assert.True(app.WithDb(db => db.Users.Any(u => u.Email == "evaluator1@demo.local")));

        var forged = await client.PostAsync("/Account/Manage/DownloadPersonalData", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }
}

public sealed class SessionEndTests
{
    [Fact]
    public async Task Logging_out_ends_a_copied_cookie_too()
    {
        using var app = new TestApp(new Dictionary<string, string?> { ["HumanEval:SessionCheckSeconds"] = "0" });
        var client = app.CreateBrowserLikeClient();
        var login = await TestApp.LoginAsync(client, "lead@demo.local", "Demo!2345");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        async Task<HttpStatusCode> WithCopyAsync()
        {
            var copy = app.CreateBrowserLikeClient();
            var request = new HttpRequestMessage(HttpMethod.Get, "/campaigns");
            request.Headers.Add("Cookie", cookie);
            return (await copy.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await WithCopyAsync());
        var stamp = app.WithDb(db => db.Users.Single(u => u.Email == "lead@demo.local").SecurityStamp);

        var page = await client.GetStringAsync("/Account/Manage");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var logout = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["returnUrl"] = "",
        }));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.NotEqual(stamp, app.WithDb(db => db.Users.Single(u => u.Email == "lead@demo.local").SecurityStamp));

        Assert.Equal(HttpStatusCode.Redirect, await WithCopyAsync()); // to the login page: the copy no longer signs anyone in
    }
}
