using System.Security.Claims;
using Bunit;
using HumanEval.Data;
using HumanEval.Data.Entities;
using HumanEval.Data.Workflow;
using HumanEval.Web.Features.Work;
using HumanEval.Web.Tests.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HumanEval.Web.Tests.Components;

/// <summary>
/// The rating page on a real SQLite file: while the database is locked by someone else it says so, keeps everything,
/// writes nothing half, and succeeds once the lock goes; typed text autosaves; a flag needs a reason.
/// </summary>
public sealed class RatePageFaultTests : MudComponentTest, IAsyncLifetime
{
    private readonly WorkflowDb wf = new();

    private async Task<(IRenderedComponent<Rate> Page, IDbContextFactory<AppDbContext> Factory, string Evaluator)> OpenAsync()
    {
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 5, evaluators: 3, k: 2);
        // A short busy timeout stands in for "longer than the database can be waited for".
        var (work, factory) = wf.Instance(busySeconds: 1);
        Services.AddSingleton(work.Queue);
        Services.AddSingleton(work.Drafts);
        Services.AddSingleton(work.Submissions);
        Services.AddSingleton(new WorkQueries(factory));
        Services.AddSingleton<TimeProvider>(wf.Clock);
        var auth = AddAuthorization();
        auth.SetAuthorized("e0@t.local");
        auth.SetRoles(Roles.Evaluator);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, evaluators[0]));
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        var page = Render<Rate>(p => p.Add(c => c.CampaignId, campaignId));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("fieldset[data-criterion]")), TimeSpan.FromSeconds(10));
        return (page, factory, evaluators[0]);
    }

    private SqliteConnection Lock()
    {
        var holder = new SqliteConnection($"Data Source={wf.Path};Pooling=False");
        holder.Open();
        using var begin = holder.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        begin.ExecuteNonQuery();
        return holder;
    }

    private static void Score(IRenderedComponent<Rate> page, string key, int value) => page.Find($"#{key}-{value}").Change(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task A_locked_database_shows_a_clear_message_loses_nothing_and_the_same_submit_succeeds_when_it_returns()
    {
        var (page, factory, evaluator) = await OpenAsync();
        var example = page.Find("[data-testid=example-id]").TextContent;
        Score(page, "accuracy", 4);
        page.WaitForAssertion(() => Assert.Contains("Draft saved", page.Markup), TimeSpan.FromSeconds(10));

        using (var holder = Lock())
        {
            // Autosave while locked: the page says the draft is not saved yet, and keeps every score.
            foreach (var (key, value) in new[] { ("helpfulness", 3), ("tone", 5), ("completeness", 4), ("safety", 1) })
            {
                Score(page, key, value);
            }

            page.WaitForAssertion(() => Assert.Contains("Draft not saved yet", page.Markup), TimeSpan.FromSeconds(20));

            // Submit while locked: a clear message, nothing written, the example still on screen with its scores.
            await page.InvokeAsync(() => page.Find("[data-action=submit]").Click());
            page.WaitForAssertion(() => Assert.Contains(DatabaseFaults.Message, page.Markup), TimeSpan.FromSeconds(20));
            Assert.Equal(example, page.Find("[data-testid=example-id]").TextContent);
            Assert.True(page.Find("#tone-5").HasAttribute("checked"));
            holder.Close();
        }

        await using (var db = await factory.CreateDbContextAsync())
        {
            Assert.Equal(0, await db.Ratings.CountAsync());
            Assert.Equal(0, await db.Scores.CountAsync());
            Assert.Equal(AssignmentState.Reserved, (await db.Assignments.SingleAsync()).State);
            Assert.Equal(0, (await db.Examples.SingleAsync(e => e.HolderCount > 0)).SubmittedCount);
        }

        // The database is back: the same Submit goes through with everything that was entered, and the next example comes.
        await page.InvokeAsync(() => page.Find("[data-action=submit]").Click());
        page.WaitForAssertion(() => Assert.NotEqual(example, page.Find("[data-testid=example-id]").TextContent), TimeSpan.FromSeconds(20));
        await using (var db = await factory.CreateDbContextAsync())
        {
            var rating = await db.Ratings.Include(r => r.Scores).SingleAsync();
            Assert.Equal(evaluator, rating.EvaluatorId);
            Assert.Equal(
                new Dictionary<string, int> { ["accuracy"] = 4, ["helpfulness"] = 3, ["tone"] = 5, ["completeness"] = 4, ["safety"] = 1 },
                rating.Scores.ToDictionary(s => s.CriterionKey, s => s.Value));
            Assert.DoesNotContain(DatabaseFaults.Message, page.Markup);
        }
    }

    [Fact]
    public async Task A_lock_shorter_than_the_busy_timeout_is_simply_waited_out()
    {
        var (page, factory, _) = await OpenAsync();
        foreach (var (key, value) in new[] { ("accuracy", 2), ("helpfulness", 3), ("tone", 5), ("completeness", 4), ("safety", 1) })
        {
            Score(page, key, value);
        }

        page.WaitForAssertion(() => Assert.Contains("Draft saved", page.Markup), TimeSpan.FromSeconds(10));
        var holder = Lock();
        var release = Task.Run(async () =>
        {
            await Task.Delay(400);
            holder.Close();
            holder.Dispose();
        });
        await page.InvokeAsync(() => page.Find("[data-action=submit]").Click());
        await release;
        page.WaitForAssertion(() => Assert.Contains("1 done", page.Markup), TimeSpan.FromSeconds(20));
        await using var db = await factory.CreateDbContextAsync();
        Assert.Equal(1, await db.Ratings.CountAsync());
        Assert.DoesNotContain(DatabaseFaults.Message, page.Markup);
    }

    [Fact]
    public async Task The_overall_comment_saves_while_typing_and_draft_saved_waits_for_it()
    {
        var (page, factory, evaluator) = await OpenAsync();

        await page.InvokeAsync(() => page.Find("#overall-comment").Input("Reads well, but the refund window is wrong."));
        Assert.Contains("Unsaved changes", page.Markup);
        page.WaitForAssertion(() => Assert.Contains("Draft saved", page.Markup), TimeSpan.FromSeconds(10));

        // No blur, no other change: the draft on the server already holds it (a reload would restore it).
        var (work, _) = wf.Instance();
        await using var db = await factory.CreateDbContextAsync();
        var assignment = await db.Assignments.SingleAsync();
        var draft = await work.Drafts.LoadDraftAsync(assignment.Id, evaluator);
        Assert.Equal("Reads well, but the refund window is wrong.", draft!.OverallComment);
    }

    [Fact]
    public async Task A_flag_without_a_reason_is_refused_and_nothing_is_written()
    {
        var (page, factory, _) = await OpenAsync();
        foreach (var (key, value) in new[] { ("accuracy", 2), ("helpfulness", 3), ("tone", 5), ("completeness", 4), ("safety", 1) })
        {
            Score(page, key, value);
        }

        await page.InvokeAsync(() => page.Find(".flag input[type=checkbox]").Change(true));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#flag-reason")));
        await page.InvokeAsync(() => page.Find("[data-action=submit]").Click());
        page.WaitForAssertion(() => Assert.Contains(HumanEval.Core.Rubrics.ScoreValidation.FlagNeedsReason, page.Find("[role=alert]").TextContent), TimeSpan.FromSeconds(10));
        await using (var db = await factory.CreateDbContextAsync())
        {
            Assert.Equal(0, await db.Ratings.CountAsync());
        }

        await page.InvokeAsync(() => page.Find("#flag-reason").Input("The reference answer is outdated."));
        await page.InvokeAsync(() => page.Find("[data-action=submit]").Click());
        page.WaitForAssertion(() => Assert.Contains("1 done", page.Markup), TimeSpan.FromSeconds(20));
        await using var check = await factory.CreateDbContextAsync();
        Assert.Equal("The reference answer is outdated.", (await check.Ratings.SingleAsync()).FlagReason);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await wf.DisposeAsync();
    }
}
