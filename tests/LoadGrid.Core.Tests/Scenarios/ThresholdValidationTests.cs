using static LoadGrid.Core.Tests.Scenarios.ScenarioTestKit;

namespace LoadGrid.Core.Tests.Scenarios;

/// <summary>Thresholds. Entries start at line 12, column 3; the file has step 'products', scenario 'browse', region 'us-east'.</summary>
public class ThresholdValidationTests
{
    [Fact]
    public void Tag_filters_fill_the_definition()
    {
        var file = Valid(ThresholdsWith("""
            "http_req_duration{ step: products, scenario: browse, region: us-east }": [ "med<100" ]
            "http_req_duration{step:'products'}": [ "max<100" ]
            dropped_iterations: [ "count==0", "rate<1" ]
            """));
        var tagged = file.Thresholds[0];
        Assert.Equal(new Dictionary<string, string> { ["step"] = "products", ["scenario"] = "browse", ["region"] = "us-east" }, tagged.Tags);
        Assert.Equal(("med", 0.0), (tagged.Aggregation, tagged.Percentile));
        Assert.Equal("products", file.Thresholds[1].Tags["step"]);
        Assert.Equal(["count", "rate"], file.Thresholds.Skip(2).Select(t => t.Aggregation));
    }

    [Fact]
    public void Default_step_names_can_be_used_as_tags()
    {
        var yaml = Lines("name: t", "baseUrl: http://x", "scenarios:", "  s: { executor: constant-vus, duration: 1s, flow: [ { get: '/a?x=1' } ] }",
            "thresholds:", "  \"http_req_duration{step:GET /a}\": [ \"p(95)<1\" ]");
        Assert.Equal("GET /a", Assert.Single(Valid(yaml).Thresholds).Tags["step"]);
    }

    public static TheoryData<string, string, int, int> MetricErrors => new()
    {
        { "http_req_duraton: [ \"p(95)<500\" ]", "unknown metric 'http_req_duraton' (did you mean 'http_req_duration'? one of: http_req_duration, iteration_duration,", 12, 3 },
        { "\"http_req_duration{step:a\": [ \"avg<5\" ]", "bad threshold key 'http_req_duration{step:a': write a metric name, optionally with tag filters", 12, 3 },
        { "checks: [ \"avg<5\" ]", "aggregation 'avg' does not apply to metric 'checks' (one of: rate)", 12, 13 },
        { "http_reqs: [ \"p(95)<5\" ]", "aggregation 'p' does not apply to metric 'http_reqs' (one of: count, rate)", 12, 16 },
        { "http_req_duration: [ \"avgg<5\" ]", "aggregation 'avgg' does not apply to metric 'http_req_duration' (did you mean 'avg'? one of: avg, min, max, med, p(N))", 12, 24 },
        { "http_req_duration: []", "thresholds of 'http_req_duration' is an empty list", 12, 22 },
    };

    [Theory]
    [MemberData(nameof(MetricErrors))]
    public void Metrics_and_aggregations_must_match(string thresholds, string fragment, int line, int column) =>
        AssertSingleError(ThresholdsWith(thresholds), fragment, line, column);

    public static TheoryData<string, string, int, int> ExpressionErrors => new()
    {
        { "http_req_duration: [ \"p(95) 500\" ]", "threshold 'p(95) 500' has no comparison", 12, 24 },
        { "http_req_duration: [ \"p(0)<5\" ]", "the percentile must be above 0 and at most 100, got '0'", 12, 24 },
        { "http_req_duration: [ \"avg<fast\" ]", "the limit 'fast' is not a number", 12, 24 },
        { "checks: [ \"rate=0.9\" ]", "unknown comparison '='", 12, 13 },
        { "checks: \"rate>0.9\"\nhttp_req_failed: [ [ \"rate<0.1\" ] ]", "a threshold must be an expression like \"p(95)<500\"", 13, 22 },
    };

    [Theory]
    [MemberData(nameof(ExpressionErrors))]
    public void Expressions_must_parse(string thresholds, string fragment, int line, int column) =>
        AssertSingleError(ThresholdsWith(thresholds), fragment, line, column);

    public static TheoryData<string, string, int, int> TagErrors => new()
    {
        { "\"http_req_duration{stp:products}\": [ \"avg<5\" ]", "unknown tag 'stp' in 'http_req_duration{stp:products}' (did you mean 'step'? one of: step, scenario, region)", 12, 3 },
        { "\"http_req_duration{step:prodcts}\": [ \"avg<5\" ]", "tag filter step:prodcts in 'http_req_duration{step:prodcts}' matches no step in this file (did you mean 'products'?)", 12, 3 },
        { "\"http_req_duration{scenario:login}\": [ \"avg<5\" ]", "matches no scenario in this file (scenario names: browse)", 12, 3 },
        { "\"http_req_duration{region:eu-west}\": [ \"avg<5\" ]", "matches no region in this file (region names: us-east)", 12, 3 },
        { "\"http_req_duration{step}\": [ \"avg<5\" ]", "tag filter 'step' in 'http_req_duration{step}' needs a value: write tag:value", 12, 3 },
        { "\"http_req_duration{step:products,step:products}\": [ \"avg<5\" ]", "tag 'step' appears twice", 12, 3 },
    };

    [Theory]
    [MemberData(nameof(TagErrors))]
    public void Tag_filters_must_name_existing_things(string thresholds, string fragment, int line, int column) =>
        AssertSingleError(ThresholdsWith(thresholds), fragment, line, column);

    public static TheoryData<string, string, int, int> ItemErrors => new()
    {
        { "checks: [ { threshold: \"rate>0.9\", abortOnFial: true } ]", "unknown key 'abortOnFial' in a threshold (did you mean 'abortOnFail'?)", 12, 38 },
        { "checks: [ { threshold: \"rate>0.9\", abortOnFail: yes } ]", "'abortOnFail' must be true or false, got yes", 12, 51 },
        { "checks: [ { threshold: \"rate>0.9\", delayAbortEval: later } ]", "bad duration 'later'", 12, 54 },
        { "checks: [ { abortOnFail: true } ]", "a threshold needs 'threshold', e.g. { threshold: \"p(95)<500\", abortOnFail: true }", 12, 13 },
    };

    [Theory]
    [MemberData(nameof(ItemErrors))]
    public void Threshold_objects_must_be_valid(string thresholds, string fragment, int line, int column) =>
        AssertSingleError(ThresholdsWith(thresholds), fragment, line, column);
}
