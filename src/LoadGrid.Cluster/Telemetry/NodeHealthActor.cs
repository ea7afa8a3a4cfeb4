using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;

namespace LoadGrid.Cluster.Telemetry;

/// <summary>
/// Samples the cluster state and the shard regions this node hosts every <see cref="SampleInterval"/> into
/// <see cref="NodeHealth"/>. Region states are asked for and piped back, never awaited, so the actor never blocks.
/// </summary>
public sealed class NodeHealthActor : ReceiveActor, IWithTimers
{
    public const string Name = "node-health";

    private static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(2);
    private static readonly string[] Statuses = Enum.GetValues<MemberStatus>().Select(StatusName).ToArray();

    private readonly NodeHealth _health;
    private readonly Func<IReadOnlyDictionary<string, IActorRef>> _hostedRegions;
    private readonly Dictionary<string, (int Shards, int Entities)> _regionStates = new(StringComparer.Ordinal);

    public NodeHealthActor(NodeHealth health, Func<IReadOnlyDictionary<string, IActorRef>> hostedRegions)
    {
        _health = health;
        _hostedRegions = hostedRegions;
        Receive<Sample>(_ => OnSample());
        Receive<RegionState>(state =>
        {
            _regionStates[state.Region] = (state.Shards, state.Entities);
            _health.UpdateShards(new Dictionary<string, (int, int)>(_regionStates, StringComparer.Ordinal));
        });
        Receive<Status.Failure>(_ => { }); // a region that did not answer in time keeps its last figures
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props CreateProps(NodeHealth health, Func<IReadOnlyDictionary<string, IActorRef>> hostedRegions) =>
        Props.Create(() => new NodeHealthActor(health, hostedRegions));

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("sample", Sample.Instance, TimeSpan.Zero, SampleInterval);
    }

    private void OnSample()
    {
        var state = Akka.Cluster.Cluster.Get(Context.System).State;
        var byStatus = Statuses.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        foreach (var member in state.Members) byStatus[StatusName(member.Status)]++;
        _health.UpdateCluster(byStatus, state.Unreachable.Count);

        foreach (var (region, shardRegion) in _hostedRegions())
        {
            shardRegion.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, SampleInterval)
                .PipeTo(Self, success: s => new RegionState(region, s.Shards.Count, s.Shards.Sum(shard => shard.EntityIds.Count)));
        }
    }

    private static string StatusName(MemberStatus status) => status switch
    {
        MemberStatus.WeaklyUp => "weakly_up",
        _ => status.ToString().ToLowerInvariant(),
    };

    private sealed record Sample : INoSerializationVerificationNeeded
    {
        public static readonly Sample Instance = new();
    }

    private sealed record RegionState(string Region, int Shards, int Entities) : INoSerializationVerificationNeeded;
}
