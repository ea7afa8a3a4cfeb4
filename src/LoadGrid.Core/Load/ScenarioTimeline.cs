using LoadGrid.Core.Scenarios;

namespace LoadGrid.Core.Load;

/// <summary>When a scenario runs, relative to the run's start.</summary>
public static class ScenarioTimeline
{
    /// <summary>
    /// The executor's own run time: its duration; the sum of its stages for ramping executors; maxDuration (default
    /// 10 minutes) for per-vu-iterations and shared-iterations, which usually end earlier when their iterations are done.
    /// </summary>
    public static TimeSpan ActiveDuration(ScenarioDefinition s) => s.Executor switch
    {
        ExecutorKind.RampingVus or ExecutorKind.RampingArrivalRate => s.Stages.Aggregate(TimeSpan.Zero, (sum, stage) => sum + stage.Duration),
        ExecutorKind.PerVuIterations or ExecutorKind.SharedIterations when s.Duration <= TimeSpan.Zero => ScenarioDefinition.DefaultMaxDuration,
        _ => s.Duration,
    };

    /// <summary>startTime + <see cref="ActiveDuration"/> (gracefulStop not included).</summary>
    public static TimeSpan End(ScenarioDefinition s) => s.StartTime + ActiveDuration(s);
}
