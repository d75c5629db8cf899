using HumanEval.Core.Sessions;
using HumanEval.Data.Workflow;

namespace HumanEval.Web.Features.Work;

/// <summary>
/// One rating form in progress, as the rating page and the change page hold it: what is entered
/// (<see cref="RatingEntry"/>), the active time on it (Core's <see cref="ActiveTime"/> with the campaign's session
/// policy), the problems to show, whether a save or submit is under way, and the save state line.
/// </summary>
public sealed class RatingSession(TimeProvider clock)
{
    private ActiveTime active = new();

    public RatingEntry Entry { get; private set; } = new();

    public IReadOnlyList<string> Problems { get; set; } = [];

    /// <summary>The line beside the session clock: "Draft saved", "Unsaved changes…", "Not submitted yet", …</summary>
    public string SaveState { get; set; } = "";

    public bool Busy { get; set; }

    /// <summary>Starts a form from a saved draft or version (or empty), counting active time under <paramref name="policy"/>.</summary>
    public void Start(DraftInput? saved, SessionPolicy policy, int carriedSeconds = 0, string saveState = "")
    {
        Entry = RatingEntry.From(saved);
        active = new ActiveTime(policy);
        active.Reset(carriedSeconds, Now);
        Problems = [];
        SaveState = saveState;
        Busy = false;
    }

    /// <summary>An interaction now: counts towards the active time on this item.</summary>
    public void Touch() => active.Touch(Now);

    /// <summary>What to store: the form as it is now with its active time.</summary>
    public DraftInput Snapshot() => Entry.ToInput(active.Seconds);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
