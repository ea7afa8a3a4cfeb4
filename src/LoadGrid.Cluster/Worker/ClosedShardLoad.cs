using Akka.Actor;
using LoadGrid.Core.Load;
using LoadGrid.Core.Scenarios;

namespace LoadGrid.Cluster.Worker;

/// <summary>
/// Closed model (constant-vus, ramping-vus, per-vu-iterations, shared-iterations): keeps the shard's share of the
/// scenario's VUs alive; each VU loops iterations on its own. Ramping down retires the newest VUs after their
/// current iteration, as k6's gracefulRampDown does.
/// </summary>
/// <param name="resumedIterations">For a take-over of an iteration executor: what the segment may still run, shared by
/// all its VUs (the lost shard's per-VU split is not known, its total is).</param>
public sealed class ClosedShardLoad(ShardLoadContext load, long? resumedIterations = null) : IShardLoad
{
    // The VUs not yet told to retire, oldest first: ramp-down retires from the end. A VU that stops on its own stays
    // in the list as a tombstone (it is no longer in _live) until it reaches the end or the list is compacted, so a
    // stop costs O(1) — List.Remove was O(N) per stop, and a hard stop of 100k VUs took minutes.
    private readonly List<IActorRef> _active = [];
    private readonly HashSet<IActorRef> _live = [];
    private readonly HashSet<IActorRef> _retired = [];
    private int _tombstones;
    private readonly IterationBudget? _sharedBudget = resumedIterations is { } remaining ? new IterationBudget(remaining)
        : load.Scenario.Executor == ExecutorKind.SharedIterations ? new IterationBudget(ClosedModel.SegmentSharedIterations(load.Scenario, load.Segment))
        : null;
    private LoadFactors _factors = LoadFactors.Plan;
    private bool _stopped;
    private bool _started;
    private int _peak;

    public bool Exhausted => _stopped || (FixedVuCount && _started && _live.Count == 0);

    public int ActiveVus => _live.Count;

    public int AllocatedVus => _peak;

    public int LiveVus => _live.Count;

    /// <summary>Per-vu and shared iterations start their VUs once; a VU that ran out is not replaced.</summary>
    private bool FixedVuCount => load.Scenario.Executor is ExecutorKind.PerVuIterations or ExecutorKind.SharedIterations;

    public void Tick(IActorContext context, TimeSpan scenarioElapsed)
    {
        if (_stopped) return;
        if (scenarioElapsed >= ScenarioTimeline.ActiveDuration(load.Scenario))
        {
            StopStarting(context);
            return;
        }
        if (scenarioElapsed < TimeSpan.Zero || (FixedVuCount && _started)) return;
        _started = true;
        var factor = _factors.FactorAt((scenarioElapsed + load.Scenario.StartTime).TotalSeconds);
        var target = ClosedModel.SegmentVusAt(load.Scenario, load.Segment, scenarioElapsed, factor);
        while (ActiveCount < target) Spawn(context);
        while (ActiveCount > target)
        {
            var newest = _active[^1];
            _active.RemoveAt(_active.Count - 1);
            if (!_live.Contains(newest))
            {
                _tombstones--;
                continue;
            }
            _retired.Add(newest);
            newest.Tell(VuMessages.Retire.Instance);
        }
    }

    public void StopStarting(IActorContext context)
    {
        if (_stopped) return;
        _stopped = true;
        foreach (var vu in _live) vu.Tell(VuMessages.Retire.Instance);
        _active.Clear();
        _retired.Clear();
        _tombstones = 0;
    }

    public void OnVuStopped(IActorRef vu)
    {
        if (!_live.Remove(vu) || _stopped || _retired.Remove(vu)) return;
        _tombstones++;
        if (_tombstones > 1024 && _tombstones > _active.Count / 2)
        {
            _active.RemoveAll(v => !_live.Contains(v));
            _tombstones = 0;
        }
    }

    private int ActiveCount => _active.Count - _tombstones;

    public void OnVuIdle(IActorRef vu)
    {
    }

    /// <summary>Duration executors follow the factor at their next tick; iteration executors keep their fixed VUs.</summary>
    public void Apply(LoadFactors factors) => _factors = factors;

    public long TakeDropped() => 0;

    private void Spawn(IActorContext context)
    {
        var budget = load.Scenario.Executor switch
        {
            ExecutorKind.PerVuIterations when _sharedBudget is not null => _sharedBudget,
            ExecutorKind.PerVuIterations => new IterationBudget(load.Scenario.Iterations),
            ExecutorKind.SharedIterations => _sharedBudget!,
            _ => IterationBudget.Unlimited,
        };
        var vu = load.SpawnVu(context, budget);
        context.Watch(vu);
        _active.Add(vu);
        _live.Add(vu);
        _peak = Math.Max(_peak, _live.Count);
        vu.Tell(VuMessages.Begin.Instance);
    }
}
