using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using HumanEval.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace HumanEval.Web.Hosting;

/// <summary>
/// The app theme's CSS (light and dark) as a cached stylesheet, <c>/theme/light.css</c> and <c>/theme/dark.css</c>,
/// rendered once by MudBlazor's own <see cref="MudThemeProvider"/>. The rating screens link it instead of placing a
/// theme provider in every circuit: the provider keeps a ~33,000-character style block per circuit, and rating pages
/// are the ones open by the dozen.
/// </summary>
internal static partial class ThemeStylesheet
{
    private static readonly ConcurrentDictionary<bool, Lazy<Task<string>>> Cache = new();

    public static string Href(bool dark) => dark ? "theme/dark.css" : "theme/light.css";

    public static IEndpointRouteBuilder MapThemeStylesheets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/theme/{mode:regex(^(light|dark)$)}.css", async (string mode, HttpContext http, IServiceProvider services) =>
        {
            var css = await Cache.GetOrAdd(mode == "dark", dark => new Lazy<Task<string>>(() => RenderAsync(services, dark))).Value;
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(css, "text/css; charset=utf-8");
        }).AllowAnonymous();
        return app;
    }

    private static async Task<string> RenderAsync(IServiceProvider services, bool dark)
    {
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<MudThemeProvider>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = AppTheme.Theme,
                [nameof(MudThemeProvider.IsDarkMode)] = dark,
            }));
            return output.ToHtmlString();
        });
        var css = new StringBuilder();
        foreach (Match block in StyleBlock().Matches(html))
        {
            css.AppendLine(block.Groups[1].Value.Trim());
        }

        return css.ToString();
    }

    [GeneratedRegex("<style[^>]*>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleBlock();
}
