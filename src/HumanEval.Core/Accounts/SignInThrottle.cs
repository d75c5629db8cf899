namespace HumanEval.Core.Accounts;

/// <summary>How many failed sign-ins are tolerated, and for how long they are remembered.</summary>
/// <param name="PerAccountFromAddress">Failures on one account from one address before that address is held off that account.</param>
/// <param name="PerAddress">Failures from one address, over every account, before the address is held off all of them.</param>
/// <param name="Window">How long a failure counts, and how long a hold lasts after the last failure.</param>
public sealed record SignInLimits(int PerAccountFromAddress = 5, int PerAddress = 20, TimeSpan Window = default)
{
    public TimeSpan Window { get; init; } = Window == default ? TimeSpan.FromMinutes(15) : Window;
}

/// <summary>
/// Failed sign-ins counted per (address, account) and per address, so guessing is slowed where it happens without
/// letting anyone lock someone else out: five wrong passwords from one address hold that address off that account
/// for the window — the real person, signing in from their own address, is not affected — and twenty failures from
/// one address (password spraying across accounts) hold the address off every account. The account's own lockout
/// (Identity, a higher threshold) stays as the last resort against guessing from many addresses; one address can
/// never reach it (it is held off first). Accounts are compared ignoring case. In memory, per server instance.
/// </summary>
public sealed class SignInThrottle(SignInLimits limits)
{
    private readonly Dictionary<(string Address, string Account), Failures> byPair = [];
    private readonly Dictionary<string, Failures> byAddress = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    private sealed class Failures
    {
        public int Count { get; set; }

        public DateTime Last { get; set; }
    }

    public SignInLimits Limits => limits;

    /// <summary>Whether this address may try this account now (checked before the password is).</summary>
    public bool Allows(string address, string account, DateTime now)
    {
        var key = (address, Normalize(account));
        lock (gate)
        {
            return !Held(byPair.GetValueOrDefault(key), limits.PerAccountFromAddress, now)
                && !Held(byAddress.GetValueOrDefault(address), limits.PerAddress, now);
        }
    }

    public void Failed(string address, string account, DateTime now)
    {
        var key = (address, Normalize(account));
        lock (gate)
        {
            Count(byPair, key, now);
            Count(byAddress, address, now);
            if (byPair.Count > 100_000)
            {
                Forget(now); // memory stays bounded under a flood of invented accounts
            }
        }
    }

    /// <summary>A success clears this address's failures on this account (not the address's total).</summary>
    public void Succeeded(string address, string account)
    {
        lock (gate)
        {
            byPair.Remove((address, Normalize(account)));
        }
    }

    private static string Normalize(string account) => account.Trim().ToUpperInvariant();

    private bool Held(Failures? failures, int limit, DateTime now) =>
        failures is not null && failures.Count >= limit && now - failures.Last < limits.Window;

    private void Count<TKey>(Dictionary<TKey, Failures> map, TKey key, DateTime now)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var failures) || now - failures.Last >= limits.Window)
        {
            failures = new Failures();
            map[key] = failures;
        }

        failures.Count++;
        failures.Last = now;
    }

    private void Forget(DateTime now)
    {
        foreach (var key in byPair.Where(p => now - p.Value.Last >= limits.Window).Select(p => p.Key).ToList())
        {
            byPair.Remove(key);
        }

        foreach (var key in byAddress.Where(p => now - p.Value.Last >= limits.Window).Select(p => p.Key).ToList())
        {
            byAddress.Remove(key);
        }
    }
}
