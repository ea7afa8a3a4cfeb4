namespace LoadGrid.Core.Scenarios.Parsing;

/// <summary>The metrics thresholds may name, the aggregations each supports, and the tags a filter may use.</summary>
internal static class ThresholdMetrics
{
    private static readonly string[] Trend = ["avg", "min", "max", "med", "p(N)"];
    private static readonly string[] Rate = ["rate"];
    private static readonly string[] Counter = ["count", "rate"];

    private static readonly Dictionary<string, string[]> Aggregations = new(StringComparer.Ordinal)
    {
        ["http_req_duration"] = Trend,
        ["iteration_duration"] = Trend,
        ["http_req_failed"] = Rate,
        ["checks"] = Rate,
        ["http_reqs"] = Counter,
        ["iterations"] = Counter,
        ["dropped_iterations"] = Counter,
    };

    public static readonly IReadOnlyList<string> Names = Aggregations.Keys.ToArray();

    public static readonly IReadOnlyList<string> Tags = ["step", "scenario", "region"];

    /// <summary>The aggregations of a metric, <c>p(N)</c> standing for every percentile; null for an unknown metric.</summary>
    public static IReadOnlyList<string>? AggregationsOf(string metric) => Aggregations.GetValueOrDefault(metric);

    public static bool Supports(string metric, string aggregation) =>
        AggregationsOf(metric) is { } known && known.Contains(aggregation == "p" ? "p(N)" : aggregation);
}
