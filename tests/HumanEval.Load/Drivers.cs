using System.Diagnostics;
using HumanEval.Load.Circuit;
using Microsoft.Playwright;

namespace HumanEval.Load;

/// <summary>Opens rating pages for evaluators.</summary>
internal interface IDriver : IAsyncDisposable
{
    Task<ITab> OpenAsync(string email, string password, int campaignId);
}

/// <summary>One evaluator's open rating page.</summary>
internal interface ITab
{
    /// <summary>
    /// Scores the five criteria (<paramref name="keyGap"/> ms apart, like a person), clicks Submit and returns the
    /// milliseconds from that click to the next example on screen.
    /// </summary>
    Task<double> RateOneAsync(int keyGap);

    /// <summary>Keeps what the page showed when something failed (a screenshot, or the page's text).</summary>
    Task RecordFailureAsync(string pathWithoutExtension);
}

internal static class Levels
{
    /// <summary>The scores every driver gives: radio input ids of the rubric's five criteria.</summary>
    public static readonly string[] Chosen = ["accuracy-4", "helpfulness-3", "tone-4", "completeness-5", "safety-1"];
}

/// <summary>The browserless driver: a <see cref="CircuitClient"/> per evaluator (with <c>assets</c>, also fetching each page's stylesheets and scripts as a browser would; with <c>deflate</c>, offering WebSocket compression as a browser does).</summary>
internal sealed class ProtocolDriver(string baseUrl, bool assets = false, bool deflate = false) : IDriver
{
    private readonly List<CircuitClient> clients = [];

    async Task<ITab> IDriver.OpenAsync(string email, string password, int campaignId) => await OpenAsync(email, password, campaignId);

    public async Task<ProtocolTab> OpenAsync(string email, string password, int campaignId)
    {
        var client = new CircuitClient(baseUrl) { Deflate = deflate };
        clients.Add(client);
        await client.SignInAsync(email, password);
        await client.OpenAsync($"/work/{campaignId}", assets);
        await client.WaitForAsync(d => d.Find(n => n["id"] == Levels.Chosen[0])?.Handlers.ContainsKey("change") == true, TimeSpan.FromSeconds(60), "the interactive rating page");
        return new ProtocolTab(client);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }
}

/// <summary>A rating page held by a <see cref="CircuitClient"/>.</summary>
internal sealed class ProtocolTab(CircuitClient client) : ITab
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public async Task<double> RateOneAsync(int keyGap)
    {
        var before = client.Read(ExampleIdOf);
        foreach (var level in Levels.Chosen)
        {
            await client.DispatchAsync(n => n["id"] == level, "change", new { value = level[(level.IndexOf('-') + 1)..] });
            if (keyGap > 0)
            {
                await Task.Delay(keyGap);
            }
        }

        // As a person would: Submit once every score shows as chosen.
        await client.WaitForAsync(d => Levels.Chosen.All(level => d.Find(n => n["id"] == level)?.Attributes.ContainsKey("checked") == true), Patience, "all five scores shown");
        var clicked = Stopwatch.StartNew();
        await client.DispatchAsync(n => n["data-action"] == "submit", "click", new { detail = 1, button = 0, buttons = 0, type = "click" });
        await client.WaitForAsync(d => ExampleIdOf(d) != before, Patience, "the next example after Submit");
        return clicked.Elapsed.TotalMilliseconds;
    }

    public Task RecordFailureAsync(string pathWithoutExtension) =>
        File.WriteAllTextAsync(pathWithoutExtension + ".txt", client.Read(d => d.Text()) + $"\n\nerror: {client.Error}");

    /// <summary>The example on screen ("Example ext-id"), or null when none is (the queue is done, or a status shows).</summary>
    public string? ExampleId => client.Read(ExampleIdOf);

    private static string? ExampleIdOf(VirtualDom dom) => dom.Find(n => n["data-testid"] == "example-id")?.TextContent().Trim();
}

/// <summary>The browser driver: a Playwright context per evaluator in one headless chromium.</summary>
internal sealed class BrowserDriver : IDriver
{
    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly string baseUrl;

    private BrowserDriver(IPlaywright playwright, IBrowser browser, string baseUrl)
    {
        this.playwright = playwright;
        this.browser = browser;
        this.baseUrl = baseUrl;
    }

    public static async Task<BrowserDriver> StartAsync(string baseUrl)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new BrowserDriver(playwright, browser, baseUrl);
    }

    public async Task<ITab> OpenAsync(string email, string password, int campaignId)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = baseUrl });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        await page.GotoAsync($"/work/{campaignId}");
        await page.GetByRole(AriaRole.Radiogroup, new() { Name = "Accuracy", Exact = true }).WaitForAsync();
        await page.Locator("[data-interactive]").First.WaitForAsync();
        return new BrowserTab(page);
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    private sealed class BrowserTab(IPage page) : ITab
    {
        /// <summary>Measured in the page (performance.now at the click, a MutationObserver on the example id), so the driver's own round trips do not count.</summary>
        public async Task<double> RateOneAsync(int keyGap)
        {
            var before = await page.GetByTestId("example-id").TextContentAsync();
            foreach (var level in Levels.Chosen)
            {
                await page.Locator($"label[for={level}]").ClickAsync();
                if (keyGap > 0)
                {
                    await Task.Delay(keyGap);
                }
            }

            await Assertions.Expect(page.Locator($"#{Levels.Chosen[^1]}")).ToBeCheckedAsync(new() { Timeout = 30_000 });
            await page.EvaluateAsync(@"previous => {
                window.__latency = null;
                const started = { at: 0 };
                const onClick = e => { if (e.target.closest('[data-action=submit]')) { started.at = performance.now(); window.removeEventListener('click', onClick, true); } };
                window.addEventListener('click', onClick, true);
                const observer = new MutationObserver(() => {
                    const e = document.querySelector('[data-testid=example-id]');
                    if (started.at && (!e || e.textContent !== previous)) { window.__latency = performance.now() - started.at; observer.disconnect(); }
                });
                observer.observe(document.body, { subtree: true, childList: true, characterData: true });
            }", before);
            await page.Locator("[data-action=submit]").ClickAsync();
            var handle = await page.WaitForFunctionAsync("() => window.__latency", null, new() { Timeout = 60_000, PollingInterval = 20 });
            return await handle.JsonValueAsync<double>();
        }

        public Task RecordFailureAsync(string pathWithoutExtension) =>
            page.ScreenshotAsync(new() { Path = pathWithoutExtension + ".png", FullPage = true });
    }
}
