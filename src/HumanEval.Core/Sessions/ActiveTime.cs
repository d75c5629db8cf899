namespace HumanEval.Core.Sessions;

/// <summary>
/// Active time on the example in hand, counted by the page between the evaluator's interactions with the session's
/// own rule (<see cref="SessionRules.Counted"/>): gaps up to the idle cutoff count, longer ones do not. Stored with the
/// draft and the rating.
/// </summary>
public sealed class ActiveTime(SessionPolicy policy)
{
    private DateTime last;
    private TimeSpan total;

    public ActiveTime()
        : this(new SessionPolicy())
    {
    }

    public int Seconds => (int)total.TotalSeconds;

    /// <summary>Starts counting at <paramref name="now"/> from <paramref name="carriedSeconds"/> (a restored draft's time).</summary>
    public void Reset(int carriedSeconds, DateTime now)
    {
        total = TimeSpan.FromSeconds(carriedSeconds);
        last = now;
    }

    /// <summary>An interaction (or a heartbeat from a visible tab) at <paramref name="now"/>.</summary>
    public void Touch(DateTime now)
    {
        total += SessionRules.Counted(now - last, policy);
        if (now > last)
        {
            last = now;
        }
    }
}
