using Akka.Actor;
using LoadGrid.Core.Load;

namespace LoadGrid.Cluster.Worker;

/// <summary>
/// Open model (constant-arrival-rate, ramping-arrival-rate): starts iterations when the rate says they are due,
/// each with its exact scheduled time, on VUs from a pool (preAllocatedVUs up front, grown up to maxVUs). An
/// iteration that finds every VU busy and the pool at maxVUs is dropped and counted, never queued.
/// </summary>
public sealed class OpenShardLoad : IShardLoad
{
    private const int DueBatch = 256;

    /// <summary>
    /// Iterations are handed to VUs this long before they are due; the VU then waits for the exact moment. Without
    /// it, the scheduler's 10 ms tick would make every start up to a tick late, and since latency counts from the
    /// scheduled start, that lateness would be blamed on the target.
    /// </summary>
    private static readonly TimeSpan LookAhead = TimeSpan.FromMilliseconds(20);

    private readonly ShardLoadContext _load;
    private readonly RunClock _clock;
    private readonly ArrivalSchedule _schedule;
    private readonly Stack<IActorRef> _idle = new();
    private readonly HashSet<IActorRef> _live = [];
    private readonly long[] _due = new long[DueBatch];
    private readonly int _maxVus;
    private readonly int _preAllocated;
    private long _dropped;
    private bool _stopped;

    public OpenShardLoad(ShardLoadContext load, RunClock clock, ArrivalSchedule schedule)
    {
        _load = load;
        _clock = clock;
        _schedule = schedule;
        _preAllocated = (int)SegmentPlanner.Share(load.Scenario.PreAllocatedVus, load.Segment);
        _maxVus = Math.Max(_preAllocated, (int)SegmentPlanner.Share(Math.Max(load.Scenario.MaxVus, load.Scenario.PreAllocatedVus), load.Segment));
    }

    public bool Exhausted => _stopped;

    public int ActiveVus => _live.Count - _idle.Count;

    public int AllocatedVus => _live.Count;

    public int LiveVus => _live.Count;

    public void Tick(IActorContext context, TimeSpan scenarioElapsed)
    {
        if (_stopped) return;
        if (_live.Count < _preAllocated && scenarioElapsed >= -TimeSpan.FromSeconds(1))
            while (_live.Count < _preAllocated) _idle.Push(Spawn(context));
        var end = ScenarioTimeline.ActiveDuration(_load.Scenario);
        if (scenarioElapsed >= end)
        {
            // Iterations due before the end still start; then nothing more.
            Release(context, end - TimeSpan.FromTicks(1));
            StopStarting(context);
            return;
        }
        if (scenarioElapsed >= -LookAhead) Release(context, Min(scenarioElapsed + LookAhead, end - TimeSpan.FromTicks(1)));
    }

    public void StopStarting(IActorContext context)
    {
        if (_stopped) return;
        _stopped = true;
        var idle = new HashSet<IActorRef>(_idle);
        _idle.Clear();
        foreach (var vu in _live) vu.Tell(idle.Contains(vu) ? PoisonPill.Instance : VuMessages.Retire.Instance);
    }

    public void OnVuStopped(IActorRef vu) => _live.Remove(vu);

    public void OnVuIdle(IActorRef vu)
    {
        if (_stopped) vu.Tell(PoisonPill.Instance);
        else _idle.Push(vu);
    }

    public void Apply(LoadFactors factors) => _schedule.Apply(factors);

    public long TakeDropped()
    {
        var dropped = _dropped;
        _dropped = 0;
        return dropped;
    }

    private void Release(IActorContext context, TimeSpan until)
    {
        int count;
        do
        {
            count = _schedule.TakeDue(until, _due);
            var scenarioZero = _clock.TimestampAt(_load.Scenario.StartTime);
            for (var i = 0; i < count; i++)
            {
                var scheduled = scenarioZero + (long)(_due[i] / (double)TimeSpan.TicksPerSecond * System.Diagnostics.Stopwatch.Frequency);
                var vu = _idle.Count > 0 ? _idle.Pop() : _live.Count < _maxVus ? Spawn(context) : null;
                if (vu is null) _dropped++;
                else vu.Tell(new VuMessages.RunOne(scheduled));
            }
        } while (count == _due.Length);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private IActorRef Spawn(IActorContext context)
    {
        var vu = _load.SpawnVu(context, IterationBudget.Unlimited);
        context.Watch(vu);
        _live.Add(vu);
        return vu;
    }
}
