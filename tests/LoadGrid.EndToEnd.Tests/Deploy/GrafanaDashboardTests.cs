using System.Text.Json;
using System.Text.RegularExpressions;
using LoadGrid.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LoadGrid.EndToEnd.Tests.Deploy;

/// <summary>
/// deploy/grafana/loadgrid-dashboard.json asks only for what LoadGrid really exports: every series and label in its
/// queries is compared with what a real run's metrics endpoint served (scraped during the run, for the gauges that
/// exist only while a node runs, and after it).
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed partial class GrafanaDashboardTests(ITestOutputHelper log) : IAsyncLifetime
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);
    private readonly TempFolder _folder = new();
    private KnownTargetServer _server = null!;

    public async Task InitializeAsync() => _server = await KnownTargetServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Every_panel_queries_series_and_labels_the_app_exports()
    {
        var queries = DashboardQueries();
        Assert.True(queries.Count >= 10, $"only {queries.Count} queries in the dashboard");
        var exported = await ScrapeARunAsync();

        foreach (var (panel, expr) in queries)
        {
            var series = SeriesName().Matches(expr).Select(m => m.Value).Distinct().ToArray();
            Assert.True(series.Length > 0, $"panel '{panel}' queries no loadgrid_ series: {expr}");
            var labels = LabelMatcher().Matches(expr).Select(m => m.Groups[1].Value)
                .Concat(ByClause().Matches(expr).SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
                .Distinct().ToArray();
            foreach (var name in series)
            {
                Assert.True(exported.ContainsKey(name), $"panel '{panel}' queries {name}, which LoadGrid does not export. Exported: {string.Join(", ", exported.Keys.Order())}");
                foreach (var label in labels)
                    Assert.True(exported[name].Contains(label), $"panel '{panel}' uses label '{label}' of {name}, which has only: {string.Join(", ", exported[name])}");
            }
        }
    }

    /// <summary>(panel title, PromQL) of every target, and of the template variables' label_values queries.</summary>
    private static List<(string Panel, string Expr)> DashboardQueries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("deploy/grafana/loadgrid-dashboard.json")));
        var queries = new List<(string, string)>();
        foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
        {
            if (!panel.TryGetProperty("targets", out var targets)) continue;
            foreach (var target in targets.EnumerateArray()) queries.Add((panel.GetProperty("title").GetString()!, target.GetProperty("expr").GetString()!));
        }
        foreach (var variable in dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray())
        {
            if (variable.GetProperty("type").GetString() != "query") continue;
            var query = variable.GetProperty("query").GetProperty("query").GetString()!;
            var match = LabelValues().Match(query);
            Assert.True(match.Success, $"variable {variable.GetProperty("name")}: unexpected query {query}");
            queries.Add(($"${variable.GetProperty("name")}", $"{match.Groups[1].Value}{{{match.Groups[2].Value}=~\".*\"}}"));
        }
        return queries;
    }

    /// <returns>Every loadgrid_ series served during and after a short two-region run, with its label names.</returns>
    private async Task<Dictionary<string, HashSet<string>>> ScrapeARunAsync()
    {
        var file = _folder.Write("scenario.yaml", $"""
            name: dashboard
            baseUrl: {_server.BaseAddress}
            regions: {"{"} us-east: 1, eu-west: 1 {"}"}
            scenarios:
              shop:
                executor: constant-arrival-rate
                rate: 20
                timeUnit: 1s
                duration: 4s
                preAllocatedVUs: 1
                maxVUs: 1
                flow:
                  # 200 ms a request on one VU at 20 iterations/s: most iterations are dropped, as the dashboard's
                  # dropped series needs; the check fails on purpose; the target's first /flaky answers 500.
                  - get: /slow
                    name: slow
                    check: {"{"} status: 500 {"}"}
                  - get: /flaky
                    name: flaky
            """);
        var port = FreePort.Take();
        using var process = LoadGridProcess.Start(log, _folder.Path, "run", file, "--no-progress", "--metrics-port", port.ToString(), "--metrics-linger", "2m");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var exported = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + RunTimeout;
        var ended = false;
        while (true)
        {
            ended = process.Stdout.Contains("(--metrics-linger)", StringComparison.Ordinal);
            try
            {
                foreach (var sample in PrometheusText.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/metrics")))
                {
                    if (!sample.Name.StartsWith("loadgrid_", StringComparison.Ordinal)) continue;
                    if (!exported.TryGetValue(sample.Name, out var labels)) exported[sample.Name] = labels = new HashSet<string>(StringComparer.Ordinal);
                    labels.UnionWith(sample.Labels.Keys);
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (ended) break;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the run did not end within {RunTimeout.TotalSeconds:0} s:\n{process.Stdout}\n{process.Stderr}");
            await Task.Delay(250);
        }
        return exported;
    }

    [GeneratedRegex(@"\bloadgrid_[a-z_]+\b")]
    private static partial Regex SeriesName();

    [GeneratedRegex("""([a-z_]+)\s*(?:=~|!~|!=|=)\s*"[^"]*" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex LabelMatcher();

    [GeneratedRegex(@"\bby\s*\(([^)]*)\)")]
    private static partial Regex ByClause();

    [GeneratedRegex(@"^label_values\((\w+),\s*(\w+)\)$")]
    private static partial Regex LabelValues();
}
