using Akka.Actor;
using LoadGrid.Core.Load;
using LoadGrid.Core.Scenarios;
using LoadGrid.Http;

namespace LoadGrid.Cluster.Worker;

/// <summary>
/// What a running shard needs to create VUs: the flow runner, the hard-stop token and the numbering of its VUs.
/// VU ids are unique within a scenario across all shards: a segment [s, e) of a scenario whose VUs peak at M owns
/// the ids floor(M·s)+1 … floor(M·e), the same exact split as the VUs themselves.
/// </summary>
public sealed class ShardLoadContext(
    ScenarioDefinition scenario,
    Segment segment,
    string region,
    FlowRunner runner,
    IReadOnlyDictionary<string, string> env,
    CancellationToken hardStop)
{
    private readonly long _firstVuId = SegmentPlanner.Share(ClosedModel.PeakVus(scenario), new Segment(Fraction.Zero, segment.Start)) + 1;
    // One Props for all the shard's VUs (a Props and a producer per VU cost ~110 B each VU), built at the first spawn,
    // when the actor system is known.
    private Props? _vuProps;
    private int _created;

    public ScenarioDefinition Scenario { get; } = scenario;
    public Segment Segment { get; } = segment;
    public CancellationToken HardStop { get; } = hardStop;

    public IActorRef SpawnVu(IActorContext context, IterationBudget budget)
    {
        var id = (int)(_firstVuId + _created++);
        var vu = context.ActorOf(_vuProps ??= VuProps(context.System), $"vu-{id}");
        // Sent before anything else the shard tells it (one sender's messages arrive in order).
        vu.Tell(new VuMessages.Assign(new VirtualUserState(id, Scenario.Name, region, env), budget));
        return vu;
    }

    /// <summary>
    /// A producer instead of Props.Create(() => new …): the expression form is evaluated per call, which cost
    /// milliseconds per VU while a stalled target made the pool grow. The small VU mailbox where the node's HOCON has
    /// it (a test's bare ActorSystem may not).
    /// </summary>
    private Props VuProps(ActorSystem system)
    {
        var props = Props.CreateBy(new VirtualUserProducer(runner, HardStop));
        return system.Settings.Config.HasPath(VuMailbox.ConfigPath) ? props.WithMailbox(VuMailbox.ConfigPath) : props;
    }
}

/// <summary>Creates a VU actor directly, without reflection or expression evaluation.</summary>
internal sealed class VirtualUserProducer(FlowRunner runner, CancellationToken hardStop) : IIndirectActorProducer
{
    public Type ActorType => typeof(VirtualUserActor);

    public ActorBase Produce() => new VirtualUserActor(runner, hardStop);

    public void Release(ActorBase actor)
    {
    }
}

/// <summary>How a shard turns the run clock into VUs and iterations; one implementation per workload model.</summary>
public interface IShardLoad
{
    /// <summary>Brings the load in line with the scenario's plan at <paramref name="scenarioElapsed"/>.</summary>
    void Tick(IActorContext context, TimeSpan scenarioElapsed);

    /// <summary>No new iterations from now on; running ones may finish within gracefulStop.</summary>
    void StopStarting(IActorContext context);

    void OnVuStopped(IActorRef vu);

    void OnVuIdle(IActorRef vu);

    /// <summary>True once no new iteration will start (planned work done, or stopped).</summary>
    bool Exhausted { get; }

    int ActiveVus { get; }

    int AllocatedVus { get; }

    int LiveVus { get; }

    /// <summary>The operator's live changes to the plan (run pause / resume / scale), the whole list so far.</summary>
    void Apply(LoadFactors factors);

    /// <summary>Iterations dropped since the last call (open model: all VUs were busy).</summary>
    long TakeDropped();
}
