using System.CommandLine;
using HumanEval.Core.Import;
using HumanEval.Data.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace HumanEval.Cli;

/// <summary><c>humaneval import --campaign ID FILE</c>: the same all-or-nothing import as the browser upload.</summary>
public static class ImportCommand
{
    public static Command Create(Option<string?> provider, Option<string?> connection, TextWriter stdout, TextWriter stderr)
    {
        var campaign = new Option<int>("--campaign") { Description = "Campaign id.", Required = true };
        var file = new Argument<FileInfo>("FILE") { Description = "CSV (header row) or JSONL (.jsonl) of examples." };
        var command = new Command("import", "Import examples into a campaign (a pairwise one reads output_a,output_b,version_a,version_b). Any bad line rejects the whole file; known external ids are skipped.");
        command.Options.Add(campaign);
        command.Arguments.Add(file);
        command.SetAction(async (result, ct) =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                await stderr.WriteLineAsync($"error: {path.FullName}: file not found");
                return 2;
            }

            await using var services = CliApp.Services(result.GetValue(provider), result.GetValue(connection));
            var importer = services.GetRequiredService<ExampleImporter>();
            if (await importer.KindAsync(result.GetValue(campaign), ct) is not { } kind)
            {
                await stderr.WriteLineAsync($"error: campaign {result.GetValue(campaign)} does not exist; nothing was imported.");
                return 2;
            }

            var parsed = ExampleFile.ReadFile(path.FullName, ExampleFile.FormatOf(path.Name), kind);

            if (!parsed.Ok)
            {
                await stderr.WriteLineAsync($"error: {path.Name} was not imported ({parsed.Errors.Count}{(parsed.Truncated ? "+" : "")} problems; nothing was written):");
                foreach (var e in parsed.Errors)
                {
                    await stderr.WriteLineAsync($"  {path.Name} {e}");
                }

                return 2;
            }

            try
            {
                var summary = await importer.ImportAsync(result.GetValue(campaign), parsed.Rows, null, ct);
                await stdout.WriteLineAsync($"Imported {summary.Added} examples; {summary.AlreadyPresent} already present.");
                return 0;
            }
            catch (InvalidOperationException ex)
            {
                await stderr.WriteLineAsync($"error: {ex.Message}");
                return 2;
            }
        });
        return command;
    }
}
