using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.Singleton;
using LoadGrid.Cluster.Coordinator;
using LoadGrid.Cluster.History;
using LoadGrid.Cluster.Protocol;
using LoadGrid.Cluster.Sharding;
using LoadGrid.Cluster.Worker;
using LoadGrid.Core.Metrics;
using LoadGrid.Core.Scenarios;
using LoadGrid.Http;
using LoadGrid.Http.Lean;

namespace LoadGrid.Cluster.Hosting;

/// <summary>
/// A running LoadGrid node: its actor system, its one HTTP transport and its shard regions; on the coordinator
/// role also the run manager (a cluster singleton) and the run history. The embedded cluster of <c>loadgrid run</c>
/// and <c>loadgrid demo</c> is one such node holding the coordinator role and every region's worker role.
/// </summary>
public sealed class LoadGridNode : IAsyncDisposable
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);
    private const string RunManagerName = "run-manager";

    private readonly IHttpTransport _transport;
    private readonly IActorRef? _runManager;
    private readonly IDisposable _gauges;

    /// <summary>The node's HTTP transport (shared by every VU on it).</summary>
    public IHttpTransport Transport => _transport;

    private LoadGridNode(ActorSystem system, IHttpTransport transport, ShardRegions regions, IActorRef? runManager, IDisposable gauges)
    {
        System = system;
        _transport = transport;
        _gauges = gauges;
        Regions = regions;
        _runManager = runManager;
        History = runManager is null ? null : new RunHistory(system);
    }

    public ActorSystem System { get; }

    public ShardRegions Regions { get; }

    /// <summary>The run history (coordinator nodes with a database only).</summary>
    public RunHistory? History { get; }

    public string Address => Akka.Cluster.Cluster.Get(System).SelfAddress.ToString();

    /// <summary>The run manager singleton (through its proxy); coordinator nodes only.</summary>
    public IActorRef RunManagerRef => RunManager;

    private IActorRef RunManager => _runManager ?? throw new InvalidOperationException("runs are managed by coordinator nodes; this node is a worker");

    public static async Task<LoadGridNode> StartAsync(NodeOptions options, CancellationToken cancellation = default)
    {
        if (options.IsCoordinator && options.Database is not null) PersistenceConfig.Prepare(options.Database);
        var system = ActorSystem.Create(options.SystemName, ClusterConfig.Build(options));
        try
        {
            await WarmUpSchedulerAsync(system, cancellation);
            var cluster = Akka.Cluster.Cluster.Get(system);
            var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            cluster.RegisterOnMemberUp(() => up.TrySetResult());
            if (options.Seeds.Count == 0) cluster.Join(cluster.SelfAddress);
            try
            {
                await up.Task.WaitAsync(JoinTimeout, cancellation);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException(options.Seeds.Count == 0
                    ? $"the node did not come up within {JoinTimeout.TotalSeconds:0} s"
                    : $"could not join the cluster through {string.Join(", ", options.Seeds)} within {JoinTimeout.TotalSeconds:0} s: is a coordinator running there, and can it reach this node at {options.PublicHostname ?? options.Hostname}:{options.Port}?");
            }

            // LOADGRID_HTTP_TRANSPORT=lean|sockets (default lean): see TransportSelection.
            var transport = TransportSelection.FromEnvironment();
            if (options.Regions.Count > 0) await TransportWarmUp.RunAsync(transport);
            var regions = new ShardRegions(system, new WorkerServices(transport, cluster.SelfAddress.ToString(), SampleLog.FromEnvironment(), IterationTracing.For(options.TraceSample)));
            foreach (var region in options.Regions) regions.For(region);
            system.ActorOf(NodeStatsActor.CreateProps(cluster.SelfAddress.ToString(), regions.Services.Load), NodeStatsActor.Name);
            var health = new Telemetry.NodeHealth();
            system.ActorOf(Telemetry.NodeHealthActor.CreateProps(health, regions.Hosted), Telemetry.NodeHealthActor.Name);
            IActorRef? runManager = null;
            if (options.IsCoordinator)
            {
                // Start the journal now: it creates its tables on start, which the first run should not wait for.
                if (options.Database is not null) Akka.Persistence.Persistence.Instance.Apply(system).JournalFor(null);
                system.ActorOf(ClusterSingletonManager.Props(
                    RunManagerActor.CreateProps(regions, () => WorkersPerRegion(cluster), options.TakesOverRuns && options.Database is not null),
                    PoisonPill.Instance,
                    ClusterSingletonManagerSettings.Create(system).WithRole(ShardRegionNames.CoordinatorRole)), RunManagerName);
                runManager = system.ActorOf(ClusterSingletonProxy.Props(
                    $"/user/{RunManagerName}",
                    ClusterSingletonProxySettings.Create(system).WithRole(ShardRegionNames.CoordinatorRole)), $"{RunManagerName}-proxy");
            }
            return new LoadGridNode(system, transport, regions, runManager, Telemetry.LoadGridMeter.ObserveNode(regions.Services.Load, health));
        }
        catch
        {
            await system.Terminate();
            throw;
        }
    }

    /// <summary>Submits a run to the cluster's run manager; the reply is <see cref="RunAccepted"/> or <see cref="RunRejected"/>.</summary>
    public async Task<IWireMessage> SubmitAsync(SubmitRun submit, CancellationToken cancellation = default)
    {
        // Shard region proxies start with a blocking call inside Akka, so they are started here, outside any actor.
        var parsed = ScenarioLoader.Parse(submit.ScenarioText, submit.ScenarioPath, submit.Env, checkFiles: false);
        foreach (var region in parsed.Scenario?.Regions ?? []) Regions.For(region.Name);
        return await RunManager.Ask<IWireMessage>(submit, AskTimeout, cancellation);
    }

    /// <summary>Follows a run: progress about once a second, then its result.</summary>
    public RunHandle Follow(string runId)
    {
        var handle = new RunHandle(runId, RunManager);
        System.ActorOf(RunObserverActor.CreateProps(handle, RunManager), $"observer-{runId}-{Guid.NewGuid():N}");
        return handle;
    }

    public async Task<bool> StopRunAsync(string runId, bool graceful, string reason, CancellationToken cancellation = default)
    {
        var ack = await RunManager.Ask<RunStopAcknowledged>(new StopRunRequest(runId, graceful, reason), AskTimeout, cancellation);
        return ack.Found;
    }

    /// <summary>A live change (pause / resume / scale) of a running run; see <see cref="RunAdjustReply"/>.</summary>
    public Task<RunAdjustReply> AdjustRunAsync(AdjustRunRequest request, CancellationToken cancellation = default) =>
        RunManager.Ask<RunAdjustReply>(request, AskTimeout, cancellation);

    public async Task<IReadOnlyList<ActiveRunEntry>> ActiveRunsAsync(CancellationToken cancellation = default) =>
        (await RunManager.Ask<ActiveRuns>(ListActiveRuns.Instance, AskTimeout, cancellation)).Runs;

    public async Task<IReadOnlySet<string>> ActiveRunIdsAsync(CancellationToken cancellation = default) =>
        (await ActiveRunsAsync(cancellation)).Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);

    /// <summary>Worker nodes that are Up, per LoadGrid region: what a new run is planned over.</summary>
    public static IReadOnlyDictionary<string, int> WorkersPerRegion(Akka.Cluster.Cluster cluster) => cluster.State.Members
        .Where(m => m.Status == MemberStatus.Up)
        .SelectMany(m => m.Roles.Select(ShardRegionNames.RegionOfRole).OfType<string>())
        .GroupBy(r => r, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    public async ValueTask DisposeAsync()
    {
        _gauges.Dispose();
        await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ActorSystemTerminateReason.Instance);
        ((IDisposable)_transport).Dispose();
        Regions.Services.SampleLog?.Dispose();
    }

    /// <summary>
    /// A fresh ActorSystem's scheduler can starve the thread pool when thousands of actors schedule at once
    /// (akka.net #7130): schedule one message and wait for it before any load starts.
    /// </summary>
    private static async Task WarmUpSchedulerAsync(ActorSystem system, CancellationToken cancellation)
    {
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        system.Scheduler.Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(1), () => fired.TrySetResult());
        await fired.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellation);
    }
}
