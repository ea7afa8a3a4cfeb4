using LoadGrid.Core.Scenarios;

namespace LoadGrid.Core.Tests.Scenarios;

/// <summary>Builds scenario documents with known line numbers and asserts on load results.</summary>
internal static class ScenarioTestKit
{
    public const string File = "test.yaml";

    public static readonly IReadOnlyDictionary<string, string> NoEnv = new Dictionary<string, string>();

    public static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    public static string Indent(string block, int spaces) =>
        string.Join("\n", block.Split('\n').Select(line => new string(' ', spaces) + line));

    /// <summary>Scenario 's' with <paramref name="settings"/> from line 5, column 5, then <paramref name="flow"/>.</summary>
    public static string ScenarioWith(string settings, string flow = "flow: [ { get: / } ]") =>
        Lines("name: t", "baseUrl: http://127.0.0.1:8080", "scenarios:", "  s:", Indent(settings, 4)) +
        (flow.Length == 0 ? string.Empty : Indent(flow, 4) + "\n");

    /// <summary>A constant-vus scenario 's' whose flow steps start at line 8 ("- " at column 7).</summary>
    public static string FlowWith(string steps) =>
        Lines("name: t", "baseUrl: http://127.0.0.1:8080", "scenarios:", "  s:", "    executor: constant-vus",
            "    duration: 10s", "    flow:", Indent(steps, 6));

    /// <summary>
    /// Region us-east, scenario 'browse' with one step named 'products', and <paramref name="thresholds"/> from
    /// line 12, column 3.
    /// </summary>
    public static string ThresholdsWith(string thresholds) =>
        Lines("name: t", "baseUrl: http://127.0.0.1:8080", "regions: { us-east: 1 }", "scenarios:", "  browse:",
            "    executor: constant-vus", "    duration: 10s", "    flow:", "      - get: /products", "        name: products",
            "thresholds:", Indent(thresholds, 2));

    public static ScenarioLoadResult Parse(string yaml, IReadOnlyDictionary<string, string>? env = null, bool checkFiles = true) =>
        ScenarioLoader.Parse(yaml, File, env ?? NoEnv, checkFiles);

    public static ScenarioFile Valid(string yaml, IReadOnlyDictionary<string, string>? env = null) => Valid(Parse(yaml, env));

    public static ScenarioFile Valid(ScenarioLoadResult result)
    {
        Assert.True(result.Errors.Count == 0, "unexpected errors:\n" + string.Join("\n", result.Errors));
        Assert.True(result.IsValid);
        return result.Scenario!;
    }

    public static void AssertSingleError(string yaml, string fragment, int line, int column) =>
        AssertSingleError(Parse(yaml), fragment, line, column);

    public static void AssertSingleError(ScenarioLoadResult result, string fragment, int line, int column)
    {
        Assert.True(result.Errors.Count == 1, $"expected one error, got {result.Errors.Count}:\n{string.Join("\n", result.Errors)}");
        var error = result.Errors[0];
        Assert.Contains(fragment, error.Message);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.False(result.IsValid);
        Assert.Null(result.Scenario);
    }
}
