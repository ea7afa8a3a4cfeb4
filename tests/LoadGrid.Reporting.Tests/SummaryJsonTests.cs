using System.Text.Json;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Reporting.Tests;

public sealed class SummaryJsonTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loadgrid-summary-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("runId", JsonValueKind.String)]
    [InlineData("name", JsonValueKind.String)]
    [InlineData("status", JsonValueKind.String)]
    [InlineData("startedAt", JsonValueKind.String)]
    [InlineData("durationSeconds", JsonValueKind.Number)]
    [InlineData("totals.requests", JsonValueKind.Number)]
    [InlineData("totals.failed", JsonValueKind.Number)]
    [InlineData("totals.errorRate", JsonValueKind.Number)]
    [InlineData("totals.rps", JsonValueKind.Number)]
    [InlineData("totals.iterations", JsonValueKind.Number)]
    [InlineData("totals.droppedIterations", JsonValueKind.Number)]
    [InlineData("totals.checksPassed", JsonValueKind.Number)]
    [InlineData("totals.checksFailed", JsonValueKind.Number)]
    [InlineData("totals.latencyMs.min", JsonValueKind.Number)]
    [InlineData("totals.latencyMs.mean", JsonValueKind.Number)]
    [InlineData("totals.latencyMs.p50", JsonValueKind.Number)]
    [InlineData("totals.latencyMs.p75", JsonValueKind.Number)]
    [InlineData("totals.latencyMs.p90", JsonValueKind.Number)]
    [InlineData("totals.latencyMs.p95", JsonValueKind.Number)]
    [InlineData("totals.latencyMs.p99", JsonValueKind.Number)]
    [InlineData("totals.latencyMs.p999", JsonValueKind.Number)]
    [InlineData("totals.latencyMs.max", JsonValueKind.Number)]
    [InlineData("scenarios.browse.requests", JsonValueKind.Number)]
    [InlineData("scenarios.browse.failed", JsonValueKind.Number)]
    [InlineData("scenarios.browse.errorRate", JsonValueKind.Number)]
    [InlineData("scenarios.browse.rps", JsonValueKind.Number)]
    [InlineData("scenarios.browse.latencyMs.p95", JsonValueKind.Number)]
    [InlineData("steps.products.requests", JsonValueKind.Number)]
    [InlineData("steps.products.errorRate", JsonValueKind.Number)]
    [InlineData("steps.products.latencyMs.p99", JsonValueKind.Number)]
    [InlineData("steps.products.statusCodes.200", JsonValueKind.Number)]
    [InlineData("steps.checkout.statusCodes.500", JsonValueKind.Number)]
    [InlineData("regions.us-east.requests", JsonValueKind.Number)]
    [InlineData("regions.eu-west.latencyMs.p50", JsonValueKind.Number)]
    [InlineData("nodes.0.address", JsonValueKind.String)]
    [InlineData("nodes.0.region", JsonValueKind.String)]
    [InlineData("nodes.0.requests", JsonValueKind.Number)]
    [InlineData("thresholds.0.metric", JsonValueKind.String)]
    [InlineData("thresholds.0.expression", JsonValueKind.String)]
    [InlineData("thresholds.0.actual", JsonValueKind.Number)]
    [InlineData("thresholds.0.passed", JsonValueKind.True)]
    [InlineData("thresholds.1.passed", JsonValueKind.False)]
    [InlineData("warnings.0", JsonValueKind.String)]
    public void Every_contract_field_is_there_with_its_type(string path, JsonValueKind kind)
    {
        using var json = JsonDocument.Parse(SummaryJson.Serialize(Samples.Summary()));
        Assert.Equal(kind, At(json.RootElement, path).ValueKind);
    }

    [Theory]
    [InlineData(RunStatus.Passed, "passed")]
    [InlineData(RunStatus.Failed, "failed")]
    [InlineData(RunStatus.Aborted, "aborted")]
    public void Status_is_lower_case(RunStatus status, string expected)
    {
        using var json = JsonDocument.Parse(SummaryJson.Serialize(Samples.Summary(status: status)));
        Assert.Equal(expected, json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public void Values_are_the_summary_s_in_utc_and_rounded()
    {
        using var json = JsonDocument.Parse(SummaryJson.Serialize(Samples.Summary()));
        var root = json.RootElement;

        Assert.Equal("2026-11-24T10:00:00Z", root.GetProperty("startedAt").GetString());
        Assert.Equal(30.2, root.GetProperty("durationSeconds").GetDouble());
        Assert.Equal(12.346, At(root, "totals.latencyMs.mean").GetDouble());
        Assert.Equal(80.123, At(root, "totals.latencyMs.p99").GetDouble());
        Assert.Equal(33.333, At(root, "totals.rps").GetDouble());
        Assert.Equal(0.053333, At(root, "regions.us-east.errorRate").GetDouble());
        Assert.Equal(950, At(root, "totals.statusCodes.200").GetInt64());
        Assert.Equal(5, At(root, "steps.checkout.errors.timeout").GetInt64());
        Assert.Equal("akka.tcp://loadgrid@127.0.0.1:4053", At(root, "nodes.0.address").GetString());
        Assert.True(At(root, "thresholds.1.abortOnFail").GetBoolean());
        // Status codes in numeric order however they were added.
        Assert.Equal(["200", "500"], At(root, "totals.statusCodes").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Undefined_figures_are_written_as_zero_never_NaN()
    {
        var empty = new LatencySummary(double.NaN, double.NaN, double.PositiveInfinity, 0, 0, 0, 0, 0, double.NegativeInfinity);
        var summary = Samples.Summary() with
        {
            Totals = Samples.Summary().Totals with { ErrorRate = double.NaN, LatencyMs = empty },
        };

        var text = SummaryJson.Serialize(summary);

        Assert.DoesNotContain("NaN", text);
        Assert.DoesNotContain("Infinity", text);
        using var json = JsonDocument.Parse(text);
        Assert.Equal(0, At(json.RootElement, "totals.latencyMs.min").GetDouble());
        Assert.Equal(0, At(json.RootElement, "totals.errorRate").GetDouble());
    }

    [Fact]
    public void Read_of_Write_round_trips()
    {
        var path = Path.Combine(_folder, "nested", "summary.json");
        var original = Samples.Summary();

        SummaryJson.Write(original, path);
        var read = SummaryJson.Read(path);

        Assert.Equal(SummaryJson.Serialize(original), SummaryJson.Serialize(read));
        Assert.Equal(original.RunId, read.RunId);
        Assert.Equal(RunStatus.Failed, read.Status);
        Assert.Equal(original.StartedAt, read.StartedAt);
        Assert.Equal(950, read.Totals.StatusCodes["200"]);
        Assert.Equal(31.5, read.Totals.LatencyMs.P95);
        Assert.Equal(["products", "checkout"], read.Steps.Keys);
        Assert.Equal(2, read.Nodes.Count);
        Assert.True(read.Thresholds[1].AbortOnFail);
        Assert.Equal(original.Warnings, read.Warnings);
    }

    [Fact]
    public void Write_replaces_the_file_whole_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_folder, "summary.json");
        SummaryJson.Write(Samples.Summary(status: RunStatus.Passed), path);
        SummaryJson.Write(Samples.Summary(status: RunStatus.Aborted), path);

        Assert.Equal([path], Directory.GetFiles(_folder));
        Assert.Equal(RunStatus.Aborted, SummaryJson.Read(path).Status);
    }

    [Theory]
    [InlineData("{}", "missing \"runId\"")]
    [InlineData("not json", "Not a summary JSON")]
    public void Read_says_what_is_wrong(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => SummaryJson.Parse(json));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Read_rejects_an_unknown_status()
    {
        var json = SummaryJson.Serialize(Samples.Summary()).Replace("\"failed\",", "\"exploded\",", StringComparison.Ordinal);
        var error = Assert.Throws<InvalidDataException>(() => SummaryJson.Parse(json));
        Assert.Contains("exploded", error.Message);
    }

    private static JsonElement At(JsonElement element, string path)
    {
        foreach (var part in path.Split('.'))
            element = element.ValueKind == JsonValueKind.Array ? element[int.Parse(part)] : element.GetProperty(part);
        return element;
    }
}
