using System.Net;
using System.Text.RegularExpressions;
using HumanEval.Core.Campaigns;
using HumanEval.Core.Import;
using HumanEval.Data.Entities;
using HumanEval.Data.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HumanEval.Web.Tests.Hosting;

/// <summary>Untrusted text in every field a lead or evaluator sees is shown as text: never a tag, an event handler or a javascript: link.</summary>
public sealed partial class XssTests : IDisposable
{
    /// <summary>Each payload carries a marker ("xssN") so any of it surviving as markup can be found.</summary>
    private static readonly string[] Payloads =
    [
        "<script>alert('xss1')</script>",
        "<img src=x onerror=alert('xss2')>",
        "\"><svg onload=alert('xss3')>",
        "[click](javascript:alert('xss4'))",
        "<a href=\"javascript:alert('xss5')\">xss5</a>",
        "<iframe src=\"//evil.example/xss6\"></iframe>",
        "<details open ontoggle=alert('xss7')>",
        "<style>body{display:none}</style><b>xss8</b>",
    ];

    private readonly TestApp app = new();

    public void Dispose() => app.Dispose();

    private static string All(int from) => string.Join(" ", Payloads.Skip(from).Concat(Payloads.Take(from)));

    [Fact]
    public async Task Payloads_in_examples_comments_flags_judge_rationales_and_names_render_as_text()
    {
        var services = app.Services;
        var admin = services.GetRequiredService<CampaignAdmin>();
        var rosters = services.GetRequiredService<RosterAdmin>();
        var rubric = await app.WithDb(db => db.RubricVersions.Where(v => v.IsCurrent).Select(v => v.Id).FirstAsync());
        var lead = await app.WithDb(db => db.Users.Where(u => u.Email == "lead@demo.local").Select(u => u.Id).SingleAsync());
        var evaluator = await app.WithDb(db => db.Users.Where(u => u.Email == "evaluator1@demo.local").Select(u => u.Id).SingleAsync());
        var id = (await admin.CreateAsync(new CampaignSettings { Name = "<b>xss0</b> campaign", RubricVersionId = rubric, K = 1, MinExperts = 0 }, lead)).Value;
        var row = new ExampleRow(1, "<i>xss-id</i>", All(0), All(1), All(2), All(3), "<u>xss-model</u>", "<s>xss-prompt</s>",
            "{\"note\":\"<script>alert('xss9')</script>\"}");
        await services.GetRequiredService<ExampleImporter>().ImportAsync(id, [row], lead);
        await rosters.AddToRosterAsync(id, [evaluator], lead);
        await admin.SetStateAsync(id, CampaignState.Open, lead);
        var claim = await services.GetRequiredService<WorkQueue>().NextAsync(evaluator, id);
        Assert.True(claim.HasWork);
        var scores = new Dictionary<string, int> { ["accuracy"] = 3, ["helpfulness"] = 3, ["tone"] = 3, ["completeness"] = 3, ["safety"] = 1 };
        var submitted = await services.GetRequiredService<RatingSubmissions>().SubmitAsync(claim.AssignmentId!.Value, evaluator,
            new DraftInput(scores, new Dictionary<string, string> { ["tone"] = All(4) }, All(5), true, All(6), 30));
        Assert.Equal(SubmitOutcome.Submitted, submitted.Outcome);
        var judge = JudgeFile.Read(new StringReader($"external_id,criterion,score,judge_model,judge_prompt_version,rationale\n\"<i>xss-id</i>\",accuracy,3,<b>xss-judge</b>,p1,\"{All(7).Replace("\"", "\"\"", StringComparison.Ordinal)}\"\n"), ExampleFormat.Csv);
        Assert.Empty(judge.Errors);
        Assert.Empty((await services.GetRequiredService<JudgeImporter>().ImportAsync(id, judge.Rows, lead)).Errors);

        var client = app.CreateBrowserLikeClient();
        await TestApp.LoginAsync(client, "lead@demo.local", "Demo!2345");
        var detail = await client.GetAsync($"/campaigns/{id}/examples/{Uri.EscapeDataString("<i>xss-id</i>")}");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        var html = await detail.Content.ReadAsStringAsync();

        // The text is there, escaped...
        Assert.Contains("&lt;script&gt;alert(&#x27;xss1&#x27;)&lt;/script&gt;", html);
        Assert.Contains("xss8", html);
        Assert.Contains("&lt;i&gt;xss-id&lt;/i&gt;", html);
        // ...and none of it is markup.
        AssertNoPayloadMarkup(html);

        foreach (var path in new[] { $"/campaigns/{id}", "/campaigns", $"/campaigns/{id}/report", "/audit" })
        {
            var page = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            AssertNoPayloadMarkup(await page.Content.ReadAsStringAsync());
        }
    }

    /// <summary>Raw fragments of the payloads: escaped text never contains them, live markup always would.</summary>
    private static readonly string[] RawFragments =
    [
        "<script>alert(", "<img src=x", "<svg onload", "<iframe src", "<details open", "<style>body", "<b>xss", "<i>xss", "<u>xss", "<s>xss",
    ];

    private static void AssertNoPayloadMarkup(string html)
    {
        foreach (var fragment in RawFragments)
        {
            Assert.DoesNotContain(fragment, html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotMatch(JavascriptHref(), html);
        Assert.DoesNotMatch(@"<[^>]+\son(error|load|toggle)\s*=", html);
    }

    [GeneratedRegex(@"<[a-z][^<>]*\s(href|src)\s*=\s*[""']?\s*javascript:", RegexOptions.IgnoreCase)]
    private static partial Regex JavascriptHref();
}
