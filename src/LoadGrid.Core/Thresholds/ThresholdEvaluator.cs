using LoadGrid.Core.Metrics;
using LoadGrid.Core.Scenarios;

namespace LoadGrid.Core.Thresholds;

/// <summary>
/// Evaluates k6-style thresholds on the merged data. As in k6, a duration or rate threshold over a metric with no
/// samples passes (there is nothing to judge); counts are always real values, so <c>count&gt;0</c> on nothing fails.
/// </summary>
public static class ThresholdEvaluator
{
    public static IReadOnlyList<ThresholdResult> Evaluate(IReadOnlyList<ThresholdDefinition> thresholds, RunAggregator aggregator, double durationSeconds) =>
        thresholds.Select(t =>
        {
            var (actual, hasSamples) = Measure(t, aggregator, durationSeconds);
            return new ThresholdResult(t.MetricKey, t.Expression, actual, !hasSamples || Compare(actual, t.Operator, t.Limit), t.AbortOnFail);
        }).ToArray();

    public static double ActualValue(ThresholdDefinition t, RunAggregator aggregator, double durationSeconds) =>
        Measure(t, aggregator, durationSeconds).Actual;

    public static bool Compare(double actual, ThresholdOperator op, double limit) => op switch
    {
        ThresholdOperator.Less => actual < limit,
        ThresholdOperator.LessOrEqual => actual <= limit,
        ThresholdOperator.Greater => actual > limit,
        ThresholdOperator.GreaterOrEqual => actual >= limit,
        ThresholdOperator.Equal => Math.Abs(actual - limit) < 1e-12,
        ThresholdOperator.NotEqual => Math.Abs(actual - limit) >= 1e-12,
        _ => false,
    };

    private static (double Actual, bool HasSamples) Measure(ThresholdDefinition t, RunAggregator aggregator, double durationSeconds)
    {
        var view = aggregator.View(t.Metric, t.Tags);
        var seconds = Math.Max(durationSeconds, 1e-9);
        switch (t.Metric)
        {
            case "http_req_duration":
                return (Duration(view.Requests.Latency, t), view.Requests.Latency.TotalCount > 0);
            case "iteration_duration":
                return (Duration(view.Iterations.Duration, t), view.Iterations.Duration.TotalCount > 0);
            case "http_req_failed":
                return (Fraction(view.Requests.Failed, view.Requests.Requests), view.Requests.Requests > 0);
            case "checks":
                var checks = view.Requests.ChecksPassed + view.Requests.ChecksFailed;
                return (Fraction(view.Requests.ChecksPassed, checks), checks > 0);
            default:
                var count = t.Metric switch
                {
                    "http_reqs" => view.Requests.Requests,
                    "iterations" => view.Iterations.Iterations,
                    "dropped_iterations" => view.Iterations.Dropped,
                    _ => 0,
                };
                return (t.Aggregation == "rate" ? count / seconds : count, true);
        }
    }

    private static double Duration(HdrHistogram.HistogramBase histogram, ThresholdDefinition t)
    {
        if (histogram.TotalCount == 0) return 0;
        return t.Aggregation switch
        {
            "avg" => HdrHistogram.HistogramExtensions.GetMean(histogram) / 1000.0,
            "min" => histogram.GetValueAtPercentile(0) / 1000.0,
            "max" => HdrHistogram.HistogramExtensions.GetMaxValue(histogram) / 1000.0,
            "med" => histogram.GetValueAtPercentile(50) / 1000.0,
            _ => histogram.GetValueAtPercentile(t.Percentile) / 1000.0,
        };
    }

    private static double Fraction(long part, long whole) => whole == 0 ? 0 : part / (double)whole;
}
