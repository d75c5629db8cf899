namespace HumanEval.Web.Features.Work;

/// <summary>Active seconds on one example: gaps between interactions count up to the idle cutoff (5 minutes).</summary>
internal sealed class ActiveTime
{
    private static readonly TimeSpan IdleCutoff = TimeSpan.FromMinutes(5);
    private DateTime last;
    private double seconds;

    public int Seconds => (int)seconds;

    public void Reset(int carried, DateTime now)
    {
        seconds = carried;
        last = now;
    }

    public void Touch(DateTime now)
    {
        var gap = now - last;
        if (gap > TimeSpan.Zero && gap <= IdleCutoff)
        {
            seconds += gap.TotalSeconds;
        }

        last = now;
    }
}
