using System.Diagnostics;
using Akka.Actor;
using LoadGrid.Cluster.Protocol;

namespace LoadGrid.Cluster.Worker;

/// <summary>
/// A shard's line to its run's coordinator: where to send, when it last heard from it, and everything it sent that a
/// successor coordinator would need again (the intervals, and the end until it is acknowledged).
/// </summary>
/// <remarks>
/// The run's merged figures live only in the coordinator's memory; a coordinator that takes a run over after a
/// failover starts from nothing and asks every shard to re-send (<see cref="ReattachShard"/>). Keeping the encoded
/// intervals here costs a few KB per second of a shard's life; <see cref="MaxKeptIntervals"/> bounds it (two hours:
/// a run longer than that can lose its oldest seconds in a failover, and its summary says so).
/// </remarks>
public sealed class CoordinatorLink
{
    public const int MaxKeptIntervals = 7200;

    private readonly Queue<MetricsInterval> _kept = new();
    private ShardFinished? _unacknowledgedEnd;
    private long _lastHeard = Stopwatch.GetTimestamp();

    public IActorRef Coordinator { get; private set; } = ActorRefs.Nobody;

    /// <summary>How long since the coordinator last showed it is alive (a heartbeat, an ack, a start, a re-attach).</summary>
    public TimeSpan Silence => Stopwatch.GetElapsedTime(_lastHeard);

    /// <summary>The shard's end was sent and is not yet acknowledged.</summary>
    public bool EndPending => _unacknowledgedEnd is not null;

    /// <summary>Intervals dropped from the kept ones because the shard outlived <see cref="MaxKeptIntervals"/>.</summary>
    public int Dropped { get; private set; }

    public void Attach(IActorRef coordinator)
    {
        Coordinator = coordinator;
        Heard();
    }

    public void Heard() => _lastHeard = Stopwatch.GetTimestamp();

    public void Send(MetricsInterval interval, IActorRef self)
    {
        _kept.Enqueue(interval);
        if (_kept.Count > MaxKeptIntervals)
        {
            _kept.Dequeue();
            Dropped++;
        }
        Coordinator.Tell(interval, self);
    }

    public void SendEnd(ShardFinished end, IActorRef self)
    {
        _unacknowledgedEnd = end;
        Coordinator.Tell(end, self);
    }

    /// <summary>Sends the end again (the coordinator still heartbeats, so it has not seen it).</summary>
    public void RepeatEnd(IActorRef self)
    {
        if (_unacknowledgedEnd is { } end) Coordinator.Tell(end, self);
    }

    public void EndAcknowledged()
    {
        _unacknowledgedEnd = null;
        _kept.Clear();
    }

    /// <summary>Answers to a new coordinator from now on: re-sends every kept interval, then where the shard stands.</summary>
    /// <param name="started">Sent when the shard has not ended yet (it still runs, or drains).</param>
    public void Reattach(IActorRef coordinator, ShardStarted started, IActorRef self)
    {
        Attach(coordinator);
        foreach (var interval in _kept) coordinator.Tell(interval, self);
        coordinator.Tell(started, self);
        if (_unacknowledgedEnd is { } end) coordinator.Tell(end, self);
    }
}
