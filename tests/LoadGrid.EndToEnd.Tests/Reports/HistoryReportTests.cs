using System.Text.Json.Nodes;
using LoadGrid.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LoadGrid.EndToEnd.Tests.Reports;

/// <summary><c>loadgrid runs</c>, <c>report</c> and <c>compare</c> on a run kept in history, from fresh processes.</summary>
[Collection(ProcessCollection.Name)]
public sealed class HistoryReportTests(RecordedRunFixture run, ITestOutputHelper log) : IClassFixture<RecordedRunFixture>, IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(1);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<LoadGridProcess> LoadGrid(params string[] args)
    {
        Assert.True(run.ExitCode == 0 && run.RunId.Length > 0, $"the recorded run failed (exit {run.ExitCode}):\n{run.Log}");
        return await LoadGridProcess.RunAsync(log, _folder.Path, CommandTimeout, args);
    }

    [Fact]
    public async Task A_past_run_renders_from_history_byte_for_byte_as_at_its_end()
    {
        // A new process on the same database: the history survived the end of the process that made it.
        using var report = await LoadGrid("report", run.RunId, "--db", run.Database,
            "--html", _folder.File("old.html"), "--json", _folder.File("old.json"), "--junit", _folder.File("old.xml"), "--md", _folder.File("old.md"));

        Assert.Equal(0, report.ExitCode);
        Assert.Equal(File.ReadAllBytes(run.Html), File.ReadAllBytes(_folder.File("old.html")));
        Assert.Equal(File.ReadAllBytes(run.Json), File.ReadAllBytes(_folder.File("old.json")));
        Assert.Equal(File.ReadAllBytes(run.Junit), File.ReadAllBytes(_folder.File("old.xml")));
        var html = File.ReadAllText(run.Html);
        // The views and the events came through the journal: per step and scenario tabs, the ramp's stages marked.
        Assert.Contains(">step home</label>", html);
        Assert.Contains(">step mix</label>", html);
        Assert.Contains(">scenario shop</label>", html);
        Assert.Contains("shop: stage 2/2 to 6 over 3s", html);
        Assert.Contains($"### ✅ recorded · PASSED", File.ReadAllText(_folder.File("old.md")));
    }

    [Fact]
    public async Task Runs_lists_the_run_from_the_database()
    {
        using var runs = await LoadGrid("runs", "--db", run.Database);
        Assert.Equal(0, runs.ExitCode);
        var line = Assert.Single(runs.Stdout.Split('\n'), l => l.StartsWith(run.RunId, StringComparison.Ordinal));
        Assert.Contains("recorded", line);
        Assert.Contains("passed", line);
    }

    [Fact]
    public async Task A_run_against_itself_holds_every_budget()
    {
        using var compare = await LoadGrid("compare", run.RunId, run.Json, "--db", run.Database, "--md", _folder.File("compare.md"));
        Assert.Equal(0, compare.ExitCode);
        Assert.Contains("within budget (4 budget(s) held)", compare.Stdout);
        Assert.StartsWith("### LoadGrid: ✅ within budget", File.ReadAllText(_folder.File("compare.md")));
    }

    [Fact]
    public async Task A_copy_with_p95_doubled_breaks_the_p95_budget_and_exits_99()
    {
        var doubled = JsonNode.Parse(File.ReadAllText(run.Json))!;
        var p95 = doubled["totals"]!["latencyMs"]!["p95"]!.GetValue<double>();
        doubled["totals"]!["latencyMs"]!["p95"] = p95 * 2;
        var current = _folder.Write("slower.json", doubled.ToJsonString());

        using var compare = await LoadGrid("compare", current, run.RunId, "--db", run.Database, "--md", "-");

        Assert.Equal(99, compare.ExitCode);
        Assert.Contains("REGRESSION: p95 +100.0% (budget +10%)", compare.Stdout);
        Assert.Contains("| `p95=+10%` |", compare.Stdout);
        Assert.Contains("❌ regression", compare.Stdout);
    }

    [Fact]
    public async Task A_looser_budget_lets_the_doubled_p95_pass()
    {
        var doubled = JsonNode.Parse(File.ReadAllText(run.Json))!;
        doubled["totals"]!["latencyMs"]!["p95"] = doubled["totals"]!["latencyMs"]!["p95"]!.GetValue<double>() * 2;
        var current = _folder.Write("slower.json", doubled.ToJsonString());

        using var compare = await LoadGrid("compare", current, run.Json, "--budget", "p95=+150%");
        Assert.Equal(0, compare.ExitCode);
    }

    [Theory]
    [InlineData("bad-budget", "--budget 'p95=ten': expected METRIC=±N%")]
    [InlineData("missing-file", "nope.json: no such file")]
    [InlineData("not-a-summary", "broken.json: ")]
    [InlineData("unknown-run", "unknown run id 'no-such-run'")]
    public async Task Bad_compare_input_exits_2_naming_what_is_wrong(string what, string expected)
    {
        var broken = _folder.Write("broken.json", """{ "runId": "x" }""");
        string[] args = what switch
        {
            "bad-budget" => ["compare", run.Json, run.Json, "--budget", "p95=ten"],
            "missing-file" => ["compare", _folder.File("nope.json"), run.Json],
            "not-a-summary" => ["compare", broken, run.Json],
            _ => ["compare", "no-such-run", run.Json, "--db", run.Database],
        };
        using var compare = await LoadGrid(args);
        Assert.Equal(2, compare.ExitCode);
        Assert.Contains(expected, compare.Stderr);
        Assert.Equal("", compare.Stdout.Trim());
    }

    [Fact]
    public async Task Bad_report_input_exits_2_and_writes_nothing()
    {
        using var nothingAsked = await LoadGrid("report", run.RunId, "--db", run.Database);
        Assert.Equal(2, nothingAsked.ExitCode);
        Assert.Contains("--html PATH", nothingAsked.Stderr);

        using var unknown = await LoadGrid("report", "no-such-run", "--db", run.Database, "--html", _folder.File("x.html"));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown run id 'no-such-run'", unknown.Stderr);
        Assert.False(File.Exists(_folder.File("x.html")));

        var missing = _folder.File("missing.db");
        using var noDatabase = await LoadGrid("runs", "--db", "sqlite:" + missing);
        Assert.Equal(2, noDatabase.ExitCode);
        Assert.Contains("missing.db: no such file", noDatabase.Stderr);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void Junit_written_at_the_end_has_a_test_case_per_threshold()
    {
        Assert.True(run.ExitCode == 0, run.Log);
        var xml = System.Xml.Linq.XDocument.Load(run.Junit);
        Assert.Equal(["http_req_duration p(95)<5000", "http_req_failed rate<0.5", "run completed"],
            xml.Descendants("testcase").Select(c => (string)c.Attribute("name")!));
        Assert.Empty(xml.Descendants("failure"));
    }
}
