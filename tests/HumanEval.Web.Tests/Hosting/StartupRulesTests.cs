using System.Net;
using HumanEval.Data;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Web.Tests.Hosting;

/// <summary>Start-up behaviour that needs its own app instance: restarts, broken rubrics, registration closed.</summary>
public sealed class StartupRulesTests
{
    [Fact]
    public async Task Restarting_on_the_same_database_does_not_duplicate_the_seed_or_the_rubric_version()
    {
        var path = Path.Combine(Path.GetTempPath(), $"humaneval-restart-{Guid.NewGuid():N}.db");
        try
        {
            using (var first = new TestApp(databasePath: path))
            {
                Assert.Equal(HttpStatusCode.OK, (await first.CreateClient().GetAsync("/health")).StatusCode);
            }

            using var second = new TestApp(databasePath: path);
            Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().GetAsync("/health")).StatusCode);
            Assert.Equal(8, await second.WithDb(db => db.Users.CountAsync()));
            Assert.Equal(3, await second.WithDb(db => db.Roles.CountAsync()));
            Assert.Equal(1, await second.WithDb(db => db.RubricVersions.CountAsync()));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    [Fact]
    public async Task A_broken_rubric_file_stops_start_up_naming_the_file_and_the_problem_and_touches_no_database()
    {
        var dir = Directory.CreateTempSubdirectory("rubrics-broken-");
        var database = Path.Combine(dir.FullName, "app.db");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "broken.json"),
                "{\n  \"name\": \"Broken\",\n  \"criteria\": [\n    { \"key\": \"tone\", \"label\": \"Tone\", \"scale\": \"stars\" }\n  ]\n}");

            var run = await AppProcess.RunAsync("HumanEval.Web.dll", ["--urls", "http://127.0.0.1:0"], new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["HumanEval__RubricsDirectory"] = dir.FullName,
                ["ConnectionStrings__HumanEval"] = $"Data Source={database}",
            });

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("broken.json", run.Stderr);
            Assert.Contains("line 4, criteria[0].scale: unknown scale 'stars'", run.Stderr);
            Assert.DoesNotContain("Now listening", run.Stdout);
            Assert.False(File.Exists(database), "the database is not created when the rubrics are broken");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task With_self_registration_off_the_register_page_refuses_with_403_and_login_hides_the_link()
    {
        using var app = new TestApp(new Dictionary<string, string?> { ["HumanEval:AllowSelfRegistration"] = "false" });
        var client = app.CreateBrowserLikeClient();

        var register = await client.GetAsync("/Account/Register");
        var login = await client.GetStringAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.Forbidden, register.StatusCode);
        Assert.Contains("Registration is closed", await register.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Account/Register", login);
    }

    [Fact]
    public async Task Outside_development_nothing_is_seeded()
    {
        using var app = new TestApp(environment: "Production");

        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health")).StatusCode);
        Assert.Equal(0, await app.WithDb(db => db.Users.CountAsync()));
        Assert.Equal(1, await app.WithDb(db => db.RubricVersions.CountAsync()));
    }
}
