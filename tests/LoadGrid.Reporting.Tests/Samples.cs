using LoadGrid.Core.Metrics;

namespace LoadGrid.Reporting.Tests;

/// <summary>A complete summary with every collection filled, so a test that drops a field notices.</summary>
internal static class Samples
{
    public static LatencySummary Latency(double scale = 1) =>
        new(0.5 * scale, 12.34567 * scale, 10.1 * scale, 14.2 * scale, 20.25 * scale, 31.5 * scale, 80.123456 * scale, 390 * scale, 412.9 * scale);

    public static RunSummary Summary(string stepName = "products", RunStatus status = RunStatus.Failed) => new(
        RunId: "run-7f3a",
        Name: "checkout-peak",
        Status: status,
        StartedAt: new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.FromHours(1)),
        DurationSeconds: 30.2004,
        Totals: new TotalsSummary(
            Requests: 1000, Failed: 50, ErrorRate: 0.05, Rps: 33.3333333, Iterations: 250, DroppedIterations: 3,
            ChecksPassed: 990, ChecksFailed: 10, LatencyMs: Latency(),
            StatusCodes: new Dictionary<string, long> { ["500"] = 50, ["200"] = 950 },
            Errors: new Dictionary<string, long>(),
            BytesSent: 123_456, BytesReceived: 9_876_543, IterationDurationMs: Latency(4), VusMax: 20),
        Scenarios: new Dictionary<string, GroupSummary>
        {
            ["browse"] = new(1000, 50, 0.05, 33.3333333, Latency(), 250),
        },
        Steps: new Dictionary<string, StepSummary>
        {
            [stepName] = new(600, 0, 0, 20, Latency(0.5), new Dictionary<string, long> { ["200"] = 600 }, new Dictionary<string, long>(), 600, 0),
            ["checkout"] = new(400, 50, 0.125, 13.3333, Latency(2), new Dictionary<string, long> { ["200"] = 350, ["500"] = 45 },
                new Dictionary<string, long> { ["timeout"] = 5 }, 390, 10),
        },
        Regions: new Dictionary<string, GroupSummary>
        {
            ["us-east"] = new(750, 40, 40 / 750.0, 25, Latency(), 190),
            ["eu-west"] = new(250, 10, 0.04, 8.3333, Latency(1.5), 60),
        },
        Nodes: [new NodeSummary("akka.tcp://loadgrid@127.0.0.1:4053", "us-east", 750), new NodeSummary("akka.tcp://loadgrid@127.0.0.1:4054", "eu-west", 250)],
        Thresholds:
        [
            new ThresholdResult("http_req_duration", "p(95)<500", 31.5, true, false),
            new ThresholdResult("http_req_failed", "rate<0.01", 0.05, false, true),
        ],
        Warnings: ["eu-west: target answered 5 requests with timeouts"]);

    public static IReadOnlyList<SeriesPoint> Series(int seconds = 30) =>
        Enumerable.Range(0, seconds)
            .Select(s => new SeriesPoint(s, 30 + s, s % 10 == 0 ? 3 : 0, 10 + s * 0.1, 30 + s * 0.5, 80 + s, Math.Min(20, s + 1), 8 + s))
            .ToList();
}
