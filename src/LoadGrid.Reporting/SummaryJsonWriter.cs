using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Reporting;

/// <summary>
/// Writes the summary field by field rather than through reflection, so the order and names are exactly the
/// contract's and every number is rounded for people (3 decimals for ms and seconds, 6 for fractions).
/// </summary>
internal static class SummaryJsonWriter
{
    private const int MsDecimals = 3;
    private const int RateDecimals = 6;

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Names come from user files; keep them readable (é, 日本) while still escaping what JSON requires.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(RunSummary s)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("runId", s.RunId);
            w.WriteString("name", s.Name);
            w.WriteString("status", StatusName(s.Status));
            w.WriteString("startedAt", FormatTimestamp(s.StartedAt));
            Number(w, "durationSeconds", s.DurationSeconds, MsDecimals);
            WriteTotals(w, s.Totals);
            WriteGroups(w, "scenarios", s.Scenarios);
            WriteSteps(w, s.Steps);
            WriteGroups(w, "regions", s.Regions);
            WriteNodes(w, s.Nodes);
            WriteThresholds(w, s.Thresholds);
            w.WriteStartArray("warnings");
            foreach (var warning in s.Warnings) w.WriteStringValue(warning);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    internal static string StatusName(RunStatus status) => status switch
    {
        RunStatus.Passed => "passed",
        RunStatus.Failed => "failed",
        RunStatus.Aborted => "aborted",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>ISO-8601 in UTC with a Z; fractions of a second only when there are some (2026-11-24T10:00:00Z).</summary>
    internal static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static void WriteTotals(Utf8JsonWriter w, TotalsSummary t)
    {
        w.WriteStartObject("totals");
        w.WriteNumber("requests", t.Requests);
        w.WriteNumber("failed", t.Failed);
        Number(w, "errorRate", t.ErrorRate, RateDecimals);
        Number(w, "rps", t.Rps, MsDecimals);
        w.WriteNumber("iterations", t.Iterations);
        w.WriteNumber("droppedIterations", t.DroppedIterations);
        w.WriteNumber("checksPassed", t.ChecksPassed);
        w.WriteNumber("checksFailed", t.ChecksFailed);
        WriteLatency(w, "latencyMs", t.LatencyMs);
        WriteCounts(w, "statusCodes", t.StatusCodes, numericOrder: true);
        WriteCounts(w, "errors", t.Errors, numericOrder: false);
        w.WriteNumber("bytesSent", t.BytesSent);
        w.WriteNumber("bytesReceived", t.BytesReceived);
        WriteLatency(w, "iterationDurationMs", t.IterationDurationMs);
        w.WriteNumber("vusMax", t.VusMax);
        w.WriteEndObject();
    }

    private static void WriteGroups(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, GroupSummary> groups)
    {
        w.WriteStartObject(name);
        foreach (var (key, g) in groups)
        {
            w.WriteStartObject(key);
            WriteCommon(w, g.Requests, g.Failed, g.ErrorRate, g.Rps, g.LatencyMs);
            w.WriteNumber("iterations", g.Iterations);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteSteps(Utf8JsonWriter w, IReadOnlyDictionary<string, StepSummary> steps)
    {
        w.WriteStartObject("steps");
        foreach (var (key, s) in steps)
        {
            w.WriteStartObject(key);
            WriteCommon(w, s.Requests, s.Failed, s.ErrorRate, s.Rps, s.LatencyMs);
            WriteCounts(w, "statusCodes", s.StatusCodes, numericOrder: true);
            WriteCounts(w, "errors", s.Errors, numericOrder: false);
            w.WriteNumber("checksPassed", s.ChecksPassed);
            w.WriteNumber("checksFailed", s.ChecksFailed);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteCommon(Utf8JsonWriter w, long requests, long failed, double errorRate, double rps, LatencySummary latency)
    {
        w.WriteNumber("requests", requests);
        w.WriteNumber("failed", failed);
        Number(w, "errorRate", errorRate, RateDecimals);
        Number(w, "rps", rps, MsDecimals);
        WriteLatency(w, "latencyMs", latency);
    }

    private static void WriteLatency(Utf8JsonWriter w, string name, LatencySummary l)
    {
        w.WriteStartObject(name);
        Number(w, "min", l.Min, MsDecimals);
        Number(w, "mean", l.Mean, MsDecimals);
        Number(w, "p50", l.P50, MsDecimals);
        Number(w, "p75", l.P75, MsDecimals);
        Number(w, "p90", l.P90, MsDecimals);
        Number(w, "p95", l.P95, MsDecimals);
        Number(w, "p99", l.P99, MsDecimals);
        Number(w, "p999", l.P999, MsDecimals);
        Number(w, "max", l.Max, MsDecimals);
        w.WriteEndObject();
    }

    private static void WriteCounts(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, long> counts, bool numericOrder)
    {
        w.WriteStartObject(name);
        var ordered = numericOrder ? Formats.OrderedCodes(counts) : counts.OrderBy(c => c.Key, StringComparer.Ordinal);
        foreach (var (key, count) in ordered) w.WriteNumber(key, count);
        w.WriteEndObject();
    }

    private static void WriteNodes(Utf8JsonWriter w, IReadOnlyList<NodeSummary> nodes)
    {
        w.WriteStartArray("nodes");
        foreach (var n in nodes)
        {
            w.WriteStartObject();
            w.WriteString("address", n.Address);
            w.WriteString("region", n.Region);
            w.WriteNumber("requests", n.Requests);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteThresholds(Utf8JsonWriter w, IReadOnlyList<ThresholdResult> thresholds)
    {
        w.WriteStartArray("thresholds");
        foreach (var t in thresholds)
        {
            w.WriteStartObject();
            w.WriteString("metric", t.Metric);
            w.WriteString("expression", t.Expression);
            // Rates need fractions' precision and durations are ms: 6 decimals serves both.
            Number(w, "actual", t.Actual, RateDecimals);
            w.WriteBoolean("passed", t.Passed);
            w.WriteBoolean("abortOnFail", t.AbortOnFail);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>
    /// JSON has no NaN or infinity: an undefined figure (no samples) is written as 0. Adding 0.0 turns a rounded
    /// -0 into 0 so no "-0" appears.
    /// </summary>
    private static void Number(Utf8JsonWriter w, string name, double value, int decimals) =>
        w.WriteNumber(name, double.IsFinite(value) ? Math.Round(value, decimals, MidpointRounding.AwayFromZero) + 0.0 : 0);
}
