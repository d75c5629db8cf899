using System.CommandLine;
using HumanEval.Core.Assignment;
using HumanEval.Data;
using HumanEval.Data.Entities;
using HumanEval.Data.Workflow;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HumanEval.Cli;

/// <summary>
/// The <c>humaneval</c> command: the same Core and Data as the web app, for scripts and pipelines.
/// Exit codes: 0 success, 1 failure of the operation, 2 bad input.
/// </summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var provider = new Option<string?>("--provider")
        {
            Description = "Database provider: Sqlite (default) or SqlServer. Also from Database__Provider.",
            Recursive = true,
        };
        var connection = new Option<string?>("--connection")
        {
            Description = "Connection string. Also from ConnectionStrings__HumanEval. Default: Data Source=App_Data/humaneval.db",
            Recursive = true,
        };

        var root = new RootCommand("HumanEval: human evaluation of model outputs, from the command line.");
        root.Options.Add(provider);
        root.Options.Add(connection);
        root.Subcommands.Add(DbCommand(provider, connection, stdout, stderr));
        root.Subcommands.Add(UserCommand(provider, connection, stdin, stdout, stderr));
        root.Subcommands.Add(AgreementCommand.Create(stdout, stderr));
        root.Subcommands.Add(CompareCommand.Create(stdout, stderr));
        root.Subcommands.Add(ImportCommand.Create(provider, connection, stdout, stderr));

        var parse = root.Parse(args);
        if (parse.CommandResult.Command == root && args.Length > 0 && !args[0].StartsWith('-'))
        {
            // 'humaneval compaer --help' would print the root help and exit 0; a misspelt command is an error.
            await stderr.WriteLineAsync($"error: unknown command '{args[0]}'. Commands: {string.Join(", ", root.Subcommands.Select(c => c.Name))}.");
            await stderr.WriteLineAsync("Run 'humaneval --help' for usage.");
            return 2;
        }

        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await stderr.WriteLineAsync($"error: {error.Message}");
            }

            await stderr.WriteLineAsync("Run 'humaneval --help' for usage.");
            return 2;
        }

        var config = new InvocationConfiguration { Output = stdout, Error = stderr };
        return await parse.InvokeAsync(config);
    }

    private static Command DbCommand(Option<string?> provider, Option<string?> connection, TextWriter stdout, TextWriter stderr)
    {
        var migrate = new Command("migrate", "Apply pending migrations to the database (creating it if needed).");
        migrate.SetAction(async (result, ct) => await Guard(stderr, async () =>
        {
            await using var services = Services(result.GetValue(provider), result.GetValue(connection));
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await DatabaseInitializer.MigrateAsync(db, ct);
            await stdout.WriteLineAsync(pending.Count == 0
                ? "Database is up to date."
                : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
            return 0;
        }));

        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the script to this file instead of stdout." };
        var script = new Command("script", "Print an idempotent SQL script of all migrations for the configured provider (for DBAs).");
        script.Options.Add(output);
        script.SetAction(async (result, ct) => await Guard(stderr, async () =>
        {
            await using var services = Services(result.GetValue(provider), result.GetValue(connection), allowMissingConnection: true);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var sql = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
            if (result.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, sql, ct);
                await stdout.WriteLineAsync($"Wrote {file.FullName}");
            }
            else
            {
                await stdout.WriteAsync(sql);
            }

            return 0;
        }));

        var db = new Command("db", "Database schema commands.");
        db.Subcommands.Add(migrate);
        db.Subcommands.Add(script);
        return db;
    }

    private static Command UserCommand(Option<string?> provider, Option<string?> connection, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var email = new Option<string>("--email") { Description = "The user's email (also the login name).", Required = true };
        var role = new Option<string>("--role") { Description = "Admin, Lead or Evaluator.", Required = true };
        var name = new Option<string?>("--name") { Description = "Display name (default: the part of the email before @)." };
        var type = new Option<EvaluatorKind?>("--evaluator-type") { Description = "For evaluators: DomainExpert or RepresentativeUser." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of stdin; otherwise one is generated and printed once." };

        var add = new Command("add", "Create a user with a role; the account is ready to log in.");
        add.Options.Add(email);
        add.Options.Add(role);
        add.Options.Add(name);
        add.Options.Add(type);
        add.Options.Add(passwordStdin);
        add.SetAction(async (result, ct) => await Guard(stderr, async () =>
        {
            var roleName = Roles.All.FirstOrDefault(r => string.Equals(r, result.GetValue(role), StringComparison.OrdinalIgnoreCase));
            if (roleName is null)
            {
                await stderr.WriteLineAsync($"Unknown role '{result.GetValue(role)}'. Use one of: {string.Join(", ", Roles.All)}.");
                return 2;
            }

            var address = result.GetValue(email)!.Trim();
            string password;
            var generated = false;
            if (result.GetValue(passwordStdin))
            {
                password = (await stdin.ReadLineAsync(ct))?.TrimEnd('\r', '\n') ?? "";
                if (password.Length == 0)
                {
                    await stderr.WriteLineAsync("--password-stdin was given but stdin had no password line.");
                    return 2;
                }
            }
            else
            {
                password = PasswordGenerator.Generate();
                generated = true;
            }

            await using var services = Services(result.GetValue(provider), result.GetValue(connection));
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await DatabaseInitializer.MigrateAsync(db, ct);
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            var display = result.GetValue(name) ?? address.Split('@')[0];
            try
            {
                var created = await accounts.CreateAsync(
                    new NewUser(address, display, roleName, password, result.GetValue(type)), DateTime.UtcNow);
                if (!created)
                {
                    await stderr.WriteLineAsync($"A user with email {address} already exists; nothing changed.");
                    return 1;
                }
            }
            catch (InvalidOperationException ex)
            {
                await stderr.WriteLineAsync(ex.Message);
                return 2;
            }

            await stdout.WriteLineAsync($"Created {roleName} {address}.");
            if (generated)
            {
                await stdout.WriteLineAsync($"Password (shown once): {password}");
            }

            return 0;
        }));

        var user = new Command("user", "User accounts.");
        user.Subcommands.Add(add);
        return user;
    }

    private static async Task<int> Guard(TextWriter stderr, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is InvalidOperationException or DbUpdateException or Microsoft.Data.Sqlite.SqliteException)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
    }

    public static ServiceProvider Services(string? provider, string? connection, bool allowMissingConnection = false)
    {
        var values = new Dictionary<string, string?>();
        if (provider is not null)
        {
            values["Database:Provider"] = provider;
        }

        if (connection is not null)
        {
            values["ConnectionStrings:HumanEval"] = connection;
        }

        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(values)
            .Build();
        if (allowMissingConnection && string.IsNullOrWhiteSpace(configuration.GetConnectionString("HumanEval")) &&
            string.Equals(configuration["Database:Provider"], nameof(DatabaseProvider.SqlServer), StringComparison.OrdinalIgnoreCase))
        {
            // Script generation needs no server; a placeholder connection string lets the provider build the model.
            values["ConnectionStrings:HumanEval"] = "Server=.;Database=HumanEval;Trusted_Connection=True;TrustServerCertificate=True";
            configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(values).Build();
        }

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddHumanEvalWorkflow(Directory.GetCurrentDirectory());
        services.AddIdentityCore<ApplicationUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                AppDbContext.ConfigureIdentityStore(o);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>();
        return services.BuildServiceProvider();
    }
}
