using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using HumanEval.Core.Campaigns;
using HumanEval.Data.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HumanEval.Web.Tests.Hosting;

/// <summary>Who reaches what (a row per role × page or endpoint), browser hardening headers, antiforgery, audit export.</summary>
public sealed partial class SecurityTests : IClassFixture<SecurityTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public TestApp App { get; } = new();

        private readonly Dictionary<string, HttpClient> clients = [];

        /// <summary>One signed-in client per role (null email: anonymous), reused across rows.</summary>
        public async Task<HttpClient> ClientAsync(string? email)
        {
            var key = email ?? "";
            if (!clients.TryGetValue(key, out var client))
            {
                client = App.CreateBrowserLikeClient();
                if (email is not null)
                {
                    Assert.Equal(HttpStatusCode.Redirect, (await TestApp.LoginAsync(client, email, "Demo!2345")).StatusCode);
                }

                clients[key] = client;
            }

            return client;
        }

        public void Dispose() => App.Dispose();
    }

    private readonly Fixture fixture;

    public SecurityTests(Fixture fixture) => this.fixture = fixture;

    public enum Expect
    {
        Ok,
        Login,
        Denied,
    }

    private const string Anonymous = "";
    private const string Evaluator = "evaluator1@demo.local";
    private const string Lead = "lead@demo.local";
    private const string Admin = "admin@demo.local";

    public static TheoryData<string, string, Expect> Matrix()
    {
        var data = new TheoryData<string, string, Expect>();
        void Row(string path, Expect anonymous, Expect evaluator, Expect lead, Expect admin)
        {
            data.Add(Anonymous, path, anonymous);
            data.Add(Evaluator, path, evaluator);
            data.Add(Lead, path, lead);
            data.Add(Admin, path, admin);
        }

        Row("/work", Expect.Login, Expect.Ok, Expect.Denied, Expect.Denied);
        foreach (var leadPage in new[]
        {
            "/campaigns", "/campaigns/new", "/campaigns/1", "/campaigns/1/report", "/campaigns/1/examples/demo-001",
            "/campaigns/1/export.xlsx", "/campaigns/1/ratings.csv", "/evaluators", "/rubrics", "/audit", "/audit.csv",
            "/campaigns/3/pairwise", "/campaigns/3/preferences.jsonl",
        })
        {
            Row(leadPage, Expect.Login, Expect.Denied, Expect.Ok, Expect.Ok);
        }

        Row("/admin/users", Expect.Login, Expect.Denied, Expect.Denied, Expect.Ok);

        // Review pages: leads, admins and evaluators a lead marked as reviewers (the demo's evaluator3), nobody else.
        foreach (var reviewPage in new[] { "/review", "/campaigns/1/review/demo-001" })
        {
            Row(reviewPage, Expect.Login, Expect.Denied, Expect.Ok, Expect.Ok);
            data.Add("evaluator3@demo.local", reviewPage, Expect.Ok);
        }

        data.Add(Anonymous, "/work/2", Expect.Login);
        data.Add(Lead, "/work/2", Expect.Denied);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_reaches_only_its_pages_and_exports(string who, string path, Expect expected)
    {
        var client = await fixture.ClientAsync(who.Length == 0 ? null : who);

        var response = await client.GetAsync(path);

        switch (expected)
        {
            case Expect.Ok:
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                break;
            case Expect.Login:
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Equal("/Account/Login", response.Headers.Location!.AbsolutePath);
                break;
            default:
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Equal("/Account/AccessDenied", response.Headers.Location!.AbsolutePath);
                Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(response.Headers.Location)).StatusCode);
                break;
        }
    }

    [Fact]
    public async Task An_evaluator_cannot_open_another_evaluators_rating_by_its_url()
    {
        var (assignmentId, scored) = fixture.App.WithDb(db => db.Ratings.Where(r => db.Users.Any(u => u.Id == r.EvaluatorId && u.Email == Evaluator))
            .OrderBy(r => r.Id).Select(r => new { r.AssignmentId, r.OverallComment }).AsEnumerable().Select(r => (r.AssignmentId, r.OverallComment)).First());
        var path = $"/work/ratings/{assignmentId}/edit";

        var own = await (await fixture.ClientAsync(Evaluator)).GetAsync(path);
        var other = await (await fixture.ClientAsync("evaluator2@demo.local")).GetAsync(path);
        var lead = await (await fixture.ClientAsync(Lead)).GetAsync(path);
        var anonymous = await (await fixture.ClientAsync(null)).GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("Save changes", await own.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        var otherHtml = await other.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Save changes", otherHtml);
        if (!string.IsNullOrEmpty(scored))
        {
            Assert.DoesNotContain(scored, otherHtml);
        }

        Assert.Equal("/Account/AccessDenied", lead.Headers.Location!.AbsolutePath);
        Assert.Equal("/Account/Login", anonymous.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData(Anonymous, "/campaigns")]   // 302 to sign-in
    [InlineData(Evaluator, "/campaigns")]   // 302 to access denied
    public async Task Redirects_of_the_sign_in_and_role_checks_carry_the_security_headers_too(string who, string path)
    {
        var client = await fixture.ClientAsync(who.Length == 0 ? null : who);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Theory]
    [InlineData(Anonymous, "/Account/Login")]
    [InlineData(Lead, "/campaigns/1")]
    [InlineData(Evaluator, "/work")]
    public async Task Pages_carry_a_policy_that_blocks_inline_script_and_contain_none(string who, string path)
    {
        var client = await fixture.ClientAsync(who.Length == 0 ? null : who);

        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var scriptSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.Equal("script-src 'self'", scriptSrc);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Cross-Origin-Resource-Policy").Single());
        Assert.Equal("require-corp", response.Headers.GetValues("Cross-Origin-Embedder-Policy").Single());
        Assert.Empty(InlineScript().Matches(html));
        Assert.DoesNotMatch(@"\son[a-z]+=""", html);
    }

    [Theory]
    [InlineData("/campaigns/1/export.xlsx")]
    [InlineData("/campaigns/1/ratings.csv")]
    [InlineData("/audit.csv")]
    [InlineData("/campaigns")]
    public async Task What_a_signed_in_lead_downloads_is_never_cached(string path)
    {
        var response = await (await fixture.ClientAsync("lead@demo.local")).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl is { NoStore: true }, $"{path}: Cache-Control {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        var client = fixture.App.CreateBrowserLikeClient();

        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.Email"] = Lead, ["Input.Password"] = "Demo!2345",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(".AspNetCore.Identity", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_audit_log_records_api_key_use_and_its_own_export_and_quotes_formula_like_text()
    {
        var app = fixture.App;
        var admin = app.Services.GetRequiredService<CampaignAdmin>();
        var keys = app.Services.GetRequiredService<ApiKeyAdmin>();
        var rubric = await app.WithDb(db => db.RubricVersions.Where(v => v.IsCurrent).Select(v => v.Id).FirstAsync());
        var lead = await app.WithDb(db => db.Users.Where(u => u.Email == Lead).Select(u => u.Id).SingleAsync());
        var id = (await admin.CreateAsync(new CampaignSettings { Name = "=cmd|' /C calc'!A0", RubricVersionId = rubric }, lead)).Value;
        var key = await keys.CreateApiKeyAsync(id, "=pipeline", lead);
        var post = new HttpRequestMessage(HttpMethod.Post, $"/api/campaigns/{id}/examples")
        {
            Content = new StringContent("{\"external_id\":\"a1\",\"input\":\"q\",\"output\":\"a\"}\n", Encoding.UTF8, "application/x-ndjson"),
        };
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().SendAsync(post)).StatusCode);
        await app.WithDb(async db =>
        {
            db.AuditEntries.Add(new HumanEval.Data.Entities.AuditEntry { At = DateTime.UtcNow, Action = "test.note", Entity = "Campaign", EntityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture), Details = "=1+1" });
            return await db.SaveChangesAsync();
        });

        var client = await fixture.ClientAsync(Lead);
        var csv = await client.GetStringAsync($"/audit.csv?entityId={id}");

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,at_utc,user,action,entity,entity_id,details", lines[0].TrimEnd('\r'));
        Assert.Contains(lines, l => l.Contains(",apikey.used,Campaign,", StringComparison.Ordinal) && l.Contains("(=pipeline)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(",test.note,Campaign," + id + ",'=1+1", StringComparison.Ordinal) || l.TrimEnd('\r').EndsWith(",'=1+1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",examples.imported,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("lead@demo.local,campaign.created,", StringComparison.Ordinal));
        var all = await client.GetStringAsync("/audit.csv?action=audit.exported");
        Assert.Contains("lead@demo.local,audit.exported", all);
    }

    [Fact]
    public async Task The_ingest_api_refuses_a_latin1_body_naming_the_line_and_byte_offset_and_imports_nothing()
    {
        var app = fixture.App;
        var admin = app.Services.GetRequiredService<CampaignAdmin>();
        var keys = app.Services.GetRequiredService<ApiKeyAdmin>();
        var rubric = await app.WithDb(db => db.RubricVersions.Where(v => v.IsCurrent).Select(v => v.Id).FirstAsync());
        var lead = await app.WithDb(db => db.Users.Where(u => u.Email == Lead).Select(u => u.Id).SingleAsync());
        var id = (await admin.CreateAsync(new CampaignSettings { Name = "Latin-1 check", RubricVersionId = rubric }, lead)).Value;
        var key = await keys.CreateApiKeyAsync(id, "pipeline", lead);
        var body = "{\"external_id\":\"a1\",\"input\":\"q\",\"output\":\"a\"}\n{\"external_id\":\"a2\",\"input\":\"Café order\",\"output\":\"a\"}\n";
        var post = new HttpRequestMessage(HttpMethod.Post, $"/api/campaigns/{id}/examples") { Content = new ByteArrayContent(Encoding.Latin1.GetBytes(body)) };
        post.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var response = await app.CreateClient().SendAsync(post);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"line\":2,\"field\":\"(encoding)\"", json);
        Assert.Contains($"byte offset {body.IndexOf('é')} (0xE9) is not valid UTF-8", json);
        Assert.Equal(0, await app.WithDb(db => db.Examples.CountAsync(e => e.CampaignId == id)));
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}

/// <summary>Rate limits, on an app of their own with small limits.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Sign_in_posts_and_the_ingest_api_are_limited_per_minute_with_retry_after()
    {
        using var app = new TestApp(new Dictionary<string, string?>
        {
            ["HumanEval:RateLimits:SignInPerMinute"] = "3",
            ["HumanEval:RateLimits:IngestPerMinute"] = "2",
        });
        var client = app.CreateBrowserLikeClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await TestApp.LoginAsync(client, "lead@demo.local", "wrong")).StatusCode);
        }

        var limited = await TestApp.LoginAsync(client, "lead@demo.local", "Demo!2345");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        // Reading pages is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);

        var api = app.CreateClient();
        async Task<HttpStatusCode> IngestAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/campaigns/1/examples") { Content = new StringContent("", Encoding.UTF8, "application/x-ndjson") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-key");
            return (await api.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await IngestAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await IngestAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, await IngestAsync());
    }

    [Fact]
    public async Task The_ingest_limit_counts_a_valid_key_however_it_is_spelled_and_invented_keys_against_the_address()
    {
        using var app = new TestApp(new Dictionary<string, string?> { ["HumanEval:RateLimits:IngestPerMinute"] = "3" });
        var admin = app.Services.GetRequiredService<CampaignAdmin>();
        var keys = app.Services.GetRequiredService<ApiKeyAdmin>();
        var rubric = await app.WithDb(db => db.RubricVersions.Where(v => v.IsCurrent).Select(v => v.Id).FirstAsync());
        var lead = await app.WithDb(db => db.Users.Where(u => u.Email == "lead@demo.local").Select(u => u.Id).SingleAsync());
        var id = (await admin.CreateAsync(new CampaignSettings { Name = "Throttle", RubricVersionId = rubric }, lead)).Value;
        var key = await keys.CreateApiKeyAsync(id, "pipeline", lead);
        var api = app.CreateClient();

        var n = 0;
        async Task<HttpStatusCode> PostAsync(Action<HttpRequestMessage> sign)
        {
            var body = $"{{\"external_id\":\"t{n++}\",\"input\":\"i\",\"output\":\"o\"}}\n";
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/campaigns/{id}/examples") { Content = new StringContent(body, Encoding.UTF8, "application/x-ndjson") };
            sign(request);
            return (await api.SendAsync(request)).StatusCode;
        }

        // The attacks of the review: extra spaces after Bearer, and X-Api-Key beside a different junk Authorization each time.
        Assert.Equal(HttpStatusCode.OK, await PostAsync(r => r.Headers.TryAddWithoutValidation("Authorization", $"Bearer {key}")));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(r => r.Headers.TryAddWithoutValidation("Authorization", $"Bearer      {key}   ")));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(r =>
        {
            r.Headers.TryAddWithoutValidation("Authorization", $"Junk {Guid.NewGuid()}");
            r.Headers.Add("X-Api-Key", key);
        }));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(r =>
        {
            r.Headers.TryAddWithoutValidation("Authorization", $"Junk {Guid.NewGuid()}");
            r.Headers.Add("X-Api-Key", key);
        }));

        // Invented keys do not get a partition each: they share the address's budget (separate from the key's).
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(r => r.Headers.TryAddWithoutValidation("Authorization", $"Bearer guess-{i}")));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer guess-4")));
    }
}
