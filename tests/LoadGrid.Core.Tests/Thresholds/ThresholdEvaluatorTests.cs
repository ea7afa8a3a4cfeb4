using LoadGrid.Core.Metrics;
using LoadGrid.Core.Scenarios;
using LoadGrid.Core.Thresholds;
using static LoadGrid.Core.Tests.Metrics.MetricsTestData;

namespace LoadGrid.Core.Tests.Thresholds;

public sealed class ThresholdEvaluatorTests
{
    private static RunAggregator Data()
    {
        var aggregator = new RunAggregator("r", "n", ["eu", "us"]);
        // home in eu: 1..100 ms; every 10th failed. pay in us: 500 ms ×10.
        aggregator.Add(new IntervalSource("1", "browse", "eu", "n"), 0, Snapshot(Enumerable.Range(1, 100).Select(i => i * 1_000L), step: "home", failedEvery: 10));
        aggregator.Add(new IntervalSource("2", "buy", "us", "n"), 0, Snapshot(Enumerable.Repeat(500_000L, 10), step: "pay"));
        return aggregator;
    }

    private static ThresholdDefinition T(string metric, string aggregation, ThresholdOperator op, double limit, double percentile = 0, params (string, string)[] tags) =>
        new(metric, tags.ToDictionary(t => t.Item1, t => t.Item2), "expr", aggregation, percentile, op, limit, false, TimeSpan.Zero, new SourceLocation(1, 1));

    public static IEnumerable<object[]> Cases() =>
    [
        [T("http_req_duration", "p", ThresholdOperator.Less, 101, 90, ("step", "home")), 90.0, true],
        [T("http_req_duration", "p", ThresholdOperator.Less, 90, 90, ("step", "home")), 90.0, false],
        [T("http_req_duration", "max", ThresholdOperator.LessOrEqual, 501, 0), 500.0, true],
        [T("http_req_duration", "min", ThresholdOperator.Greater, 0.5, 0), 1.0, true],
        [T("http_req_duration", "med", ThresholdOperator.Less, 51, 0, ("region", "eu")), 50.0, true],
        [T("http_req_duration", "avg", ThresholdOperator.GreaterOrEqual, 500, 0, ("scenario", "buy")), 500.0, true],
        [T("http_req_failed", "rate", ThresholdOperator.Less, 0.01, 0), 10 / 110.0, false],
        [T("http_req_failed", "rate", ThresholdOperator.Equal, 0, 0, ("region", "us")), 0.0, true],
        [T("checks", "rate", ThresholdOperator.Greater, 0.9, 0), 100 / 110.0, true],
        [T("http_reqs", "count", ThresholdOperator.Equal, 110, 0), 110.0, true],
        [T("http_reqs", "rate", ThresholdOperator.NotEqual, 11, 0), 11.0, false],
        [T("iterations", "count", ThresholdOperator.Equal, 2, 0), 2.0, true],
        [T("dropped_iterations", "count", ThresholdOperator.Equal, 0, 0), 0.0, true],
        [T("iteration_duration", "max", ThresholdOperator.Less, 2, 0), 1.0, true],
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Thresholds_measure_and_compare(ThresholdDefinition threshold, double actual, bool passed)
    {
        var result = ThresholdEvaluator.Evaluate([threshold], Data(), durationSeconds: 10).Single();
        // Durations come from 3-significant-digit histograms: within 0.1 % of the recorded value.
        Assert.InRange(result.Actual, actual * 0.999 - 1e-9, actual * 1.001 + 1e-9);
        Assert.Equal(passed, result.Passed);
    }

    [Fact]
    public void Rates_and_durations_without_samples_pass_but_counts_are_real()
    {
        var empty = new RunAggregator("r", "n", ["eu"]);
        var results = ThresholdEvaluator.Evaluate(
        [
            T("http_req_duration", "p", ThresholdOperator.Less, 1, 95),
            T("http_req_failed", "rate", ThresholdOperator.Less, 0.01),
            T("http_reqs", "count", ThresholdOperator.Greater, 0),
        ], empty, 1);
        Assert.Equal([true, true, false], results.Select(r => r.Passed));
    }
}
