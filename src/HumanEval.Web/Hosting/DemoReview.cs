namespace HumanEval.Web.Hosting;

/// <summary>
/// The demo's review queue: on last week's campaign, the first two prompt-v1 examples whose first rater gave accuracy
/// 3 or more get a third rater two points lower (a spread the queue shows), and the first v2 example whose second rater
/// is not the straight-liner a rater's flag (demo-004).
/// Applied to the scores as they are drawn (ratings are append-only once saved), after the random draws, so the rest
/// of the seeded data — and the Versions tab's "Ship v2" — stays as it was. Evaluator 3 is a reviewer. Evaluator 5
/// straight-lines: every rating gives each 1–5 criterion the rating's own mean score (so the version means barely
/// move), which the roster shows as a straight-lining flag.
/// </summary>
internal sealed class DemoReview
{
    public const string ReviewerEmail = "evaluator3@demo.local";

    public const string StraightLinerEmail = "evaluator5@demo.local";

    private int disputes;
    private bool flagged;
    private int firstAccuracy;

    /// <summary>Adjusts the <paramref name="index"/>-th rating (0-based) of an example; returns the criterion comments and flag to record.</summary>
    public (Dictionary<string, string> Comments, bool Flagged, string? Reason) Adjust(string? promptVersion, int index, Dictionary<string, int> scores, string? email, IReadOnlyCollection<string> ordinal)
    {
        var comments = new Dictionary<string, string>();
        if (email == StraightLinerEmail)
        {
            var mean = (int)Math.Round(ordinal.Average(k => scores[k]), MidpointRounding.AwayFromZero);
            foreach (var key in ordinal)
            {
                scores[key] = mean;
            }

            if (index == 0)
            {
                firstAccuracy = mean;
            }

            return (comments, false, null);
        }

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
