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

    /// <summary>
    /// How often a signed-in session is checked against the account's security stamp, by the cookie and by open
    /// circuits alike: a lock, a removed role, a logout elsewhere or a password change ends access within this time.
    /// </summary>
    public int SessionCheckSeconds { get; set; } = 60;

    public TimeSpan SessionCheck => TimeSpan.FromSeconds(SessionCheckSeconds);
}
