using System.Net;
using System.Text.RegularExpressions;

namespace HumanEval.Web.Tests.Hosting;

public sealed partial class ForwardedHeadersTests
{
    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private static async Task<HttpResponseMessage> LoginThroughProxyAsync(HttpClient client, string? proto)
    {
        var get = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login");
        foreach (var request in new[] { get, post })
        {
            if (proto is not null)
            {
                request.Headers.Add("X-Forwarded-Proto", proto);
                request.Headers.Add("X-Forwarded-For", "203.0.113.50");
            }
        }

        var page = await (await client.SendAsync(get)).Content.ReadAsStringAsync();
        post.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value),
            ["Input.Email"] = "lead@demo.local",
            ["Input.Password"] = "Demo!2345",
        });
        return await client.SendAsync(post);
    }

    [Fact]
    public async Task Behind_a_tls_proxy_the_sign_in_cookie_is_secure_and_hsts_is_sent()
    {
        using var app = new TestApp(environment: "Production", settings: new Dictionary<string, string?> { ["HumanEval:SeedDemoData"] = "false" });
        using var dev = new TestApp();

        var viaProxy = await LoginThroughProxyAsync(dev.CreateBrowserLikeClient(), "https");
        var direct = await LoginThroughProxyAsync(dev.CreateBrowserLikeClient(), null);

        Assert.Equal(HttpStatusCode.Redirect, viaProxy.StatusCode);
        Assert.Contains(viaProxy.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(direct.Headers.GetValues("Set-Cookie"), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));

        var hsts = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        hsts.Headers.Add("X-Forwarded-Proto", "https");
        hsts.Headers.Host = "humaneval.example.com"; // HSTS is never sent for localhost
        var production = await app.CreateClient().SendAsync(hsts);
        Assert.True(production.Headers.Contains("Strict-Transport-Security"), string.Join(", ", production.Headers.Select(h => h.Key)));
    }
}
