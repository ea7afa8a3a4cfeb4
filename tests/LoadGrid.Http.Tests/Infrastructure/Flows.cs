using LoadGrid.Core.Data;
using LoadGrid.Core.Scenarios;
using LoadGrid.Core.Templates;

namespace LoadGrid.Http.Tests.Infrastructure;

/// <summary>Builds scenario models the way the scenario loader would, without YAML.</summary>
public static class Flows
{
    private static readonly SourceLocation At = new(1, 1);

    public static RequestStep Get(string url, string? name = null, TimeSpan? timeout = null, IEnumerable<Check>? checks = null,
        IEnumerable<Extraction>? extract = null, IReadOnlyList<int>? expectedStatuses = null, IEnumerable<(string Name, string Value)>? headers = null) =>
        Request(HttpMethodKind.Get, url, name, body: null, timeout, checks, extract, expectedStatuses, headers);

    public static RequestStep Request(HttpMethodKind method, string url, string? name = null, RequestBody? body = null, TimeSpan? timeout = null,
        IEnumerable<Check>? checks = null, IEnumerable<Extraction>? extract = null, IReadOnlyList<int>? expectedStatuses = null,
        IEnumerable<(string Name, string Value)>? headers = null) =>
        new(At, name ?? $"{method.ToString().ToUpperInvariant()} {url}", method, Template.Parse(url),
            (headers ?? []).Select(h => new HeaderTemplate(h.Name, Template.Parse(h.Value))).ToArray(),
            body, timeout ?? RequestStep.DefaultTimeout, (checks ?? []).ToArray(), (extract ?? []).ToArray(), expectedStatuses);

    public static RequestBody JsonBody(string json) => new(Template.Parse(json), "application/json", IsJson: true);

    public static ThinkStep Think(TimeSpan min, TimeSpan? max = null) => new(At, min, max ?? min);

    public static StatusCheck Status(params int[] allowed) => new(At, allowed);

    public static BodyContainsCheck BodyContains(string text) => new(At, Template.Parse(text));

    public static JsonPathCheck JsonEquals(string path, string expectedJson) => new(At, path, expectedJson);

    public static Extraction ExtractJson(string variable, string path) => new(At, variable, ExtractionKind.JsonPath, path);

    public static Extraction ExtractRegex(string variable, string pattern) => new(At, variable, ExtractionKind.Regex, pattern);

    public static (ScenarioFile File, ScenarioDefinition Scenario) Scenario(string? baseUrl, params FlowStep[] flow)
    {
        var scenario = new ScenarioDefinition("browse", ExecutorKind.ConstantVus, 1, TimeSpan.FromSeconds(1), 0, 0, TimeSpan.FromSeconds(1),
            0, 0, 0, 0, [], TimeSpan.Zero, ScenarioDefinition.DefaultGracefulStop, flow);
        var file = new ScenarioFile("test", baseUrl, [new RegionWeight("local", 1)], [], [scenario], [], "test.yaml", "");
        return (file, scenario);
    }

    public static FlowRunner Runner(string? baseUrl, IHttpTransport transport, RecordingSink sink, FlowStep[] flow,
        IReadOnlyDictionary<string, string>? env = null, IReadOnlyDictionary<string, Feeder>? feeders = null)
    {
        var (file, scenario) = Scenario(baseUrl, flow);
        return new FlowRunner(file, scenario, "eu-west", transport, sink, env ?? new Dictionary<string, string>(),
            feeders ?? new Dictionary<string, Feeder>());
    }
}
