using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HumanEval.Data;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AppDbContext"/> (scoped, for Identity and request handlers) and
    /// <see cref="IDbContextFactory{AppDbContext}"/> (for interactive components, whose circuits live for minutes).
    /// The settings are read from the final configuration when first needed, so hosts and tests can override them.
    /// </summary>
    public static IServiceCollection AddHumanEvalDatabase(this IServiceCollection services, string baseDirectory)
    {
        // The Identity tables depend on the store options; every host of this context builds the same model.
        services.Configure<IdentityOptions>(AppDbContext.ConfigureIdentityStore);
        services.AddSingleton(sp => DatabaseSettings.From(sp.GetRequiredService<IConfiguration>(), baseDirectory));
        services.AddDbContextFactory<AppDbContext>(
            (sp, options) => sp.GetRequiredService<DatabaseSettings>().Configure(options), ServiceLifetime.Singleton);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        return services;
    }
}
