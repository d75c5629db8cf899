using HumanEval.Core.Assignment;
using HumanEval.Data;
using HumanEval.Data.Entities;
using HumanEval.Web.Tests.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HumanEval.Web.Tests.Cli;

/// <summary>The <c>humaneval</c> program, run as a process.</summary>
public sealed class CliTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("humaneval-cli-");

    private string Database => Path.Combine(dir.FullName, "cli.db");

    private Task<AppProcess.Result> Run(string? stdin, params string[] args) =>
        AppProcess.RunAsync("humaneval.dll", args, new Dictionary<string, string>
        {
            ["ConnectionStrings__HumanEval"] = $"Data Source={Database}",
        }, stdin);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        dir.Delete(recursive: true);
    }

    [Fact]
    public async Task Version_prints_the_product_version()
    {
        var run = await Run(null, "--version");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("0.1.0", run.Stdout.Trim());
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var run = await Run(null, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("db", run.Stdout);
        Assert.Contains("user", run.Stdout);
        Assert.Contains("--provider", run.Stdout);
    }

    [Fact]
    public async Task User_add_creates_a_confirmed_account_with_its_role_whose_password_works()
    {
        var run = await Run("S3cure!pass-word\n", "user", "add", "--email", "boss@example.com", "--role", "admin", "--password-stdin");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("Created Admin boss@example.com", run.Stdout);
        Assert.DoesNotContain("S3cure", run.Stdout);

        await using var services = HumanEval.Cli.CliApp.Services("Sqlite", $"Data Source={Database}");
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync("boss@example.com");
        Assert.NotNull(user);
        Assert.True(user.EmailConfirmed);
        Assert.True(await users.CheckPasswordAsync(user, "S3cure!pass-word"));
        Assert.Equal([Roles.Admin], await users.GetRolesAsync(user));
    }

    [Fact]
    public async Task User_add_without_a_password_generates_one_and_shows_it_once()
    {
        var run = await Run(null, "user", "add", "--email", "rater@example.com", "--role", "Evaluator", "--evaluator-type", "DomainExpert");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var line = Assert.Single(run.Stdout.Split('\n'), l => l.StartsWith("Password (shown once): ", StringComparison.Ordinal));
        var password = line["Password (shown once): ".Length..].Trim();
        Assert.Equal(20, password.Length);

        await using var services = HumanEval.Cli.CliApp.Services("Sqlite", $"Data Source={Database}");
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync("rater@example.com"))!, password));
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(EvaluatorKind.DomainExpert, (await db.EvaluatorProfiles.SingleAsync()).Type);
    }

    [Fact]
    public async Task A_second_user_add_with_the_same_email_changes_nothing_and_fails()
    {
        await Run("S3cure!pass-word\n", "user", "add", "--email", "a@example.com", "--role", "Lead", "--password-stdin");

        var again = await Run("Other!pass-word1\n", "user", "add", "--email", "a@example.com", "--role", "Admin", "--password-stdin");

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Stderr);
    }

    [Theory]
    [InlineData("Owner", "weak-enough-pass!1A", "Unknown role 'Owner'")]
    [InlineData("Lead", "short", "Passwords must be at least 8 characters")]
    public async Task Bad_input_exits_2_with_a_message(string role, string password, string message)
    {
        var run = await Run(password + "\n", "user", "add", "--email", "x@example.com", "--role", role, "--password-stdin");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr);
    }

    [Fact]
    public async Task Db_migrate_creates_the_schema_and_is_idempotent()
    {
        var first = await Run(null, "db", "migrate");
        var second = await Run(null, "db", "migrate");

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Matches(@"Applied \d+ migration\(s\): \d+_Initial", first.Stdout);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("up to date", second.Stdout);
    }

    [Fact]
    public async Task Db_script_for_sql_server_needs_no_server()
    {
        var run = await AppProcess.RunAsync("humaneval.dll", ["db", "script", "--provider", "SqlServer"]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("CREATE TABLE [RubricVersions]", run.Stdout);
        Assert.Contains("IF NOT EXISTS (", run.Stdout);
    }
}
