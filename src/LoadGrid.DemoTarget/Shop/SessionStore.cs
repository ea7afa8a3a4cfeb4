using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace LoadGrid.DemoTarget.Shop;

/// <summary>A logged-in user's cart. Guarded by its own lock: one VU's requests may overlap.</summary>
internal sealed class Session(string user, long now)
{
    public string User { get; } = user;

    public Lock Gate { get; } = new();

    /// <summary>Quantity by product id, in the order first added.</summary>
    public Dictionary<int, int> Items { get; } = [];

    public long LastUsed { get; set; } = now;
}

/// <summary>
/// Tokens and their carts. A load test logs in over and over, so sessions idle for <see cref="IdleLimit"/> are swept
/// once a minute; memory stays bounded by the login rate times that limit.
/// </summary>
internal sealed class SessionStore : IDisposable
{
    public static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ITimer _sweeper;

    public SessionStore(TimeProvider time)
    {
        _time = time;
        _sweeper = time.CreateTimer(_ => Sweep(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public int Count => _sessions.Count;

    public string Login(string user)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _sessions[token] = new Session(user, _time.GetTimestamp());
        return token;
    }

    public Session? Find(string? token)
    {
        if (string.IsNullOrEmpty(token) || !_sessions.TryGetValue(token, out var session)) return null;
        session.LastUsed = _time.GetTimestamp();
        return session;
    }

    /// <summary>Drops sessions not used for <see cref="IdleLimit"/>.</summary>
    public void Sweep()
    {
        var now = _time.GetTimestamp();
        foreach (var (token, session) in _sessions)
        {
            if (_time.GetElapsedTime(session.LastUsed, now) > IdleLimit)
                _sessions.TryRemove(token, out _);
        }
    }

    public void Dispose() => _sweeper.Dispose();
}
