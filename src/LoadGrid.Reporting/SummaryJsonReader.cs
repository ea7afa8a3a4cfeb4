using System.Globalization;
using System.Text.Json;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Reporting;

/// <summary>
/// Reads a summary JSON back (for compare and history). Fields the contract requires must be there with the right
/// type; the additions written by later versions are optional so older files still read.
/// </summary>
internal static class SummaryJsonReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static RunSummary Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Not a summary JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            return new RunSummary(
                RunId: String(root, "runId"),
                Name: String(root, "name"),
                Status: ParseStatus(String(root, "status")),
                StartedAt: ParseTimestamp(String(root, "startedAt")),
                DurationSeconds: Double(root, "durationSeconds"),
                Totals: ReadTotals(Object(root, "totals")),
                Scenarios: ReadMap(Object(root, "scenarios"), ReadGroup),
                Steps: ReadMap(Object(root, "steps"), ReadStep),
                Regions: ReadMap(Object(root, "regions"), ReadGroup),
                Nodes: Array(root, "nodes").Select(ReadNode).ToList(),
                Thresholds: Array(root, "thresholds").Select(ReadThreshold).ToList(),
                Warnings: OptionalArray(root, "warnings").Select(e => e.GetString() ?? "").ToList());
        }
    }

    private static TotalsSummary ReadTotals(JsonElement e) => new(
        Requests: Long(e, "requests"),
        Failed: Long(e, "failed"),
        ErrorRate: Double(e, "errorRate"),
        Rps: Double(e, "rps"),
        Iterations: Long(e, "iterations"),
        DroppedIterations: Long(e, "droppedIterations"),
        ChecksPassed: Long(e, "checksPassed"),
        ChecksFailed: Long(e, "checksFailed"),
        LatencyMs: ReadLatency(Object(e, "latencyMs")),
        StatusCodes: OptionalCounts(e, "statusCodes"),
        Errors: OptionalCounts(e, "errors"),
        BytesSent: OptionalLong(e, "bytesSent"),
        BytesReceived: OptionalLong(e, "bytesReceived"),
        IterationDurationMs: e.TryGetProperty("iterationDurationMs", out var it) ? ReadLatency(it) : LatencySummary.Empty,
        VusMax: (int)OptionalLong(e, "vusMax"));

    private static GroupSummary ReadGroup(JsonElement e) => new(
        Long(e, "requests"), Long(e, "failed"), Double(e, "errorRate"), Double(e, "rps"),
        ReadLatency(Object(e, "latencyMs")), OptionalLong(e, "iterations"));

    private static StepSummary ReadStep(JsonElement e) => new(
        Long(e, "requests"), Long(e, "failed"), Double(e, "errorRate"), Double(e, "rps"),
        ReadLatency(Object(e, "latencyMs")), OptionalCounts(e, "statusCodes"), OptionalCounts(e, "errors"),
        OptionalLong(e, "checksPassed"), OptionalLong(e, "checksFailed"));

    private static LatencySummary ReadLatency(JsonElement e) => new(
        Double(e, "min"), Double(e, "mean"), Double(e, "p50"), Double(e, "p75"), Double(e, "p90"),
        Double(e, "p95"), Double(e, "p99"), Double(e, "p999"), Double(e, "max"));

    private static NodeSummary ReadNode(JsonElement e) => new(String(e, "address"), String(e, "region"), Long(e, "requests"));

    private static ThresholdResult ReadThreshold(JsonElement e) => new(
        String(e, "metric"), String(e, "expression"), Double(e, "actual"), Bool(e, "passed"),
        e.TryGetProperty("abortOnFail", out var abort) && abort.ValueKind == JsonValueKind.True);

    private static Dictionary<string, T> ReadMap<T>(JsonElement e, Func<JsonElement, T> read)
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var property in e.EnumerateObject())
            map[property.Name] = read(property.Value);
        return map;
    }

    private static IReadOnlyDictionary<string, long> OptionalCounts(JsonElement e, string name) =>
        e.TryGetProperty(name, out var counts) && counts.ValueKind == JsonValueKind.Object
            ? ReadMap(counts, c => c.GetInt64())
            : new Dictionary<string, long>();

    private static RunStatus ParseStatus(string status) => status switch
    {
        "passed" => RunStatus.Passed,
        "failed" => RunStatus.Failed,
        "aborted" => RunStatus.Aborted,
        _ => throw new InvalidDataException($"Summary JSON: status must be passed, failed or aborted, not \"{status}\"."),
    };

    private static DateTimeOffset ParseTimestamp(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new InvalidDataException($"Summary JSON: startedAt \"{text}\" is not an ISO-8601 timestamp.");

    private static JsonElement Required(JsonElement e, string name, JsonValueKind kind)
    {
        if (!e.TryGetProperty(name, out var value))
            throw new InvalidDataException($"Summary JSON: missing \"{name}\".");
        // A boolean is asked for as True and may be either.
        var matches = kind == JsonValueKind.True ? value.ValueKind is JsonValueKind.True or JsonValueKind.False : value.ValueKind == kind;
        if (!matches)
        {
            var expected = kind == JsonValueKind.True ? "a boolean" : kind.ToString().ToLowerInvariant();
            throw new InvalidDataException($"Summary JSON: \"{name}\" must be {expected}, not {value.ValueKind.ToString().ToLowerInvariant()}.");
        }
        return value;
    }

    private static string String(JsonElement e, string name) => Required(e, name, JsonValueKind.String).GetString()!;
    private static double Double(JsonElement e, string name) => Required(e, name, JsonValueKind.Number).GetDouble();
    private static long Long(JsonElement e, string name) => Required(e, name, JsonValueKind.Number).GetInt64();
    private static bool Bool(JsonElement e, string name) => Required(e, name, JsonValueKind.True).GetBoolean();
    private static JsonElement Object(JsonElement e, string name) => Required(e, name, JsonValueKind.Object);
    private static IEnumerable<JsonElement> Array(JsonElement e, string name) => Required(e, name, JsonValueKind.Array).EnumerateArray();

    private static long OptionalLong(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;

    private static IEnumerable<JsonElement> OptionalArray(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];
}
