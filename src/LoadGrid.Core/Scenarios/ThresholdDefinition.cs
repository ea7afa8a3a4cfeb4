namespace LoadGrid.Core.Scenarios;

/// <summary>
/// One threshold expression on a metric, e.g. metric <c>http_req_duration</c>, tags <c>{step: products}</c>,
/// expression <c>p(95)&lt;500</c>.
/// </summary>
/// <param name="Metric">http_req_duration | http_req_failed | checks | iteration_duration | http_reqs | iterations | dropped_iterations</param>
/// <param name="Tags">Tag filters from <c>metric{tag:value,…}</c>: step, scenario, region.</param>
/// <param name="Aggregation">avg, min, max, med, p(N), rate, count.</param>
/// <param name="Percentile">N of p(N), otherwise 0.</param>
public sealed record ThresholdDefinition(
    string Metric,
    IReadOnlyDictionary<string, string> Tags,
    string Expression,
    string Aggregation,
    double Percentile,
    ThresholdOperator Operator,
    double Limit,
    bool AbortOnFail,
    TimeSpan DelayAbortEval,
    SourceLocation Location)
{
    /// <summary>The key as written: <c>http_req_duration{step:products}</c>.</summary>
    public string MetricKey => Tags.Count == 0 ? Metric : $"{Metric}{{{string.Join(",", Tags.Select(t => $"{t.Key}:{t.Value}"))}}}";
}

public enum ThresholdOperator { Less, LessOrEqual, Greater, GreaterOrEqual, Equal, NotEqual }
