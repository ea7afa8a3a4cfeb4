namespace LoadGrid.Http.Lean;

/// <summary>
/// How many sockets the lean transport may hold open at once, across all its pools, and the requests waiting for one.
/// </summary>
/// <remarks>
/// A node's sockets share the process's open-files limit with its journal, remoting and control endpoint: without a
/// cap, a slow target and enough VUs open sockets until <c>accept</c>, SQLite and Akka fail with EMFILE too. At the
/// cap a request first takes a slot from an idle connection of another host (closing it), else waits, first come
/// first served, for a connection to come back or close; the wait counts in its latency and its step timeout.
/// <para>
/// One lock guards the slots, the waiters and every pool's idle stack: a connection coming back must be able to go
/// to a waiter of its own pool, or be closed for a waiter of another, in one decision.
/// </para>
/// </remarks>
internal sealed class ConnectionBudget
{
    private readonly LinkedList<Waiter> _waiters = new();
    private readonly List<ConnectionPool> _pools = [];
    private int _open;
    private bool _disposed;

    public ConnectionBudget(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
    }

    public int Limit { get; }

    /// <summary>Sockets open or being connected now.</summary>
    public int Open
    {
        get
        {
            lock (Sync) return _open;
        }
    }

    /// <summary>Requests waiting for a slot now.</summary>
    public int Waiting
    {
        get
        {
            lock (Sync) return _waiters.Count;
        }
    }

    internal object Sync { get; } = new();

    internal void Add(ConnectionPool pool)
    {
        lock (Sync) _pools.Add(pool);
    }

    internal void Remove(ConnectionPool pool)
    {
        lock (Sync) _pools.Remove(pool);
    }

    /// <summary>Closes every pool's connections that have been idle for their pool's idle timeout.</summary>
    /// <returns>How many were closed.</returns>
    internal int CloseExpired()
    {
        var expired = new List<LeanConnection>();
        var now = Environment.TickCount64;
        lock (Sync)
        {
            foreach (var pool in _pools)
            {
                for (var n = pool.TakeExpired(now, expired); n > 0; n--) Release();
            }
        }
        foreach (var connection in expired) connection.Dispose();
        return expired.Count;
    }

    /// <summary>Under <see cref="Sync"/>: takes a free slot, or one held by another pool's idle connection.</summary>
    /// <param name="evicted">The idle connection whose slot was taken, for the caller to close outside the lock.</param>
    internal bool TryTakeSlot(ConnectionPool pool, out LeanConnection? evicted)
    {
        evicted = null;
        if (_open < Limit)
        {
            _open++;
            return true;
        }
        foreach (var other in _pools)
        {
            if (other != pool && other.TryEvictIdle(out evicted)) return true;
        }
        return false;
    }

    /// <summary>Under <see cref="Sync"/>: queues a request of <paramref name="pool"/> for a slot.</summary>
    internal Task<LeanConnection?> Enqueue(ConnectionPool pool, CancellationToken cancellation)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var waiter = new Waiter(this, pool);
        waiter.Node = _waiters.AddLast(waiter);
        // An already cancelled token runs the callback here, on this thread, which holds the lock already (re-entrant).
        if (cancellation.CanBeCanceled) waiter.Registration = cancellation.UnsafeRegister(static (state, token) => ((Waiter)state!).Cancel(token), waiter);
        return waiter.Completion.Task;
    }

    /// <summary>Under <see cref="Sync"/>: hands a connection coming back to the first waiter, if any.</summary>
    /// <returns>False when nobody waits (the caller keeps it idle). True when it went to a waiter of the same pool
    /// (<paramref name="close"/> false) or its slot went to a waiter of another pool (<paramref name="close"/> true:
    /// the caller closes it).</returns>
    internal bool TryHandOver(ConnectionPool pool, LeanConnection connection, out bool close)
    {
        close = false;
        if (_waiters.First is not { } first) return false;
        var waiter = first.Value;
        _waiters.RemoveFirst();
        if (waiter.Pool == pool)
        {
            waiter.Complete(connection);
        }
        else
        {
            close = true;
            waiter.Complete(null);
        }
        return true;
    }

    /// <summary>A socket closed (or never connected): its slot goes to the first waiter, else back to the budget.</summary>
    public void Release()
    {
        lock (Sync)
        {
            if (_waiters.First is { } first)
            {
                _waiters.RemoveFirst();
                first.Value.Complete(null);
                return;
            }
            _open--;
        }
    }

    /// <summary>Fails every waiter: the transport is going away.</summary>
    public void Dispose()
    {
        lock (Sync)
        {
            _disposed = true;
            while (_waiters.First is { } first)
            {
                _waiters.RemoveFirst();
                first.Value.Fail(new ObjectDisposedException(nameof(LeanHttpTransport)));
            }
        }
    }

    /// <summary>
    /// The default cap: the process's open-files limit less a reserve for everything else the node opens (a tenth of
    /// the limit, between 64 and 2,048 files). The .NET runtime has already raised the soft limit to the hard one.
    /// </summary>
    public static int DefaultLimit() => DefaultLimit(OpenFilesLimit());

    internal static int DefaultLimit(long openFiles)
    {
        if (openFiles <= 0) return 16_384;
        var reserve = Math.Clamp(openFiles / 10, 64, 2_048);
        return (int)Math.Clamp(openFiles - reserve, 16, 1_000_000);
    }

    /// <returns>The soft "Max open files" of this process, or 0 when it cannot be read (not Linux).</returns>
    private static long OpenFilesLimit()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                if (!line.StartsWith("Max open files", StringComparison.Ordinal)) continue;
                var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return fields.Length > 0 && long.TryParse(fields[0], out var soft) ? soft : 0;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return 0;
    }

    // Completed under the budget's lock, so its continuation must not run inline (RunContinuationsAsynchronously),
    // and the registration is only unregistered, never disposed: Dispose would wait for a cancellation callback that
    // is itself waiting for the lock.
    private sealed class Waiter(ConnectionBudget owner, ConnectionPool pool)
    {
        public ConnectionPool Pool { get; } = pool;
        public TaskCompletionSource<LeanConnection?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public LinkedListNode<Waiter>? Node { get; set; }
        public CancellationTokenRegistration Registration { get; set; }

        /// <summary>Cancellation: leaves the queue unless it was served first.</summary>
        public void Cancel(CancellationToken token)
        {
            lock (owner.Sync)
            {
                if (Node?.List is null) return;
                owner._waiters.Remove(Node);
            }
            Completion.TrySetCanceled(token);
        }

        public void Complete(LeanConnection? connection)
        {
            Registration.Unregister();
            Completion.TrySetResult(connection);
        }

        public void Fail(Exception e)
        {
            Registration.Unregister();
            Completion.TrySetException(e);
        }
    }
}
