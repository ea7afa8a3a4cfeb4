using Akka.Actor;
using LoadGrid.Cluster.Coordinator;
using LoadGrid.Cluster.Sharding;
using LoadGrid.Cluster.Worker;
using LoadGrid.Http;

namespace LoadGrid.Cluster.Hosting;

/// <summary>
/// A running LoadGrid node: its actor system, its one HTTP transport and its shard regions. The embedded cluster of
/// <c>loadgrid run</c> and <c>loadgrid demo</c> is one such node holding the coordinator role and every region's
/// worker role.
/// </summary>
public sealed class LoadGridNode : IAsyncDisposable
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpTransport _transport;

    private LoadGridNode(ActorSystem system, HttpTransport transport, ShardRegions regions)
    {
        System = system;
        _transport = transport;
        Regions = regions;
    }

    public ActorSystem System { get; }

    public ShardRegions Regions { get; }

    public string Address => Akka.Cluster.Cluster.Get(System).SelfAddress.ToString();

    public static async Task<LoadGridNode> StartAsync(NodeOptions options, CancellationToken cancellation = default)
    {
        var system = ActorSystem.Create(options.SystemName, ClusterConfig.Build(options));
        try
        {
            await WarmUpSchedulerAsync(system, cancellation);
            var cluster = Akka.Cluster.Cluster.Get(system);
            var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            cluster.RegisterOnMemberUp(() => up.TrySetResult());
            if (options.Seeds.Count == 0) cluster.Join(cluster.SelfAddress);
            await up.Task.WaitAsync(JoinTimeout, cancellation);

            var transport = new HttpTransport();
            var regions = new ShardRegions(system, new WorkerServices(transport, cluster.SelfAddress.ToString()));
            foreach (var region in options.Regions) regions.For(region);
            return new LoadGridNode(system, transport, regions);
        }
        catch
        {
            await system.Terminate();
            throw;
        }
    }

    /// <summary>Starts a run on this node (which must have the coordinator role) and follows it.</summary>
    public RunHandle StartRun(RunSetup setup)
    {
        var handle = new RunHandle(setup.RunId);
        var observer = System.ActorOf(RunObserverActor.CreateProps(handle), $"observer-{setup.RunId}");
        handle.Coordinator = System.ActorOf(RunCoordinatorActor.CreateProps(setup, Regions, observer), $"run-{setup.RunId}");
        observer.Tell(new RunObserverActor.WatchCoordinator(handle.Coordinator));
        return handle;
    }

    public async ValueTask DisposeAsync()
    {
        await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ActorSystemTerminateReason.Instance);
        _transport.Dispose();
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
