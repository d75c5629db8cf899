namespace HumanEval.Web.Hosting;

/// <summary>Settings of the app itself (section <c>HumanEval</c>).</summary>
public sealed class AppOptions
{
    public const string Section = "HumanEval";

    /// <summary>Folder of rubric files; relative paths are resolved against the app's folder.</summary>
    public string RubricsDirectory { get; set; } = "rubrics";

    /// <summary>Whether anyone may create an account. Off outside Development: leads invite evaluators.</summary>
    public bool AllowSelfRegistration { get; set; }

    /// <summary>Create the demo users and data on an empty database (only ever in Development).</summary>
    public bool SeedDemoData { get; set; }
}
