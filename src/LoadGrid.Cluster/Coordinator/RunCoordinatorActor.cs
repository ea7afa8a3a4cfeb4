using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Journal;
using LoadGrid.Cluster.Failover;
using LoadGrid.Cluster.Protocol;
using LoadGrid.Cluster.Sharding;
using LoadGrid.Core.Load;
using LoadGrid.Core.Metrics;
using LoadGrid.Core.Scenarios;
using LoadGrid.Core.Thresholds;

namespace LoadGrid.Cluster.Coordinator;

/// <summary>
/// Runs one run: starts its shards through the regions' shard regions, merges their interval snapshots exactly,
/// publishes progress every second, evaluates abortOnFail thresholds while running, and at the end builds the
/// summary and tells the observer. The merge itself lives in <see cref="RunAggregator"/>.
/// Event-sourced under <c>run-{runId}</c>: submitted, started, shards started/finished, stop requests, the end and
/// the full result, so the run's history survives every node (see <see cref="RunHistory"/>).
/// A worker lost mid-run (unreachable for <see cref="MoveAfter"/> after its failure detector said so, removed, or
/// leaving) has its running shards taken over by the region's surviving workers from the run clock's now
/// (<see cref="ShardRelocation"/>); the run's heartbeats keep every shard's lease (see <c>ScenarioShardActor</c>).
/// </summary>
public sealed class RunCoordinatorActor : ReceivePersistentActor, IWithTimers
{
    /// <summary>The journal tag of the events the run list is built from.</summary>
    public const string RunListTag = "loadgrid-runs";

    /// <summary>Shards get this long before the run clock's zero to parse the scenario and pre-allocate VUs.</summary>
    public static readonly TimeSpan StartLead = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StartRetry = TimeSpan.FromSeconds(2);
    /// <summary>After the planned end and gracefulStop, how long the coordinator waits for shards' ends.</summary>
    public static readonly TimeSpan FinishSlack = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a worker stays unreachable before its shards move. Added to the failure detector's own delay, it is
    /// longer than a cut-off shard's lease (<c>ScenarioShardActor.CutOffAfter</c>), so a worker that is only
    /// partitioned away has stopped its load before another worker starts the same segment.
    /// </summary>
    public static readonly TimeSpan MoveAfter = TimeSpan.FromSeconds(1.5);

    private readonly RunSetup _setup;
    private readonly ShardRegions _regions;
    private readonly IActorRef _observer;
    private readonly ShardTracker _shards;
    private readonly RunAggregator _aggregator;
    private readonly List<string> _warnings = [];
    /// <summary>What happened when, for the report's time axis (kept with the result; a taken-over run starts with those of its journal).</summary>
    private readonly List<RunMarker> _markers = [];
    private readonly ShardMoves _moves = new();
    private readonly Dictionary<string, IActorRef> _shardActors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _lastIntervalAt = new(StringComparer.Ordinal);
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly TimeSpan _planned;
    private DateTimeOffset _startedAt;
    private long _runStartUnixMs;
    private bool _aborted;
    private bool _stopping;
    private bool _finished;

    /// <summary>Live changes take effect this long after they are asked for, in every shard at once (≤ 1 s, as promised).</summary>
    public static readonly TimeSpan AdjustLead = TimeSpan.FromMilliseconds(500);

    private readonly Dictionary<LoadTarget, LoadFactors> _factors = [];
    private readonly ResumedRun? _resumed;
    private readonly HashSet<string> _awaitingReattach = new(StringComparer.Ordinal);

    /// <param name="resumed">Set when this coordinator takes over a run whose coordinator died (see <see cref="ResumedRun"/>).</param>
    public RunCoordinatorActor(RunSetup setup, ShardRegions regions, IActorRef observer, ResumedRun? resumed = null)
    {
        _setup = setup;
        _resumed = resumed;
        _regions = regions;
        _observer = observer;
        _shards = new ShardTracker(setup.Shards);
        _aggregator = new RunAggregator(setup.RunId, setup.File.Name, setup.File.Regions.Select(r => r.Name).ToArray());
        _planned = RunPlanner.PlannedDuration(setup.File);

        // A new run has no events; a taken-over run was rebuilt from them before this actor started (ResumedRun).
        Recover<IRunEvent>(_ => { });
        if (resumed is not null) Restore(resumed);
        Command<CoordinatorTick.Begin>(_ => Begin());
        Command<CoordinatorTick.Resume>(_ => Resume());
        Command<CoordinatorTick.RetryReattach>(_ => SendReattach());
        Command<CoordinatorTick.RetryStarts>(_ => SendStarts(_shards.NotStarted));
        Command<CoordinatorTick.Progress>(_ => PublishProgress());
        Command<CoordinatorTick.Deadline>(_ => OnDeadline());
        Command<ShardStarted>(OnShardStarted);
        Command<ShardFailed>(OnShardFailed);
        Command<MetricsInterval>(OnInterval);
        Command<ShardFinished>(finished =>
        {
            Sender.Tell(new ShardFinishedAck(finished.RunId, finished.ShardId));
            if (_awaitingReattach.Remove(finished.ShardId) && finished.LastSeq < 0)
                _warnings.Add($"shard {finished.ShardId} was gone when the run was taken over; what it measured since the last report is missing");
            if (_shards.MarkFinished(finished.ShardId, finished.Node))
                PersistAsync(new ShardFinishedEvent(_setup.RunId, finished.ShardId, finished.Node), _ => { });
            _shardActors.Remove(finished.ShardId);
            FinishIfDone();
        });
        Command<RunMessages.StopRun>(OnStop);
        Command<RunMessages.AdjustRun>(adjust => OnAdjust(adjust.Request));
        Command<ClusterEvent.UnreachableMember>(unreachable => OnUnreachable(unreachable.Member.Address));
        Command<ClusterEvent.ReachableMember>(reachable => Timers.Cancel(LossTimerKey(reachable.Member.Address.ToString())));
        Command<ClusterEvent.MemberRemoved>(removed => OnNodeLost(removed.Member.Address.ToString(), "removed from the cluster"));
        Command<CoordinatorTick.LossCheck>(check => CheckLoss(check.Node));
        Command<ShardHandedOff>(OnHandedOff);
    }

    public override string PersistenceId => PersistenceIdOf(_setup.RunId);

    public static string PersistenceIdOf(string runId) => $"run-{runId}";

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props CreateProps(RunSetup setup, ShardRegions regions, IActorRef observer, ResumedRun? resumed = null) =>
        Props.Create(() => new RunCoordinatorActor(setup, regions, observer, resumed));

    protected override void PreStart()
    {
        Self.Tell(_resumed is null ? CoordinatorTick.Begin.Instance : CoordinatorTick.Resume.Instance);
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.UnreachableMember), typeof(ClusterEvent.ReachableMember), typeof(ClusterEvent.MemberRemoved));
    }

    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        base.PostStop();
    }

    private TimeSpan Elapsed => TimeSpan.FromMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - _runStartUnixMs);

    private void Begin()
    {
        var submitted = new RunSubmittedEvent(_setup.RunId, _setup.File.Name, _setup.SubmittedAt.ToUnixTimeMilliseconds(),
            _setup.File.SourcePath, _setup.File.SourceText, new Dictionary<string, string>(_setup.Env), _setup.BaseUrlOverride, _setup.SubmittedBy,
            _setup.Feeders.Select(f => new FeederPayload(f.Name, f.Columns.ToArray(), f.Rows.ToArray(), (int)f.Pick)).ToArray());
        // The run clock's zero is chosen once the run is on record: the first write to a fresh journal (creating its
        // tables) can take longer than the start lead, and shards must never start behind their clock.
        Persist(new Tagged(submitted, [RunListTag]), _ => ChooseRunClockAndStart());
    }

    private void ChooseRunClockAndStart()
    {
        _runStartUnixMs = DateTimeOffset.UtcNow.Add(StartLead).ToUnixTimeMilliseconds();
        _startedAt = DateTimeOffset.FromUnixTimeMilliseconds(_runStartUnixMs);
        var started = new RunStartedEvent(_setup.RunId, _runStartUnixMs, _setup.Shards.Select(s => s.ShardId).ToArray(),
            _setup.Shards.GroupBy(s => s.Region).ToDictionary(g => g.Key, g => g.Select(s => s.IndexInRegion).Distinct().Count()));
        PersistAsync(started, _ => { });
        StartShards();
    }

    private void StartShards()
    {
        SendStarts(_setup.Shards);
        Timers.StartPeriodicTimer("retry-starts", CoordinatorTick.RetryStarts.Instance, StartRetry);
        Timers.StartPeriodicTimer("progress", CoordinatorTick.Progress.Instance, StartLead + TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        var maxGracefulStop = _setup.File.Scenarios.Max(s => s.GracefulStop);
        Timers.StartSingleTimer("deadline", CoordinatorTick.Deadline.Instance, StartLead + _planned + maxGracefulStop + FinishSlack);
    }

    /// <summary>Where the run stood when its previous coordinator died, from the journal.</summary>
    private void Restore(ResumedRun resumed)
    {
        _runStartUnixMs = resumed.RunStartUnixMs;
        _startedAt = DateTimeOffset.FromUnixTimeMilliseconds(_runStartUnixMs);
        _markers.AddRange(resumed.Markers());
        foreach (var moved in resumed.Moves)
        {
            if (_shards.Find(moved.LostShardId) is not { } lost) continue;
            _shards.MarkLost(moved.LostShardId);
            var at = (moved.AtUnixMs - _runStartUnixMs) / 1000.0;
            if (moved.ReplacementShardId.Length == 0)
            {
                _moves.Unplaced(lost, moved.LostNode, "lost", at);
                continue;
            }
            var slot = ShardMessageExtractor.SlotOf(ShardMessageExtractor.ShardIdOf(moved.ReplacementShardId));
            var host = new HostChoice(resumed.StartedOn.GetValueOrDefault(moved.ReplacementShardId, "?"), slot);
            var replacement = _moves.Move(lost, moved.LostNode, "lost", host, at, at, 0);
            if (replacement.ShardId != moved.ReplacementShardId)
                _log.Warning("Run {0}: journal names take-over {1}, rebuilt as {2}", _setup.RunId, moved.ReplacementShardId, replacement.ShardId);
            _shards.Add(replacement);
        }
        foreach (var (shardId, node) in resumed.StartedOn) _shards.MarkStarted(shardId, node);
        foreach (var shardId in resumed.Finished) _shards.MarkFinished(shardId, "");
        foreach (var adjusted in resumed.Adjustments ?? [])
        {
            var target = new LoadTarget(adjusted.Scenario, adjusted.Region);
            _factors[target] = (_factors.GetValueOrDefault(target) ?? LoadFactors.Plan).With(new LoadChange(adjusted.AtRunMs / 1000.0, adjusted.Factor));
        }
        if (resumed.StopRequested is { } stop)
        {
            _stopping = true;
            _aborted = !stop.Graceful;
        }
    }

    /// <summary>Takes the run over: every unfinished shard answers to this coordinator and re-sends its intervals.</summary>
    private void Resume()
    {
        var now = Elapsed;
        _warnings.Add($"coordinator failed over at {now.TotalSeconds:0.0}s: run taken over by {_cluster.SelfAddress}; its shards re-sent their intervals");
        _log.Warning("Run {0}: taken over at {1:0.0}s on the run clock", _setup.RunId, now.TotalSeconds);
        foreach (var shard in _shards.Unfinished) _awaitingReattach.Add(shard.ShardId);
        SendReattach();
        Timers.StartPeriodicTimer("retry-reattach", CoordinatorTick.RetryReattach.Instance, StartRetry);
        Timers.StartPeriodicTimer("retry-starts", CoordinatorTick.RetryStarts.Instance, StartRetry);
        Timers.StartPeriodicTimer("progress", CoordinatorTick.Progress.Instance, TimeSpan.FromSeconds(1));
        var maxGracefulStop = _setup.File.Scenarios.Max(s => s.GracefulStop);
        var deadline = _planned + maxGracefulStop + FinishSlack - now;
        Timers.StartSingleTimer("deadline", CoordinatorTick.Deadline.Instance, deadline > TimeSpan.Zero ? deadline : TimeSpan.Zero);
        if (_stopping)
            foreach (var shard in _shards.Unfinished)
                _regions.For(shard.Region).Tell(new StopShard(shard.ShardId, _setup.RunId, !_aborted));
    }

    private void SendReattach()
    {
        foreach (var shardId in _awaitingReattach)
            if (_shards.Find(shardId) is { } shard)
                _regions.For(shard.Region).Tell(new ReattachShard(shard.ShardId, _setup.RunId));
        if (_awaitingReattach.Count == 0) Timers.Cancel("retry-reattach");
    }

    private void SendStarts(IEnumerable<ShardPlan> shards)
    {
        var all = _setup.Shards;
        var late = Math.Max(0, (long)Elapsed.TotalMilliseconds);
        foreach (var shard in shards)
        {
            var original = _moves.OriginalOf(shard);
            var index = IndexOf(original);
            // A planned shard whose start is retried after the run's zero starts at the clock's now, as a take-over does.
            var (resumeAtMs, iterationsDone) = _moves.ResumeOf(shard.ShardId) ?? (late, 0);
            var feeders = RunPlanner.FeedersForShard(_setup.Feeders, index, all.Count)
                .Select(f => new FeederPayload(f.Name, f.Columns.ToArray(), f.Rows.ToArray(), (int)f.Pick))
                .ToArray();
            var siblings = all.Where(s => s.Scenario == shard.Scenario).ToArray();
            _regions.For(shard.Region).Tell(new StartShard(
                shard.ShardId, _setup.RunId, shard.Scenario, shard.Region, ToWire(shard.Segment), _runStartUnixMs,
                _setup.File.SourcePath, _setup.File.SourceText, new Dictionary<string, string>(_setup.Env), feeders,
                siblings.Select(s => ToWire(s.Segment)).ToArray(), Array.IndexOf(siblings, original), _setup.BaseUrlOverride,
                resumeAtMs, iterationsDone, WireChanges(new LoadTarget(shard.Scenario, shard.Region))));
        }
    }

    private int IndexOf(ShardPlan shard)
    {
        for (var i = 0; i < _setup.Shards.Count; i++)
            if (ReferenceEquals(_setup.Shards[i], shard)) return i;
        return 0;
    }

    private void OnInterval(MetricsInterval interval)
    {
        var plan = _shards.Find(interval.ShardId);
        if (plan is null || interval.RunId != _setup.RunId || _aggregator.HasMerged(interval.ShardId, interval.Seq)) return;
        IntervalSnapshot snapshot;
        try
        {
            snapshot = IntervalCodec.Decode(interval.Payload);
        }
        catch (InvalidDataException e)
        {
            _log.Warning("Dropped an unreadable interval from shard {0}: {1}", interval.ShardId, e.Message);
            return;
        }
        if (_aggregator.Add(new IntervalSource(interval.ShardId, plan.Scenario, plan.Region, interval.Node), interval.Seq, snapshot))
        {
            _shards.ReportGauges(interval.ShardId, snapshot.ActiveVus, snapshot.Iterations);
            // Interval seq n covers second [n, n+1) of the run clock; a re-sent or final interval can be later still.
            var lag = (Elapsed - TimeSpan.FromSeconds(interval.Seq + 1)).TotalSeconds;
            LoadGrid.Cluster.Telemetry.LoadGridMeter.MergeLag.Record(Math.Max(0, lag), new KeyValuePair<string, object?>(LoadGrid.Cluster.Telemetry.TagNames.Run, _setup.RunId));
        }
        _lastIntervalAt[interval.ShardId] = Elapsed.TotalSeconds;
    }

    private void OnShardStarted(ShardStarted started)
    {
        _shardActors[started.ShardId] = Sender;
        _awaitingReattach.Remove(started.ShardId);
        if (!_shards.MarkStarted(started.ShardId, started.Node)) return;
        PersistAsync(new ShardStartedEvent(_setup.RunId, started.ShardId, started.Node), _ => { });
        _moves.MarkStarted(started.ShardId, Elapsed.TotalSeconds);
    }

    private void OnUnreachable(Address address)
    {
        var node = address.ToString();
        if (_finished || _shards.RunningOn(node).Count == 0) return;
        Timers.StartSingleTimer(LossTimerKey(node), new CoordinatorTick.LossCheck(node), MoveAfter);
    }

    private void CheckLoss(string node)
    {
        var member = _cluster.State.Members.FirstOrDefault(m => m.Address.ToString() == node);
        if (member is null) OnNodeLost(node, "removed from the cluster");
        else if (_cluster.State.Unreachable.Contains(member)) OnNodeLost(node, "unreachable");
    }

    private void OnHandedOff(ShardHandedOff handedOff)
    {
        var shard = _shards.Find(handedOff.ShardId);
        if (shard is null || !_shards.RunningOn(handedOff.Node).Contains(shard)) return;
        Relocate(shard, handedOff.Node, "left the cluster");
    }

    private void OnNodeLost(string node, string why)
    {
        Timers.Cancel(LossTimerKey(node));
        if (_finished) return;
        foreach (var shard in _shards.RunningOn(node)) Relocate(shard, node, why);
    }

    /// <summary>Hands a lost shard's segment to a surviving worker of its region, from the run clock's now.</summary>
    private void Relocate(ShardPlan lost, string node, string why)
    {
        var done = _moves.DoneBefore(lost.ShardId) + _shards.IterationsOfShard(lost.ShardId);
        _shards.MarkLost(lost.ShardId);
        _shardActors.Remove(lost.ShardId);
        var now = Elapsed.TotalSeconds;
        var host = _stopping ? null : ShardRelocation.ChooseHost(lost.Region, _shards.Running, AvailableNodes(), _moves.TakenOverBy);
        if (host is null)
        {
            _moves.Unplaced(lost, node, why, now);
            PersistAsync(new ShardMovedEvent(_setup.RunId, lost.ShardId, node, "", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), _ => { });
            _markers.Add(new RunMarker(now, "node-lost", $"node {node} {why}: shard {lost.ShardId} not replaced"));
            _log.Warning("Run {0}: node {1} {2}; shard {3} has no worker left in region {4}", _setup.RunId, node, why, lost.ShardId, lost.Region);
            if (!_stopping && _setup.File.OnRegionLost == RegionLossPolicy.Abort)
                OnStop(new RunMessages.StopRun(false, $"region {lost.Region} lost its last worker (onRegionLost: abort)"));
            FinishIfDone();
            return;
        }
        var replacement = _moves.Move(lost, node, why, host, now, _lastIntervalAt.GetValueOrDefault(lost.ShardId, now), done);
        _shards.Add(replacement);
        PersistAsync(new ShardMovedEvent(_setup.RunId, lost.ShardId, node, replacement.ShardId, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), _ => { });
        _markers.Add(new RunMarker(now, "node-lost", $"node {node} {why}: shard {lost.ShardId} moved to {host.Node}"));
        _log.Warning("Run {0}: node {1} {2}; shard {3} moves to {4} as {5}", _setup.RunId, node, why, lost.ShardId, host.Node, replacement.ShardId);
        SendStarts([replacement]);
    }

    /// <summary>Nodes that can take over a shard: Up (not leaving) and reachable.</summary>
    private HashSet<string> AvailableNodes()
    {
        var state = _cluster.State;
        return state.Members
            .Where(m => m.Status == MemberStatus.Up && !state.Unreachable.Contains(m))
            .Select(m => m.Address.ToString())
            .ToHashSet(StringComparer.Ordinal);
    }

    private static string LossTimerKey(string node) => "loss:" + node;

    private void OnShardFailed(ShardFailed failed)
    {
        _warnings.Add($"shard {failed.ShardId} failed on {failed.Node}: {failed.Reason}");
        if (_shards.MarkFinished(failed.ShardId, failed.Node))
            PersistAsync(new ShardFinishedEvent(_setup.RunId, failed.ShardId, failed.Node), _ => { });
        FinishIfDone();
    }

    private void OnStop(RunMessages.StopRun stop)
    {
        if (!stop.Graceful) _aborted = true;
        if (_stopping && stop.Graceful) return;
        _stopping = true;
        _warnings.Add($"run {(stop.Graceful ? "stopped" : "aborted")} at {Elapsed.TotalSeconds:0.0}s: {stop.Reason}");
        PersistAsync(new RunStopRequestedEvent(_setup.RunId, stop.Graceful, stop.Reason, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), _ => { });
        _markers.Add(new RunMarker(Math.Max(0, Elapsed.TotalSeconds), stop.Graceful ? "stop" : "abort", stop.Reason));
        foreach (var shard in _shards.Unfinished)
            _regions.For(shard.Region).Tell(new StopShard(shard.ShardId, _setup.RunId, stop.Graceful));
    }

    private void OnAdjust(AdjustRunRequest request)
    {
        if (_finished || _stopping)
        {
            Sender.Tell(new RunAdjustReply(_setup.RunId, true, $"run {_setup.RunId} is {(_finished ? "over" : "stopping")}", null));
            return;
        }
        if (!Enum.TryParse<LoadAction>(request.Action, ignoreCase: true, out var action))
        {
            Sender.Tell(new RunAdjustReply(_setup.RunId, true, $"unknown action '{request.Action}' (pause | resume | scale)", null));
            return;
        }
        var now = Elapsed;
        var effectiveAt = now + AdjustLead;
        LoadDecision decision;
        try
        {
            decision = LiveLoadControl.Decide(_setup.File, _factors, new LoadRequest(action, request.Factor, request.Vus, request.Rate, request.Region),
                now.TotalSeconds, effectiveAt.TotalSeconds);
        }
        catch (LoadControlException e)
        {
            Sender.Tell(new RunAdjustReply(_setup.RunId, true, e.Message, null));
            return;
        }
        var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var (target, factors) in decision.Changed)
        {
            _factors[target] = factors;
            PersistAsync(new RunAdjustedEvent(_setup.RunId, target.Region, (long)effectiveAt.TotalMilliseconds, factors.FactorAt(effectiveAt.TotalSeconds),
                decision.Description, request.By, at, target.Scenario), _ => { });
            var changes = WireChanges(target)!;
            foreach (var shard in _shards.Unfinished.Where(s => s.Region == target.Region && s.Scenario == target.Scenario))
                _regions.For(shard.Region).Tell(new AdjustShardLoad(shard.ShardId, _setup.RunId, changes));
        }
        _warnings.Add($"{decision.Description} by {request.By}");
        _markers.Add(new RunMarker(effectiveAt.TotalSeconds, "scale", $"{decision.Description} by {request.By}"));
        _log.Info("Run {0}: {1} by {2}", _setup.RunId, decision.Description, request.By);
        Sender.Tell(new RunAdjustReply(_setup.RunId, true, null, decision.Description));
    }

    private WireLoadChange[]? WireChanges(LoadTarget target) =>
        _factors.TryGetValue(target, out var factors) && !factors.IsPlan
            ? factors.Changes.Select(c => new WireLoadChange((long)Math.Round(c.AtRunSeconds * 1000), c.Factor)).ToArray()
            : null;

    private void PublishProgress()
    {
        var elapsed = Elapsed;
        var scenarios = _setup.File.Scenarios.Select(s => new ScenarioProgress(
            s.Name,
            Math.Clamp((elapsed - s.StartTime) / ScenarioTimeline.ActiveDuration(s), 0, 1),
            _shards.VusOf(s.Name),
            _shards.IterationsOf(s.Name),
            _shards.ScenarioFinished(s.Name) ? "done" : elapsed < s.StartTime ? "waiting" : "running")).ToArray();
        _observer.Tell(new RunMessages.Progressed(_aggregator.Progress(elapsed, _planned, scenarios)));
        var heartbeat = new RunHeartbeat(_setup.RunId);
        foreach (var shard in _shardActors.Values) shard.Tell(heartbeat);
        EvaluateAbortThresholds(elapsed);
    }

    private void EvaluateAbortThresholds(TimeSpan elapsed)
    {
        if (_stopping) return;
        var due = _setup.File.Thresholds.Where(t => t.AbortOnFail && elapsed >= t.DelayAbortEval).ToArray();
        if (due.Length == 0) return;
        var failed = ThresholdEvaluator.Evaluate(due, _aggregator, Math.Max(elapsed.TotalSeconds, 0.001)).FirstOrDefault(r => !r.Passed);
        if (failed is null) return;
        _markers.Add(new RunMarker(elapsed.TotalSeconds, "threshold", $"{failed.Metric} '{failed.Expression}' crossed (actual {failed.Actual:0.###})"));
        OnStop(new RunMessages.StopRun(false, $"threshold {failed.Metric} '{failed.Expression}' failed (actual {failed.Actual:0.###}) with abortOnFail"));
    }

    private void OnDeadline()
    {
        foreach (var shard in _shards.Unfinished.ToArray())
        {
            _warnings.Add($"shard {shard.ShardId} did not report its end in time; its last intervals may be missing");
            _shards.MarkFinished(shard.ShardId, "");
        }
        FinishIfDone();
    }

    private void FinishIfDone()
    {
        if (_finished || !_shards.AllFinished) return;
        _finished = true;
        Timers.CancelAll();
        var duration = Math.Max(Elapsed.TotalSeconds, 0.001);
        var thresholds = ThresholdEvaluator.Evaluate(_setup.File.Thresholds, _aggregator, duration);
        if (_setup.File.OnRegionLost == RegionLossPolicy.Abort && _moves.RegionsLost.Count > 0)
            thresholds = [.. thresholds, new ThresholdResult("regions", "onRegionLost: abort", _moves.RegionsLost.Count, false, true)];
        _warnings.AddRange(_moves.Warnings());
        var status = _aborted ? RunStatus.Aborted : thresholds.All(t => t.Passed) ? RunStatus.Passed : RunStatus.Failed;
        var summary = _aggregator.BuildSummary(status, _startedAt, duration, thresholds, _warnings);
        IReadOnlyDictionary<string, IReadOnlyList<SeriesPoint>> regionSeries =
            _setup.File.Regions.ToDictionary(r => r.Name, r => _aggregator.RegionSeries(r.Name));
        RunMarker[] markers =
        [
            new(0, "start", $"started: {_setup.Shards.Count} shard(s) in {string.Join(", ", _setup.Shards.Select(s => s.Region).Distinct())}"),
            .. StageMarkers.Of(_setup.File),
            .. _markers,
            new(duration, "end", $"ended {summary.Status.ToString().ToLowerInvariant()}"),
        ];
        var result = new RunResult(summary, _aggregator.Series, regionSeries, _aggregator.StepSeries, _aggregator.ScenarioSeries,
            markers.OrderBy(m => m.Second).ToArray());
        var ended = new RunEndedEvent(_setup.RunId, summary.Status.ToString().ToLowerInvariant(), _runStartUnixMs, duration,
            summary.Totals.Requests, summary.Totals.ErrorRate, summary.Totals.LatencyMs.P95);
        PersistAll(new object[] { new Tagged(ended, [RunListTag]), new RunResultEvent(_setup.RunId, RunResultJson.Serialize(result)) }, evt =>
        {
            if (evt is not RunResultEvent) return;
            _observer.Tell(new RunMessages.Finished(result));
            Context.Stop(Self);
        });
    }

    private static WireSegment ToWire(Segment segment) =>
        new(segment.Start.Numerator, segment.Start.Denominator, segment.End.Numerator, segment.End.Denominator);
}

internal static class CoordinatorTick
{
    public sealed record Begin : INoSerializationVerificationNeeded { public static readonly Begin Instance = new(); }
    public sealed record RetryStarts : INoSerializationVerificationNeeded { public static readonly RetryStarts Instance = new(); }
    public sealed record Progress : INoSerializationVerificationNeeded { public static readonly Progress Instance = new(); }
    public sealed record Deadline : INoSerializationVerificationNeeded { public static readonly Deadline Instance = new(); }
    public sealed record LossCheck(string Node) : INoSerializationVerificationNeeded;
    public sealed record Resume : INoSerializationVerificationNeeded { public static readonly Resume Instance = new(); }
    public sealed record RetryReattach : INoSerializationVerificationNeeded { public static readonly RetryReattach Instance = new(); }
}
