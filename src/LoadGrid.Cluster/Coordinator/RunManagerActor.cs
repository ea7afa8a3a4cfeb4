using Akka.Actor;
using Akka.Event;
using LoadGrid.Cluster.Failover;
using LoadGrid.Cluster.History;
using LoadGrid.Cluster.Protocol;
using LoadGrid.Cluster.Sharding;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Cluster.Coordinator;

/// <summary>
/// The cluster's one place that starts runs (a cluster singleton on the coordinator role): validates a submitted
/// run, plans it over the workers up (and registered with sharding) in each region, starts its <see cref="RunCoordinatorActor"/> child and
/// relays the run's progress and result, as JSON, to whoever watches it (the CLI or the control endpoint).
/// </summary>
public sealed class RunManagerActor : ReceiveActor
{
    /// <summary>How many finished runs keep their result here for watchers that arrive just after the end.</summary>
    private const int RecentlyEndedKept = 32;

    private readonly ShardRegions _regions;
    private readonly Func<IReadOnlyDictionary<string, int>> _workersPerRegion;
    private readonly Dictionary<string, ActiveRun> _active = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _runOfCoordinator = [];
    private readonly LinkedList<RunEnded> _recentlyEnded = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();

    private readonly bool _takesOverRuns;

    public RunManagerActor(ShardRegions regions, Func<IReadOnlyDictionary<string, int>> workersPerRegion, bool takesOverRuns = false)
    {
        _regions = regions;
        _workersPerRegion = workersPerRegion;
        _takesOverRuns = takesOverRuns;
        Receive<RunsToTakeOver>(TakeOver);
        Receive<Status.Failure>(failure => _log.Warning("Could not look for interrupted runs to take over: {0}", failure.Cause.Message));
        Receive<SubmitRun>(Submit);
        Receive<WorkerRegistrationGate.Ready>(Start);
        Receive<WatchRun>(Watch);
        Receive<StopRunRequest>(Stop);
        Receive<AdjustRunRequest>(adjust =>
        {
            if (_active.TryGetValue(adjust.RunId, out var run)) run.Coordinator.Forward(new RunMessages.AdjustRun(adjust));
            else Sender.Tell(new RunAdjustReply(adjust.RunId, false, null, null));
        });
        Receive<ListActiveRuns>(_ => Sender.Tell(new ActiveRuns(_active.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Value.Entry).ToArray())));
        Receive<RunMessages.Progressed>(OnProgress);
        Receive<RunMessages.Finished>(OnFinished);
        Receive<Terminated>(OnTerminated);
    }

    public static Props CreateProps(ShardRegions regions, Func<IReadOnlyDictionary<string, int>> workersPerRegion, bool takesOverRuns = false) =>
        Props.Create(() => new RunManagerActor(regions, workersPerRegion, takesOverRuns));

    /// <summary>
    /// A manager that starts while runs are going (the singleton moved after its node died) takes them over:
    /// runs the journal shows started, not ended, and still within their planned time.
    /// </summary>
    protected override void PreStart()
    {
        if (_takesOverRuns) FindRunsToTakeOver(new RunHistory(Context.System)).PipeTo(Self);
    }

    private static async Task<RunsToTakeOver> FindRunsToTakeOver(RunHistory history)
    {
        var now = DateTimeOffset.UtcNow;
        var found = new List<ResumedRun>();
        var interrupted = (await history.ListAsync([], CancellationToken.None))
            .Where(r => r.Status == "interrupted" && r.SubmittedAt > now - TakeOverHorizon);
        foreach (var record in interrupted)
        {
            var resumed = ResumedRun.From(await history.EventsAsync(record.RunId, CancellationToken.None));
            if (resumed is not null && resumed.Deadline(RunCoordinatorActor.FinishSlack) > now) found.Add(resumed);
        }
        return new RunsToTakeOver(found);
    }

    private void TakeOver(RunsToTakeOver runs)
    {
        foreach (var run in runs.Runs.Where(r => !_active.ContainsKey(r.Setup.RunId)))
        {
            var coordinator = Context.ActorOf(RunCoordinatorActor.CreateProps(run.Setup, _regions, Self, run), $"run-{run.Setup.RunId}");
            Context.Watch(coordinator);
            _active[run.Setup.RunId] = new ActiveRun(coordinator, EntryOf(run.Setup));
            _runOfCoordinator[coordinator] = run.Setup.RunId;
            _log.Warning("Run {0} ({1}) was interrupted by the loss of its coordinator: taking it over", run.Setup.RunId, run.Setup.File.Name);
        }
    }

    /// <summary>Interrupted runs older than this are history, not candidates (no run plans a day ahead).</summary>
    private static readonly TimeSpan TakeOverHorizon = TimeSpan.FromDays(1);

    private sealed record RunsToTakeOver(IReadOnlyList<ResumedRun> Runs) : INoSerializationVerificationNeeded;

    /// <summary>Rejects a bad submission at once; a good one waits for its workers' shard regions (<see cref="WorkerRegistrationGate"/>).</summary>
    private void Submit(SubmitRun submit)
    {
        var plan = RunSubmission.Plan(submit, _workersPerRegion());
        if (plan.Rejection is not null)
        {
            Sender.Tell(plan.Rejection);
            return;
        }
        var regions = plan.WorkersPerRegion.Keys.ToDictionary(region => region, _regions.Started, StringComparer.Ordinal);
        Context.ActorOf(WorkerRegistrationGate.CreateProps(submit, Sender, regions));
    }

    private void Start(WorkerRegistrationGate.Ready ready)
    {
        var plan = RunSubmission.Plan(ready.Submit, ready.Workers);
        if (plan.Rejection is not null)
        {
            ready.ReplyTo.Tell(plan.Rejection);
            return;
        }
        var submit = ready.Submit;
        var setup = plan.Setup!;
        var coordinator = Context.ActorOf(RunCoordinatorActor.CreateProps(setup, _regions, Self), $"run-{setup.RunId}");
        Context.Watch(coordinator);
        _active[setup.RunId] = new ActiveRun(coordinator, EntryOf(setup));
        _runOfCoordinator[coordinator] = setup.RunId;
        _log.Info("Run {0} ({1}) submitted by {2}: {3} shard(s)", setup.RunId, setup.File.Name, submit.SubmittedBy, setup.Shards.Count);
        ready.ReplyTo.Tell(new RunAccepted(setup.RunId, setup.File.Name, plan.WorkersPerRegion));
    }

    private void Watch(WatchRun watch)
    {
        if (_active.TryGetValue(watch.RunId, out var run))
        {
            run.Watchers.Add(Sender);
            Context.Watch(Sender);
            if (run.LatestProgressJson is not null) Sender.Tell(new RunProgressed(watch.RunId, run.LatestProgressJson));
            return;
        }
        var ended = _recentlyEnded.FirstOrDefault(e => e.RunId == watch.RunId);
        Sender.Tell(ended is null ? new RunNotActive(watch.RunId) : ended);
    }

    private void Stop(StopRunRequest stop)
    {
        var found = _active.TryGetValue(stop.RunId, out var run);
        if (found) run!.Coordinator.Tell(new RunMessages.StopRun(stop.Graceful, stop.Reason));
        Sender.Tell(new RunStopAcknowledged(stop.RunId, found));
    }

    private void OnProgress(RunMessages.Progressed progressed)
    {
        if (!_runOfCoordinator.TryGetValue(Sender, out var runId) || !_active.TryGetValue(runId, out var run)) return;
        run.LatestProgressJson = RunResultJson.SerializeProgress(progressed.Progress);
        var message = new RunProgressed(runId, run.LatestProgressJson);
        foreach (var watcher in run.Watchers) watcher.Tell(message);
    }

    private void OnFinished(RunMessages.Finished finished)
    {
        if (!_runOfCoordinator.TryGetValue(Sender, out var runId)) return;
        End(new RunEnded(runId, RunResultJson.Serialize(finished.Result), null));
    }

    private void OnTerminated(Terminated terminated)
    {
        if (_runOfCoordinator.Remove(terminated.ActorRef, out var runId))
        {
            // Finished already ended it; otherwise the coordinator died without a result (its log says why).
            if (_active.ContainsKey(runId)) End(new RunEnded(runId, null, $"the coordinator of run {runId} stopped without a result (see the coordinator node's log)"));
            return;
        }
        foreach (var run in _active.Values) run.Watchers.Remove(terminated.ActorRef);
    }

    private void End(RunEnded ended)
    {
        if (!_active.Remove(ended.RunId, out var run)) return;
        foreach (var watcher in run.Watchers) watcher.Tell(ended);
        _recentlyEnded.AddFirst(ended);
        while (_recentlyEnded.Count > RecentlyEndedKept) _recentlyEnded.RemoveLast();
    }

    private static ActiveRunEntry EntryOf(RunSetup setup) =>
        new(setup.RunId, setup.File.Name, setup.SubmittedAt.ToUnixTimeMilliseconds(), setup.SubmittedBy);

    private sealed class ActiveRun(IActorRef coordinator, ActiveRunEntry entry)
    {
        public IActorRef Coordinator { get; } = coordinator;
        public ActiveRunEntry Entry { get; } = entry;
        public HashSet<IActorRef> Watchers { get; } = [];
        public string? LatestProgressJson { get; set; }
    }
}
