namespace LoadGrid.Cluster.Worker;

/// <summary>
/// How many iterations a shard's VUs may still start: unlimited for time-based executors, a count per VU for
/// per-vu-iterations (one budget per VU), a count shared by all the shard's VUs for shared-iterations.
/// Lock-free because VUs take from it on their own threads.
/// </summary>
public sealed class IterationBudget
{
    public static readonly IterationBudget Unlimited = new(long.MaxValue);

    private long _remaining;

    public IterationBudget(long iterations) => _remaining = iterations;

    public long Remaining => Interlocked.Read(ref _remaining);

    public bool TryTake()
    {
        if (ReferenceEquals(this, Unlimited)) return true;
        return Interlocked.Decrement(ref _remaining) >= 0;
    }
}
