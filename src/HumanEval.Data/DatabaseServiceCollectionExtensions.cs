using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HumanEval.Data;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AppDbContext"/> (scoped, for Identity and request handlers) and
    /// <see cref="IDbContextFactory{AppDbContext}"/> (for interactive components, whose circuits live for minutes).
    /// </summary>
    public static DatabaseSettings AddHumanEvalDatabase(this IServiceCollection services, IConfiguration configuration, string baseDirectory)
    {
        var settings = DatabaseSettings.From(configuration, baseDirectory);
        services.AddSingleton(settings);
        services.AddDbContextFactory<AppDbContext>(settings.Configure, ServiceLifetime.Singleton);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        return settings;
    }
}
