using System.Diagnostics;
using System.Threading.Tasks.Sources;

namespace LoadGrid.Http;

/// <summary>
/// Where thinking virtual users sleep: one hashed timing wheel, driven by one timer for the whole process, instead of
/// a <c>Task.Delay</c> per VU (a timer, a promise and a cancellation registration each, ~260 B, and a timer-queue
/// entry the runtime walks). A sleeper is a pooled node in a bucket; each tick wakes the nodes whose deadline has
/// passed, so a sleep ends within one <see cref="Tick"/> after its duration, never before it. A cancelled token
/// wakes every sleeper waiting on it at once (one registration per distinct token, not one per sleeper).
/// </summary>
public sealed class ThinkWheel
{
    /// <summary>The process's wheel; 5 ms ticks.</summary>
    public static readonly ThinkWheel Shared = new(TimeSpan.FromMilliseconds(5), Stopwatch.GetTimestamp, startTimer: true);

    // 4096 buckets of 5 ms: one turn is 20.48 s, so a 60 s think is looked at three times before it is due.
    private const int BucketCount = 4096;
    private const int PoolLimit = 1024;

    private readonly object _lock = new();
    private readonly Node?[] _buckets = new Node?[BucketCount];
    private readonly Dictionary<CancellationToken, TokenGroup> _groups = [];
    private readonly Stack<Node> _pool = new();
    private readonly long _tickTimestamps;
    private readonly Func<long> _now;
    private readonly Timer? _timer;
    private readonly List<Node> _due = [];
    private long _processedTick;
    private int _sleepers;
    private bool _timerRunning;

    /// <param name="tick">The wheel's resolution.</param>
    /// <param name="now">The clock, in <see cref="Stopwatch"/> timestamps (a test passes its own).</param>
    /// <param name="startTimer">False for a test that calls <see cref="Advance"/> itself.</param>
    internal ThinkWheel(TimeSpan tick, Func<long> now, bool startTimer)
    {
        Tick = tick;
        _now = now;
        _tickTimestamps = Math.Max(1, (long)(tick.TotalSeconds * Stopwatch.Frequency));
        _processedTick = now() / _tickTimestamps;
        if (startTimer) _timer = new Timer(static w => ((ThinkWheel)w!).Advance(), this, Timeout.Infinite, Timeout.Infinite);
    }

    public TimeSpan Tick { get; }

    /// <summary>How many sleepers wait now.</summary>
    public int Sleepers => Volatile.Read(ref _sleepers);

    /// <summary>Sleeps for <paramref name="duration"/> (rounded up to the wheel's tick).</summary>
    /// <returns>True when the time passed; false when <paramref name="cancellation"/> ended the sleep.</returns>
    public ValueTask<bool> SleepAsync(TimeSpan duration, CancellationToken cancellation)
    {
        if (cancellation.IsCancellationRequested) return new ValueTask<bool>(false);
        if (duration <= TimeSpan.Zero) return new ValueTask<bool>(true);

        Node node;
        TokenGroup? newGroup = null;
        lock (_lock)
        {
            node = _pool.Count > 0 ? _pool.Pop() : new Node(this);
            var durationTimestamps = (long)Math.Ceiling(duration.TotalSeconds * Stopwatch.Frequency);
            // The first tick whose start is at or after the deadline: never early.
            node.DueTick = Math.Max(_processedTick + 1, (_now() + durationTimestamps + _tickTimestamps - 1) / _tickTimestamps);
            node.Token = cancellation;
            var bucket = (int)(node.DueTick % BucketCount);
            node.Next = _buckets[bucket];
            _buckets[bucket] = node;
            _sleepers++;
            if (cancellation.CanBeCanceled)
            {
                if (!_groups.TryGetValue(cancellation, out var group))
                {
                    group = new TokenGroup(this, cancellation);
                    _groups.Add(cancellation, group);
                    newGroup = group;
                }
                group.Sleepers++;
            }
            if (_timer is not null && !_timerRunning)
            {
                _timerRunning = true;
                var period = (int)Math.Max(1, Tick.TotalMilliseconds);
                _timer.Change(period, period);
            }
        }
        // Outside the lock: a token cancelled meanwhile runs the callback right here, and it takes the lock.
        if (newGroup is not null)
            newGroup.Registration = cancellation.UnsafeRegister(static g => ((TokenGroup)g!).Wheel.Cancel(((TokenGroup)g).Token), newGroup);
        return new ValueTask<bool>(node, node.Version);
    }

    /// <summary>Wakes every sleeper whose deadline has passed by the clock's now. The timer calls it each tick.</summary>
    internal void Advance()
    {
        lock (_lock)
        {
            var nowTick = _now() / _tickTimestamps;
            // After a stall (a long GC) every bucket is due: one pass over them all is enough.
            var last = Math.Min(nowTick, _processedTick + BucketCount);
            for (var tick = _processedTick + 1; tick <= last; tick++) CollectDue((int)(tick % BucketCount), nowTick);
            _processedTick = Math.Max(_processedTick, nowTick);
            if (_sleepers == 0 && _timerRunning)
            {
                _timerRunning = false;
                _timer!.Change(Timeout.Infinite, Timeout.Infinite);
            }
        }
        WakeDue(elapsed: true);
    }

    private void CollectDue(int bucket, long nowTick)
    {
        Node? previous = null;
        var node = _buckets[bucket];
        while (node is not null)
        {
            var next = node.Next;
            if (node.DueTick <= nowTick)
            {
                if (previous is null) _buckets[bucket] = next;
                else previous.Next = next;
                Detach(node);
            }
            else
            {
                previous = node;
            }
            node = next;
        }
    }

    private void Cancel(CancellationToken token)
    {
        lock (_lock)
        {
            if (!_groups.Remove(token)) return;
            for (var bucket = 0; bucket < BucketCount; bucket++)
            {
                Node? previous = null;
                var node = _buckets[bucket];
                while (node is not null)
                {
                    var next = node.Next;
                    if (node.Token == token)
                    {
                        if (previous is null) _buckets[bucket] = next;
                        else previous.Next = next;
                        node.Next = null;
                        _sleepers--;
                        _due.Add(node);
                    }
                    else
                    {
                        previous = node;
                    }
                    node = next;
                }
            }
        }
        WakeDue(elapsed: false);
    }

    /// <summary>Takes a due node off its token's count (under the lock) and queues it to be woken.</summary>
    private void Detach(Node node)
    {
        node.Next = null;
        _sleepers--;
        if (node.Token.CanBeCanceled && _groups.TryGetValue(node.Token, out var group) && --group.Sleepers == 0)
        {
            _groups.Remove(node.Token);
            // Unregister does not wait for a running callback (that one finds no group and returns).
            group.Registration.Unregister();
        }
        _due.Add(node);
    }

    /// <summary>Completes the collected nodes outside the lock; their awaiters continue on the thread pool.</summary>
    private void WakeDue(bool elapsed)
    {
        // Copied under the lock: the timer and a cancelling thread may both be here.
        Node[] due;
        lock (_lock)
        {
            if (_due.Count == 0) return;
            due = [.. _due];
            _due.Clear();
        }
        foreach (var node in due) node.Complete(elapsed);
    }

    private void Return(Node node)
    {
        node.Token = default;
        lock (_lock)
        {
            if (_pool.Count < PoolLimit) _pool.Push(node);
        }
    }

    private sealed class TokenGroup(ThinkWheel wheel, CancellationToken token)
    {
        public ThinkWheel Wheel { get; } = wheel;
        public CancellationToken Token { get; } = token;
        public int Sleepers { get; set; }
        public CancellationTokenRegistration Registration { get; set; }
    }

    /// <summary>One sleeper: a bucket entry and the value-task source its VU awaits; reused after it is awaited.</summary>
    private sealed class Node(ThinkWheel wheel) : IValueTaskSource<bool>
    {
        private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };

        public long DueTick;
        public CancellationToken Token;
        public Node? Next;

        public short Version => _core.Version;

        public void Complete(bool elapsed) => _core.SetResult(elapsed);

        public bool GetResult(short token)
        {
            var result = _core.GetResult(token);
            _core.Reset();
            wheel.Return(this);
            return result;
        }

        public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);
    }
}
