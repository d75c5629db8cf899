using HumanEval.Load;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.E2E;

/// <summary>
/// The load benchmark's browserless evaluator (tests/HumanEval.Load) against the real app: it signs in, starts the
/// rating page's circuit over the Blazor protocol, scores and submits through the page's own event handlers, and what
/// it saw on its virtual page matches what the database stored. Keeps the benchmark honest as the pages change.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CircuitProtocolTests(AppServer app)
{
    [Fact]
    public async Task A_browserless_evaluator_rates_through_the_circuit_protocol_and_every_submit_is_stored_with_its_scores()
    {
        var logBefore = app.Log.Length;
        var campaignId = await app.SeedCampaignAsync("Protocol client", ["evaluator6@demo.local"], examples: 3, k: 1);
        await using var driver = new ProtocolDriver(app.BaseUrl);
        var tab = await driver.OpenAsync("evaluator6@demo.local", "Demo!2345", campaignId);

        var seen = new List<string?> { tab.ExampleId };
        for (var i = 0; i < 3; i++)
        {
            var ms = await tab.RateOneAsync(keyGap: 0);
            Assert.InRange(ms, 0.1, 60_000);
            seen.Add(tab.ExampleId);
        }

        // Three different examples on screen, then none: the campaign is done for this evaluator.
        Assert.Equal(3, seen.Take(3).Distinct().Count());
        Assert.All(seen.Take(3), id => Assert.Matches("^Item [0-9]+$", id));
        Assert.Null(seen[3]);

        await using var db = app.Db();
        var ratings = await db.Ratings.AsNoTracking().Include(r => r.Scores).Where(r => r.CampaignId == campaignId).ToListAsync();
        Assert.Equal(3, ratings.Count);
        Assert.All(ratings, r => Assert.Equal(
            [("accuracy", 4), ("completeness", 5), ("helpfulness", 3), ("safety", 1), ("tone", 4)],
            r.Scores.Select(s => (s.CriterionKey, s.Value)).OrderBy(s => s.CriterionKey)));
        Assert.Equal(3, await db.Examples.CountAsync(e => e.CampaignId == campaignId && e.SubmittedCount == 1));
        Assert.DoesNotContain("Exception", app.Log[logBefore..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_client_gets_no_circuit_and_one_account_cannot_open_more_than_its_cap()
    {
        // Anonymous: pages reachable without signing in are static (nothing to start a circuit with) and the hub says 401.
        await using (var anonymous = new HumanEval.Load.Circuit.CircuitClient(app.BaseUrl))
        {
            var page = await Assert.ThrowsAsync<InvalidOperationException>(() => anonymous.OpenAsync("/not-found"));
            Assert.Contains("no interactive server component", page.Message, StringComparison.Ordinal);
            var hub = await Assert.ThrowsAsync<HttpRequestException>(anonymous.ConnectAsync);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, hub.StatusCode);
        }

        // One account: up to the cap, then the page says why instead of starting a circuit, and the hub refuses a
        // connection made without the page. Closing one frees a place.
        await app.CreateUserAsync("many-tabs@demo.local", "Demo!2345", "Lead");
        var open = new List<HumanEval.Load.Circuit.CircuitClient>();
        try
        {
            for (var i = 0; i < AppServer.CircuitsPerUser; i++)
            {
                var client = new HumanEval.Load.Circuit.CircuitClient(app.BaseUrl);
                open.Add(client);
                await client.SignInAsync("many-tabs@demo.local", "Demo!2345");
                await client.OpenAsync("/campaigns");
            }

            await using var extra = new HumanEval.Load.Circuit.CircuitClient(app.BaseUrl);
            await extra.SignInAsync("many-tabs@demo.local", "Demo!2345");
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => extra.OpenAsync("/campaigns"));
            Assert.Contains("no interactive server component", refused.Message, StringComparison.Ordinal);
            using (var http = new HttpClient(new HttpClientHandler { CookieContainer = extra.Cookies }) { BaseAddress = new Uri(app.BaseUrl) })
            {
                Assert.Contains("Too many HumanEval pages are open", await http.GetStringAsync("/campaigns"), StringComparison.Ordinal);
            }

            string? started = null;
            var raw = await Record.ExceptionAsync(async () =>
            {
                await extra.ConnectAsync();
                started = await extra.StartCircuitAsync("/campaigns");
            });
            Assert.True(raw is not null || string.IsNullOrEmpty(started), $"a circuit was started past the cap: {started}");

            await open[0].DisposeAsync();
            open.RemoveAt(0);
            var again = new HumanEval.Load.Circuit.CircuitClient(app.BaseUrl);
            open.Add(again);
            await again.SignInAsync("many-tabs@demo.local", "Demo!2345");
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (true)
            {
                try
                {
                    await again.OpenAsync("/campaigns");
                    break;
                }
                catch (InvalidOperationException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(250); // the closed connection's place is given back when the server sees it go
                }
            }
        }
        finally
        {
            foreach (var client in open)
            {
                await client.DisposeAsync();
            }
        }

        Assert.Contains("Refused a circuit for user", app.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_text_a_client_sends_back_is_logged_capped_not_whole()
    {
        // A hostile client answers the rating page's JavaScript calls as failed, with 30 KB of its own "error" text.
        var campaignId = await app.SeedCampaignAsync("Client error text", ["evaluator6@demo.local"], examples: 1, k: 1);
        var logBefore = app.Log.Length;
        var junk = "CLIENT-TEXT-" + new string('x', 30_000);
        await using var client = new HumanEval.Load.Circuit.CircuitClient(app.BaseUrl) { FailJavaScriptCallsWith = junk };
        await client.SignInAsync("evaluator6@demo.local", "Demo!2345");
        await client.OpenAsync($"/work/{campaignId}");

        // Blazor logs the failed call (a JSException carrying the client's text) when it ends the circuit.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!app.Log[logBefore..].Contains("CLIENT-TEXT-", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await Task.Delay(500); // the rest of the entries
        var lines = app.Log[logBefore..].Split('\n').Where(l => l.Contains("CLIENT-TEXT-", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            Assert.Contains("more characters not logged", line, StringComparison.Ordinal);
            Assert.InRange(line.Length, 1, 2_200); // the 2,000 kept, the note of what was cut, the entry's own words
        });
    }
}
