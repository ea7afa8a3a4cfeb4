namespace LoadGrid.Http;

/// <summary>
/// Request timeout sources shared by all VUs of a flow runner. A source reused by one VU would stay with it while it
/// thinks (a CancellationTokenSource, its timer and registrations: ~290 B per VU, a million times over); pooled, they
/// number the requests in flight. Only sources never cancelled come back (TryReset fails on a fired one).
/// </summary>
internal sealed class TimeoutSourcePool
{
    // Above this many idle sources, returned ones are dropped: a burst of requests does not pin its peak forever.
    private const int Limit = 4096;

    private readonly Stack<CancellationTokenSource> _idle = new();

    public CancellationTokenSource Rent()
    {
        lock (_idle)
        {
            if (_idle.Count > 0) return _idle.Pop();
        }
        return new CancellationTokenSource();
    }

    public void Return(CancellationTokenSource source)
    {
        if (source.TryReset())
        {
            lock (_idle)
            {
                if (_idle.Count < Limit)
                {
                    _idle.Push(source);
                    return;
                }
            }
        }
        source.Dispose();
    }
}
