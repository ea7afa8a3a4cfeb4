using LoadGrid.Core.Scenarios;

namespace LoadGrid.Core.Tests.Load;

/// <summary>Scenario definitions for load-math tests, built directly (the parser has its own tests).</summary>
internal static class LoadTestScenarios
{
    public static ScenarioDefinition Make(
        ExecutorKind executor,
        int vus = 0,
        double durationSeconds = 0,
        long iterations = 0,
        double rate = 0,
        double timeUnitSeconds = 1,
        int startVus = 0,
        double startRate = 0,
        params (double Seconds, double Target)[] stages) =>
        new("s", executor, vus, TimeSpan.FromSeconds(durationSeconds), iterations, rate, TimeSpan.FromSeconds(timeUnitSeconds),
            PreAllocatedVus: 1, MaxVus: 1, startVus, startRate,
            stages.Select(s => new Stage(TimeSpan.FromSeconds(s.Seconds), s.Target)).ToArray(),
            TimeSpan.Zero, TimeSpan.FromSeconds(30), []);
}
