using LoadGrid.Core.Scenarios;
using static LoadGrid.Core.Tests.Scenarios.ScenarioTestKit;

namespace LoadGrid.Core.Tests.Scenarios;

/// <summary>Malformed YAML, duplicate keys, and the top-level keys: name, baseUrl, regions, scenarios.</summary>
public class YamlAndTopLevelValidationTests
{
    private const string Scenarios = "scenarios: { s: { executor: constant-vus, duration: 1s, flow: [ { get: /x } ] } }";

    public static TheoryData<string, string, int, int> YamlErrors => new()
    {
        { Lines("name: [a,", Scenarios), "invalid YAML: ", 2, 1 },
        { Lines("name: t", "  baseUrl: http://x"), "invalid YAML: ", 2, 10 },
        { "", "the file is empty", 1, 1 },
        { "# only a comment\n", "the file is empty", 1, 1 },
        { Lines("name: t", Scenarios, "---", "name: u"), "more than one YAML document", 4, 1 },
        { Lines("- name: t"), "the file (name, baseUrl, scenarios, … at the top level) must be a mapping, got a list", 1, 1 },
    };

    [Theory]
    [MemberData(nameof(YamlErrors))]
    public void Unreadable_documents_give_one_error(string yaml, string fragment, int line, int column) =>
        AssertSingleError(yaml, fragment, line, column);

    [Theory]
    [InlineData(null, RegionLossPolicy.Continue)]
    [InlineData("continue", RegionLossPolicy.Continue)]
    [InlineData("abort", RegionLossPolicy.Abort)]
    public void OnRegionLost_defaults_to_continue(string? value, RegionLossPolicy expected)
    {
        var lines = value is null ? new[] { "name: t", "baseUrl: http://x", Scenarios } : new[] { "name: t", $"onRegionLost: {value}", "baseUrl: http://x", Scenarios };
        var result = Parse(Lines(lines));
        Assert.Empty(result.Errors);
        Assert.Equal(expected, result.Scenario!.OnRegionLost);
    }

    [Fact]
    public void Every_duplicate_key_is_reported_along_with_other_errors()
    {
        var yaml = Lines(
            "name: t",
            "baseUrl: http://127.0.0.1:8080",
            "scenarios:",
            "  s:",
            "    executor: constant-vus",
            "    duration: 10s",
            "    duration: 20s",
            "    vus: 0",
            "    flow: [ { get: /a, name: a, name: b } ]",
            "name: u");
        var result = Parse(yaml);
        Assert.Equal(
        [
            (7, 5, "duplicate key 'duration': a key may appear only once in a mapping; remove or merge the repeated one"),
            (8, 10, "'vus' must be a positive integer, got 0"),
            (9, 33, "duplicate key 'name': a key may appear only once in a mapping; remove or merge the repeated one"),
            (10, 1, "duplicate key 'name': a key may appear only once in a mapping; remove or merge the repeated one"),
        ], result.Errors.Select(e => (e.Line, e.Column, e.Message)));
    }

    public static TheoryData<string, string, int, int> TopLevelErrors => new()
    {
        { Lines("baseUrl: http://x", Scenarios), "the file needs a 'name' at the top level, e.g. name: checkout-peak", 1, 1 },
        { Lines("# comment", "", "baseUrl: http://x", Scenarios), "the file needs a 'name'", 3, 1 },
        { Lines("name: ''", "baseUrl: http://x", Scenarios), "'name' must not be empty", 1, 7 },
        { Lines("name: [a]", "baseUrl: http://x", Scenarios), "'name' must be a text value, got a list", 1, 7 },
        { Lines("name: t", "nmae: t", "baseUrl: http://x", Scenarios), "unknown key 'nmae' at the top level (did you mean 'name'?)", 2, 1 },
        { Lines("name: t", "colour: red", "baseUrl: http://x", Scenarios), "unknown key 'colour' at the top level (allowed keys: name, baseUrl, regions, data, scenarios, thresholds, onRegionLost)", 2, 1 },
        { Lines("name: t", "onRegionLost: abrot", "baseUrl: http://x", Scenarios), "unknown onRegionLost 'abrot' (did you mean 'abort'? one of: continue, abort)", 2, 15 },
        { Lines("name: t", "baseUrl: localhost:8080", Scenarios), "baseUrl 'localhost:8080' must be an absolute http or https URL", 2, 10 },
        { Lines("name: t", "baseUrl: /api", Scenarios), "baseUrl '/api' must be an absolute http or https URL", 2, 10 },
        { Lines("name: t", "baseUrl: ${env.LOADGRID_TEST_UNSET_BASE}", Scenarios), "undefined variable 'env.LOADGRID_TEST_UNSET_BASE': pass --env LOADGRID_TEST_UNSET_BASE=…", 2, 10 },
        { Lines("name: t", "baseUrl: http://${host}", Scenarios), "baseUrl may only use ${env.KEY} placeholders, got '${host}'", 2, 10 },
        { Lines("name: t", "baseUrl: http://x"), "the file needs 'scenarios'", 1, 1 },
        { Lines("name: t", "baseUrl: http://x", "scenarios: {}"), "'scenarios' is empty", 3, 12 },
        { Lines("name: t", "baseUrl: http://x", "scenarios: [ a ]"), "'scenarios' must be a mapping, got a list", 3, 12 },
        { Lines("name: t", "scenarios: { s: { executor: constant-vus, duration: 1s, flow: [ { get: /x } ] } }"), "relative URL '/x' needs a baseUrl at the top of the file", 2, 72 },
    };

    [Theory]
    [MemberData(nameof(TopLevelErrors))]
    public void Top_level_errors(string yaml, string fragment, int line, int column) =>
        AssertSingleError(yaml, fragment, line, column);

    public static TheoryData<string, string, int, int> RegionErrors => new()
    {
        { "regions: { US_East: 1 }", "region name 'US_East' is not valid: use lower-case letters, digits and '-', e.g. us-east", 3, 12 },
        { "regions: { us-east: 0 }", "region 'us-east' needs a positive weight (its share of the load), got 0", 3, 21 },
        { "regions: { us-east: -2 }", "region 'us-east' needs a positive weight", 3, 21 },
        { "regions: { us-east: lots }", "region 'us-east' needs a positive weight (its share of the load), got lots", 3, 21 },
        { "regions: {}", "'regions' is empty", 3, 10 },
        { "regions: [ us-east ]", "'regions' must be a mapping, got a list", 3, 10 },
    };

    [Theory]
    [MemberData(nameof(RegionErrors))]
    public void Region_errors(string regions, string fragment, int line, int column) =>
        AssertSingleError(Lines("name: t", "baseUrl: http://x", regions, Scenarios), fragment, line, column);
}
