using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using LoadGrid.Cluster.Protocol;
using LoadGrid.Core.Data;
using LoadGrid.Core.Load;
using LoadGrid.Core.Metrics;
using LoadGrid.Core.Scenarios;
using LoadGrid.Http;

namespace LoadGrid.Cluster.Worker;

/// <summary>
/// One shard of a run (a Cluster.Sharding entity): one scenario's segment of the load in one region. It owns the
/// shard's VUs (through an <see cref="IShardLoad"/>), its metrics recorders, and the one-second flush of interval
/// snapshots to the coordinator. Lifecycle: waiting → running → draining (no new iterations, gracefulStop for
/// in-flight ones) → finished (last interval sent, entity passivated).
/// Two ways out besides the plan's end: a shard that hears no <see cref="RunHeartbeat"/> from its coordinator for
/// <see cref="CutOffAfter"/> stops its load (no orphan load on a target nobody watches) — unless another
/// coordinator-role node is up to take the run over, which it then awaits for <see cref="SuccessorWait"/> while its
/// load goes on; and a shard handed off by a worker that leaves the cluster reports its last interval with
/// <see cref="ShardHandedOff"/> so the coordinator moves its segment at once. A shard passivates once its end is
/// acknowledged (a successor may still need it, see <see cref="CoordinatorLink"/>).
/// </summary>
public sealed class ScenarioShardActor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan LoadTickInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LeaseCheckInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The coordinator sends a heartbeat every second; this long without one means it is gone or cut off. With the
    /// half-second check the load stops at most 4 s after the last heartbeat arrived. The coordinator moves a lost
    /// worker's shards only after its failure detector and a further grace (see <c>RunCoordinatorActor</c>), later
    /// than this, so a worker cut off by a partition has stopped before its segment starts elsewhere.
    /// </summary>
    public static readonly TimeSpan CutOffAfter = TimeSpan.FromSeconds(3.5);

    /// <summary>
    /// How long a shard keeps its load going for a successor coordinator: the failure detector (≈ 5 s), the
    /// split-brain resolver's stable-after (20 s) before the dead node is downed and the singleton moves, and the
    /// take-over itself, with room to spare.
    /// </summary>
    public static readonly TimeSpan SuccessorWait = TimeSpan.FromSeconds(60);

    private readonly WorkerServices _services;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CancellationTokenSource _hardStop = new();
    private readonly CoordinatorLink _link = new();
    private StartShard? _assignment;
    private ScenarioDefinition? _scenario;
    private ShardMetrics? _metrics;
    private IShardLoad? _load;
    private RunClock _clock;
    private int _lastSeq = -1;
    private bool _draining;
    private bool _cutOff;
    private bool _awaitingSuccessor;
    private bool _passivating;

    public ScenarioShardActor(WorkerServices services)
    {
        _services = services;
        Receive<StartShard>(Start);
        Receive<StopShard>(Stop);
        Receive<ShardTick.Load>(_ => OnLoadTick());
        Receive<ShardTick.Flush>(_ => Flush(final: false));
        Receive<ShardTick.HardStop>(_ => _hardStop.Cancel());
        Receive<RunHeartbeat>(_ =>
        {
            _link.Heard();
            _link.RepeatEnd(Self);
        });
        Receive<ReattachShard>(Reattach);
        Receive<AdjustShardLoad>(Adjust);
        Receive<ShardFinishedAck>(_ =>
        {
            _link.EndAcknowledged();
            Passivate();
        });
        Receive<ShardTick.Lease>(_ => CheckLease());
        Receive<ShardHandOff>(_ => HandOff());
        Receive<VuMessages.Idle>(idle => _load?.OnVuIdle(idle.Vu));
        Receive<Terminated>(terminated =>
        {
            _load?.OnVuStopped(terminated.ActorRef);
            FinishIfDone();
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props CreateProps(WorkerServices services) => Props.Create(() => new ScenarioShardActor(services));

    protected override void PostStop()
    {
        _hardStop.Cancel();
        if (_assignment is not null) _services.Load.Remove(_assignment.ShardId);
    }

    private string Node => _services.NodeAddress;

    private void Start(StartShard start)
    {
        if (_assignment is not null)
        {
            // A re-delivered start (e.g. the coordinator retried): acknowledge, do not start twice.
            Sender.Tell(new ShardStarted(start.RunId, start.ShardId, Node));
            return;
        }
        _assignment = start;
        _link.Attach(Sender);
        var parsed = ScenarioLoader.Parse(start.ScenarioText, start.ScenarioPath, start.Env, checkFiles: false);
        _scenario = parsed.Scenario?.Scenarios.FirstOrDefault(s => s.Name == start.Scenario);
        if (parsed.Scenario is null || _scenario is null)
        {
            var reason = parsed.Errors.Count > 0 ? parsed.Errors[0].ToString() : $"scenario '{start.Scenario}' not found";
            Sender.Tell(new ShardFailed(start.RunId, start.ShardId, Node, reason));
            Passivate();
            return;
        }

        var file = start.BaseUrlOverride is null ? parsed.Scenario : parsed.Scenario with { BaseUrl = start.BaseUrlOverride };
        _clock = RunClock.FromUnixMilliseconds(start.RunStartUnixMs);
        var segment = FromWire(start.Segment);
        var feeders = start.Feeders.ToDictionary(
            f => f.Name,
            f => new Feeder(new FeederTable(f.Name, f.Columns, f.Rows, (FeederPick)f.Pick)),
            StringComparer.Ordinal);
        var stepNames = RequestStepNames(_scenario);
        _metrics = new ShardMetrics(stepNames);
        IMetricsSink sink = _services.SampleLog is null ? _metrics : new SampleLoggingSink(_metrics, _services.SampleLog, start.RunId, start.ShardId);
        var runner = new FlowRunner(file, _scenario, start.Region, _services.Transport, sink, start.Env, feeders, _services.Tracing);
        var context = new ShardLoadContext(_scenario, segment, start.Region, runner, start.Env, _hardStop.Token);
        _load = _scenario.IsOpenModel
            ? new OpenShardLoad(context, _clock, ScheduleFor(start, _scenario))
            : new ClosedShardLoad(context, start.ResumeAtMs > 0 ? Failover.ResumeBudget.Remaining(_scenario, segment, start.IterationsDone) : null);
        if (start.LoadChanges is { Length: > 0 } changes) _load.Apply(FactorsOf(changes));

        _link.Coordinator.Tell(new ShardStarted(start.RunId, start.ShardId, Node));
        Timers.StartPeriodicTimer("lease", ShardTick.Lease.Instance, LeaseCheckInterval);
        Timers.StartPeriodicTimer("load", ShardTick.Load.Instance, LoadTickInterval);
        // Flush just after each whole second of the run clock so an interval's seq names the second it covers.
        var untilFirstFlush = TimeSpan.FromSeconds(Math.Max(0, Math.Ceiling(_clock.Elapsed.TotalSeconds + 0.001))) - _clock.Elapsed + TimeSpan.FromMilliseconds(20);
        Timers.StartPeriodicTimer("flush", ShardTick.Flush.Instance, untilFirstFlush, FlushInterval);
        OnLoadTick();
    }

    /// <summary>A take-over starts at the run clock's now: iterations scheduled before it belonged to the lost shard.</summary>
    private static ArrivalSchedule ScheduleFor(StartShard start, ScenarioDefinition scenario)
    {
        var factors = start.LoadChanges is { Length: > 0 } changes ? FactorsOf(changes) : null;
        var schedule = new ArrivalSchedule(scenario, start.ScenarioSegments.Select(FromWire).ToArray(), start.SegmentIndex, factors);
        if (start.ResumeAtMs > 0) schedule.SkipUntil(TimeSpan.FromMilliseconds(start.ResumeAtMs) - scenario.StartTime);
        return schedule;
    }

    private void CheckLease()
    {
        var silence = _link.Silence;
        if (silence < CutOffAfter)
        {
            _awaitingSuccessor = false;
            return;
        }
        var waitForSuccessor = silence < SuccessorWait && SuccessorLikely();
        if (_link.EndPending)
        {
            // Ended, but the end is not on record: keep the intervals while a successor may still ask for them.
            if (!waitForSuccessor) Passivate();
            return;
        }
        if (_cutOff || _load is null) return;
        if (waitForSuccessor)
        {
            if (!_awaitingSuccessor)
                _log.Warning("Shard {0}: no word from the coordinator of run {1} for {2:0.0}s; another coordinator node is up, keeping the load for up to {3:0}s while it takes over",
                    _assignment?.ShardId, _assignment?.RunId, silence.TotalSeconds, SuccessorWait.TotalSeconds);
            _awaitingSuccessor = true;
            return;
        }
        _cutOff = true;
        _log.Warning("Shard {0}: no word from the coordinator of run {1} for {2:0.0}s; stopping this shard's load",
            _assignment?.ShardId, _assignment?.RunId, silence.TotalSeconds);
        _hardStop.Cancel();
        BeginDraining();
    }

    /// <summary>Another coordinator-role node is Up and reachable from here: the run's singleton can move to it.</summary>
    private bool SuccessorLikely()
    {
        var cluster = Akka.Cluster.Cluster.Get(Context.System);
        var current = _link.Coordinator.Path.Address;
        var currentNode = current.HasLocalScope ? cluster.SelfAddress : current;
        var state = cluster.State;
        return state.Members.Any(m => m.Status == Akka.Cluster.MemberStatus.Up && m.HasRole(Sharding.ShardRegionNames.CoordinatorRole)
            && m.Address != currentNode && !state.Unreachable.Contains(m));
    }

    private void Reattach(ReattachShard reattach)
    {
        if (_assignment is null)
        {
            // The entity was created by this message: the shard had ended and passivated (its end was on record).
            Sender.Tell(new ShardFinished(reattach.RunId, reattach.ShardId, -1, Node));
            Passivate();
            return;
        }
        _log.Info("Shard {0}: run {1} taken over by {2}; re-sending its intervals", reattach.ShardId, reattach.RunId, Sender.Path.Address);
        _awaitingSuccessor = false;
        _link.Reattach(Sender, new ShardStarted(_assignment.RunId, _assignment.ShardId, Node), Self);
    }

    /// <summary>This worker is leaving the cluster: report what was measured and stop, so the segment moves at once.</summary>
    private void HandOff()
    {
        if (_assignment is not null && _load is not null)
        {
            _hardStop.Cancel();
            Timers.CancelAll();
            Flush(final: true);
            _services.SampleLog?.Flush();
            _link.Coordinator.Tell(new ShardHandedOff(_assignment.RunId, _assignment.ShardId, _lastSeq, Node));
            _load = null;
        }
        Context.Stop(Self);
    }

    private void Adjust(AdjustShardLoad adjust)
    {
        if (_assignment is null)
        {
            // An adjustment that created this entity (its shard had ended or moved): nothing runs here.
            Passivate();
            return;
        }
        if (_draining) return;
        _load?.Apply(FactorsOf(adjust.Changes));
        OnLoadTick();
    }

    private static LoadFactors FactorsOf(WireLoadChange[] changes) =>
        new(changes.Select(c => new LoadChange(c.AtRunMs / 1000.0, c.Factor)).ToArray());

    private void Stop(StopShard stop)
    {
        if (_assignment is null)
        {
            // A stop that created this entity (its shard had moved away): nothing runs here.
            Passivate();
            return;
        }
        if (_load is null || _scenario is null) return;
        if (!stop.Graceful) _hardStop.Cancel();
        BeginDraining();
    }

    private void OnLoadTick()
    {
        if (_load is null || _scenario is null) return;
        _load.Tick(Context, _clock.Elapsed - _scenario.StartTime);
        if (_load.Exhausted) BeginDraining();
    }

    private void BeginDraining()
    {
        if (_draining) return;
        _draining = true;
        _load!.StopStarting(Context);
        Timers.Cancel("load");
        Timers.StartSingleTimer("hard-stop", ShardTick.HardStop.Instance, _scenario!.GracefulStop);
        FinishIfDone();
    }

    private void FinishIfDone()
    {
        if (!_draining || _load is null || _load.LiveVus > 0 || _assignment is null) return;
        Timers.CancelAll();
        Flush(final: true);
        _services.SampleLog?.Flush();
        _link.SendEnd(new ShardFinished(_assignment.RunId, _assignment.ShardId, _lastSeq, Node), Self);
        _load = null;
        // Passivates on the coordinator's ack; the lease keeps watching in case it never comes.
        Timers.StartPeriodicTimer("lease", ShardTick.Lease.Instance, LeaseCheckInterval);
    }

    /// <param name="final">The last flush always reports, even within the run's first second.</param>
    private void Flush(bool final)
    {
        if (_metrics is null || _assignment is null) return;
        var second = (int)Math.Floor(_clock.Elapsed.TotalSeconds) - 1;
        var seq = Math.Max(_lastSeq + 1, second);
        if (seq < 0 && !final) return; // before the run's first second ends there is nothing to report
        seq = Math.Max(seq, 0);
        _lastSeq = seq;
        var snapshot = _metrics.TakeInterval(_load?.ActiveVus ?? 0, _load?.AllocatedVus ?? 0, _load?.TakeDropped() ?? 0);
        if (final) _services.Load.Remove(_assignment.ShardId);
        else _services.Load.Report(_assignment.ShardId, _assignment.RunId, _assignment.Scenario, _assignment.Region, snapshot.ActiveVus, snapshot.Requests);
        Telemetry.IntervalTelemetry.Record(_assignment.RunId, _assignment.Scenario, _assignment.Region, snapshot);
        _link.Send(new MetricsInterval(_assignment.RunId, _assignment.ShardId, seq, Node, IntervalCodec.Encode(snapshot)), Self);
    }

    private void Passivate()
    {
        if (_passivating) return;
        _passivating = true;
        Timers.CancelAll();
        _log.Debug("Shard {0} done", _assignment?.ShardId);
        Context.Parent.Tell(new Passivate(PoisonPill.Instance));
    }

    private static Segment FromWire(WireSegment wire) => new(
        new Fraction(wire.StartNumerator, wire.StartDenominator),
        new Fraction(wire.EndNumerator, wire.EndDenominator));

    private static IReadOnlyList<string> RequestStepNames(ScenarioDefinition scenario) =>
        scenario.Flow.OfType<RequestStep>().Select(s => s.Name).ToArray();
}

internal static class ShardTick
{
    public sealed record Load : INoSerializationVerificationNeeded
    {
        public static readonly Load Instance = new();
    }

    public sealed record Flush : INoSerializationVerificationNeeded
    {
        public static readonly Flush Instance = new();
    }

    public sealed record HardStop : INoSerializationVerificationNeeded
    {
        public static readonly HardStop Instance = new();
    }

    public sealed record Lease : INoSerializationVerificationNeeded
    {
        public static readonly Lease Instance = new();
    }
}

/// <summary>Sent by Cluster.Sharding to a shard's entities when their worker hands the shard off (leaving the cluster).</summary>
public sealed record ShardHandOff : INoSerializationVerificationNeeded
{
    public static readonly ShardHandOff Instance = new();
}
