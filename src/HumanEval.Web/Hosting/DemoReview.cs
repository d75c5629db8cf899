namespace HumanEval.Web.Hosting;

/// <summary>
/// The demo's review queue: on last week's campaign, the first two prompt-v1 examples whose first rater gave accuracy
/// 3 or more get a third rater two points lower (a spread the queue shows), and the first v2 example a rater's flag.
/// Applied to the scores as they are drawn (ratings are append-only once saved), after the random draws, so the rest
/// of the seeded data — and the Versions tab's "Ship v2" — stays as it was. Evaluator 3 is a reviewer.
/// </summary>
internal sealed class DemoReview
{
    public const string ReviewerEmail = "evaluator3@demo.local";

    private int disputes;
    private bool flagged;
    private int firstAccuracy;

    /// <summary>Adjusts the <paramref name="index"/>-th rating (0-based) of an example; returns the criterion comments and flag to record.</summary>
    public (Dictionary<string, string> Comments, bool Flagged, string? Reason) Adjust(string? promptVersion, int index, Dictionary<string, int> scores)
    {
        var comments = new Dictionary<string, string>();
        if (index == 0)
        {
            firstAccuracy = scores["accuracy"];
        }

        if (promptVersion == "v1" && index == 2 && firstAccuracy >= 3 && disputes < 2)
        {
            disputes++;
            scores["accuracy"] = firstAccuracy - 2;
            comments["accuracy"] = "States a refund window the context does not give.";
        }

        if (promptVersion == "v2" && index == 1 && !flagged)
        {
            flagged = true;
            return (comments, true, "Cites a policy page I could not find; please check.");
        }

        return (comments, false, null);
    }
}
