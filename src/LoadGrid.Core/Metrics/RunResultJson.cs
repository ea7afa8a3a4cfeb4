using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoadGrid.Core.Metrics;

/// <summary>
/// LoadGrid's internal JSON for run results and progress: how they travel between nodes, to the control endpoint's
/// clients and into the run journal. It round-trips every field exactly. (The contract's summary JSON is a different,
/// user-facing shape written by LoadGrid.Reporting.)
/// </summary>
public static class RunResultJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(RunResult result) => JsonSerializer.Serialize(result, Options);

    public static RunResult Deserialize(string json) =>
        JsonSerializer.Deserialize<RunResult>(json, Options) ?? throw new JsonException("a run result was null");

    public static string SerializeProgress(RunProgress progress) => JsonSerializer.Serialize(progress, Options);

    public static RunProgress DeserializeProgress(string json) =>
        JsonSerializer.Deserialize<RunProgress>(json, Options) ?? throw new JsonException("a progress update was null");
}
