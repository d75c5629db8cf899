using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace HumanEval.Web.Hosting;

internal static class ConfigurationExtensions
{
    /// <summary>
    /// The repository's root <c>appsettings.Development.json</c> is the one file of Development settings. The build
    /// copies it beside the app; this puts it in the place of the content-root file the default host would read,
    /// so environment variables and the command line still override it.
    /// </summary>
    public static void UseRootDevelopmentSettings(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            return;
        }

        var sources = builder.Configuration.Sources;
        var fileName = $"appsettings.{builder.Environment.EnvironmentName}.json";
        var index = -1;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource json && string.Equals(json.Path, fileName, StringComparison.OrdinalIgnoreCase))
            {
                index = i;
                break;
            }
        }

        var source = new JsonConfigurationSource
        {
            Path = fileName,
            Optional = true,
            ReloadOnChange = false,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        };
        source.ResolveFileProvider();
        if (index >= 0)
        {
            sources[index] = source;
        }
        else
        {
            sources.Insert(Math.Min(1, sources.Count), source);
        }
    }
}
