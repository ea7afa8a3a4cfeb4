namespace LoadGrid.Core.Scenarios;

public enum ExecutorKind
{
    ConstantVus,
    RampingVus,
    PerVuIterations,
    SharedIterations,
    ConstantArrivalRate,
    RampingArrivalRate,
}

/// <summary>One ramp stage: move linearly to <see cref="Target"/> (VUs or rate) over <see cref="Duration"/>.</summary>
public sealed record Stage(TimeSpan Duration, double Target);

/// <summary>
/// One scenario (a named entry under <c>scenarios:</c>) with its executor settings and flow.
/// Settings an executor does not use keep their defaults; the validator rejects settings that do not apply.
/// </summary>
public sealed record ScenarioDefinition(
    string Name,
    ExecutorKind Executor,
    int Vus,
    TimeSpan Duration,
    long Iterations,
    double Rate,
    TimeSpan TimeUnit,
    int PreAllocatedVus,
    int MaxVus,
    int StartVus,
    double StartRate,
    IReadOnlyList<Stage> Stages,
    TimeSpan StartTime,
    TimeSpan GracefulStop,
    IReadOnlyList<FlowStep> Flow)
{
    /// <summary>Defaults as k6 has them.</summary>
    public static readonly TimeSpan DefaultGracefulStop = TimeSpan.FromSeconds(30);
    /// <summary>The longest a per-vu-iterations or shared-iterations scenario may run when no duration is given (k6's maxDuration).</summary>
    public static readonly TimeSpan DefaultMaxDuration = TimeSpan.FromMinutes(10);

    public bool IsOpenModel => Executor is ExecutorKind.ConstantArrivalRate or ExecutorKind.RampingArrivalRate;
}
