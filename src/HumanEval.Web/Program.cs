using HumanEval.Core.Rubrics;
using HumanEval.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddHumanEval();

var app = builder.Build();
app.UseHumanEval();

try
{
    await app.RunAsync();
    return 0;
}
catch (RubricException ex)
{
    // A broken rubric must stop the app with a message a rubric author can act on, not a stack trace.
    Console.Error.WriteLine(ex.Message);
    return 1;
}

public partial class Program;
