using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Event;
using LoadGrid.Cluster.Protocol;
using LoadGrid.Cluster.Sharding;

namespace LoadGrid.Cluster.Coordinator;

/// <summary>
/// Holds one submitted run until the workers that are Up in its regions have registered their shard regions (a
/// worker is Up a moment before its region registers, up to Akka's registration retry interval), then tells the run
/// manager how many workers per region the run can use (<see cref="Ready"/>) and stops. After
/// <see cref="MaxWait"/> it plans over the registered ones: a worker that never registers must not hold runs back.
/// </summary>
public sealed class WorkerRegistrationGate : ReceiveActor, IWithTimers
{
    /// <summary>Akka's registration retry interval is 2 s; twice that and a little covers one missed attempt.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RecheckAfter = TimeSpan.FromMilliseconds(100);

    private readonly SubmitRun _submit;
    private readonly IActorRef _replyTo;
    private readonly IReadOnlyDictionary<string, IActorRef?> _regions;
    private readonly DateTime _deadline = DateTime.UtcNow + MaxWait;
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="regions">The run's regions, each with its shard region or proxy on this node (null: none started here, so not checked).</param>
    public WorkerRegistrationGate(SubmitRun submit, IActorRef replyTo, IReadOnlyDictionary<string, IActorRef?> regions)
    {
        _submit = submit;
        _replyTo = replyTo;
        _regions = regions;
        Receive<Check>(_ => AskRegistered());
        Receive<Registered>(OnRegistered);
    }

    public static Props CreateProps(SubmitRun submit, IActorRef replyTo, IReadOnlyDictionary<string, IActorRef?> regions) =>
        Props.Create(() => new WorkerRegistrationGate(submit, replyTo, regions));

    /// <summary>The run may be planned over <see cref="Workers"/>; <see cref="ReplyTo"/> is who submitted it.</summary>
    public sealed record Ready(SubmitRun Submit, IActorRef ReplyTo, IReadOnlyDictionary<string, int> Workers) : INoSerializationVerificationNeeded;

    private sealed record Check : INoSerializationVerificationNeeded
    {
        public static readonly Check Instance = new();
    }

    private sealed record Registered(IReadOnlyDictionary<string, IReadOnlySet<Address>?> ByRegion) : INoSerializationVerificationNeeded;

    protected override void PreStart() => AskRegistered();

    private void AskRegistered()
    {
        var asks = _regions.Select(async region => (region.Key, Addresses: await AddressesOf(region.Value)));
        Task.WhenAll(asks).PipeTo(Self, success: answers => new Registered(answers.ToDictionary(a => a.Key, a => a.Addresses, StringComparer.Ordinal)));
    }

    /// <summary>The region's registered addresses, or null when there is nothing to ask or it did not answer in time.</summary>
    private static async Task<IReadOnlySet<Address>?> AddressesOf(IActorRef? region)
    {
        if (region is null) return null;
        try
        {
            var current = await region.Ask<CurrentRegions>(GetCurrentRegions.Instance, AskTimeout);
            return current.Regions.ToImmutableHashSet();
        }
        catch (Exception)
        {
            return null; // timed out, or the region is stopping: plan over Up workers as before the check
        }
    }

    private void OnRegistered(Registered registered)
    {
        var up = UpWorkers();
        var ready = ReadyWorkers.Count(up, registered.ByRegion);
        var complete = ReadyWorkers.All(up, ready);
        if (!complete && DateTime.UtcNow < _deadline)
        {
            Timers.StartSingleTimer(Check.Instance, Check.Instance, RecheckAfter);
            return;
        }
        if (!complete)
            _log.Warning("Run {0}: planned over the workers whose shard regions registered within {1} s ({2}); Up: {3}",
                _submit.RunId, MaxWait.TotalSeconds, Describe(ready), Describe(up.ToDictionary(u => u.Key, u => u.Value.Count)));
        Context.Parent.Tell(new Ready(_submit, _replyTo, ready));
        Context.Stop(Self);
    }

    private Dictionary<string, IReadOnlyCollection<Address>> UpWorkers()
    {
        var members = _cluster.State.Members.Where(m => m.Status == MemberStatus.Up).ToArray();
        return _regions.Keys.ToDictionary(
            region => region,
            region => (IReadOnlyCollection<Address>)members.Where(m => m.HasRole(ShardRegionNames.WorkerRole(region))).Select(m => m.Address).ToArray(),
            StringComparer.Ordinal);
    }

    private static string Describe(IReadOnlyDictionary<string, int> counts) => string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"));
}
