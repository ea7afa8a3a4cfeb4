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
    private int _created;

    public ScenarioDefinition Scenario { get; } = scenario;
    public Segment Segment { get; } = segment;
    public CancellationToken HardStop { get; } = hardStop;

    public IActorRef SpawnVu(IActorContext context, IterationBudget budget)
    {
        var id = (int)(_firstVuId + _created++);
        var state = new VirtualUserState(id, Scenario.Name, region, env);
        // A producer instead of Props.Create(() => new …): the expression form is evaluated per call, which cost
        // milliseconds per VU while a stalled target made the pool grow, and delayed the shard's iteration starts.
        return context.ActorOf(Props.CreateBy(new VirtualUserProducer(runner, state, budget, HardStop)), $"vu-{id}");
    }

}

/// <summary>Creates a VU actor directly, without reflection or expression evaluation.</summary>
internal sealed class VirtualUserProducer(FlowRunner runner, VirtualUserState state, IterationBudget budget, CancellationToken hardStop) : IIndirectActorProducer
{
    public Type ActorType => typeof(VirtualUserActor);

    public ActorBase Produce() => new VirtualUserActor(runner, state, budget, hardStop);

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
