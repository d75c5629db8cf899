using HumanEval.Core.Sessions;
using HumanEval.Data;
using HumanEval.Data.Workflow;
using Microsoft.Extensions.Logging;

namespace HumanEval.Web.Features.Work;

/// <summary>
/// How the rating page keeps a draft safe: a score or the flag saves at once, typed text after a 600 ms pause; one save
/// runs at a time and each takes the form as it is when its turn comes (two overlapping saves could otherwise land out
/// of order and store an older draft); Submit waits for a save in flight. When the database does not answer, the form
/// keeps everything, says so, and the next change, heartbeat or Submit saves it. Every save and heartbeat hands the
/// session clock it came back with to <paramref name="clockChanged"/> (null after a fault). Faults are logged.
/// </summary>
public sealed class DraftAutosave(RatingSession form, DraftStore drafts, string evaluatorId, Func<long?> assignment, Action<SessionClock?> clockChanged, ILogger logger) : IDisposable
{
    private static readonly TimeSpan TypingPause = TimeSpan.FromMilliseconds(600);
    private readonly SemaphoreSlim saving = new(1, 1);
    private CancellationTokenSource? debounce;
    private bool offline;

    /// <summary>A score or the flag changed: save now.</summary>
    public async Task SaveNowAsync()
    {
        if (assignment() is not { } assignmentId)
        {
            return;
        }

        form.Touch();
        form.SaveState = "Saving…";
        SessionClock? after = null;
        await saving.WaitAsync();
        try
        {
            if (assignment() != assignmentId)
            {
                return;
            }

            var saved = form.Snapshot();
            after = await drafts.SaveDraftAsync(assignmentId, evaluatorId, saved);
            form.SaveState = form.Entry.Shows(saved) ? "Draft saved" : "Unsaved changes…";
            if (offline)
            {
                offline = false;
                form.Problems = [];
            }
        }
        catch (Exception e) when (DatabaseFaults.IsUnavailable(e))
        {
            logger.LogWarning(e, "The database did not answer during {Step} of assignment {AssignmentId}; the form keeps everything", "a draft save", assignment());
            offline = true;
            form.SaveState = "Draft not saved yet — the database is not answering";
        }
        finally
        {
            saving.Release();
        }

        clockChanged(after);
    }

    /// <summary>Text typed anywhere on the form: saved after a short pause; until then the page says "Unsaved changes…".</summary>
    public async Task SaveSoonAsync()
    {
        form.SaveState = "Unsaved changes…";
        debounce?.Cancel();
        debounce = new CancellationTokenSource();
        var token = debounce.Token;
        try
        {
            await Task.Delay(TypingPause, token);
            await SaveNowAsync();
        }
        catch (TaskCanceledException)
        {
        }
    }

    /// <summary>The page's heartbeat (tab visible, evaluator active): keeps the reservation and counts the time; retries a failed save.</summary>
    public async Task KeepAliveAsync()
    {
        if (assignment() is not { } assignmentId)
        {
            return;
        }

        form.Touch();
        try
        {
            var after = await drafts.KeepAliveAsync(assignmentId, evaluatorId);
            if (offline)
            {
                await SaveNowAsync();
                return;
            }

            clockChanged(after);
        }
        catch (Exception e) when (DatabaseFaults.IsUnavailable(e))
        {
            logger.LogWarning(e, "The database did not answer during {Step} of assignment {AssignmentId}; the form keeps everything", "a heartbeat", assignment());
            offline = true;
            clockChanged(null);
        }
    }

    /// <summary>Submits the form after any save in flight; true when it was stored. A fault loses nothing: Submit again.</summary>
    public async Task<bool> SubmitAsync(Func<DraftInput, Task<SubmitResult>> submit)
    {
        form.Busy = true;
        form.Touch();
        SubmitResult result;
        await saving.WaitAsync();
        try
        {
            result = await submit(form.Snapshot());
        }
        catch (Exception e) when (DatabaseFaults.IsUnavailable(e))
        {
            logger.LogWarning(e, "The database did not answer during {Step} of assignment {AssignmentId}; the form keeps everything", "a submit", assignment());
            // One transaction: nothing of this rating was written. Everything entered is still here.
            offline = true;
            form.Problems = [DatabaseFaults.Message];
            form.SaveState = "Not submitted yet";
            return false;
        }
        finally
        {
            form.Busy = false;
            saving.Release();
        }

        offline = false;
        if (result.Outcome != SubmitOutcome.Submitted)
        {
            form.Problems = result.Problems;
            return false;
        }

        return true;
    }

    /// <summary>Skips the item in hand; true when done (false when the database did not answer, which the form says).</summary>
    public async Task<bool> SkipAsync(Func<Task> skip)
    {
        form.Busy = true;
        try
        {
            await skip();
            return true;
        }
        catch (Exception e) when (DatabaseFaults.IsUnavailable(e))
        {
            logger.LogWarning(e, "The database did not answer during {Step} of assignment {AssignmentId}; the form keeps everything", "a skip", assignment());
            form.Problems = [DatabaseFaults.Message];
            return false;
        }
        finally
        {
            form.Busy = false;
        }
    }

    public void Dispose()
    {
        debounce?.Cancel();
        debounce?.Dispose();
        saving.Dispose();
    }
}
