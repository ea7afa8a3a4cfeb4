using System.Text;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Reporting;

/// <summary>
/// A single self-contained HTML report (<c>--report PATH.html</c>, <c>loadgrid report RUN_ID --html</c>): inline
/// stylesheet and server-drawn SVG charts, no script and nothing fetched from anywhere, so it can be mailed, archived
/// as a CI artifact and printed. Every name from the user's files is HTML-encoded. The page is a function of the run's
/// result alone (no clock, no machine name), so a report rendered from history is byte for byte the one written at the
/// run's end.
/// </summary>
public static class HtmlReport
{
    /// <param name="result">The summary, the per-second series (the whole run; per region, drawn as extra lines when
    /// there is more than one; per step and scenario, as tabs) and the run's events.</param>
    public static string Render(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var summary = result.Summary;
        var tabs = 1 + (result.Series.Count == 0 ? 0 : (result.StepSeries?.Count ?? 0) + (result.ScenarioSeries?.Count ?? 0));

        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(summary.Name)).Append(" · ").Append(Formats.Verdict(summary.Status)).Append(" · LoadGrid report</title>\n")
            .Append("<style>\n").Append(HtmlReportStyle.Css).Append('\n').Append(HtmlReportCharts.TabCss(tabs)).Append("</style>\n</head>\n<body>\n<main>\n");

        Header(html, summary);
        Cards(html, summary.Totals);
        Thresholds(html, summary.Thresholds);
        HtmlReportCharts.Render(html, result);
        Warnings(html, summary.Warnings);
        if (summary.Scenarios.Count > 0) GroupTable(html, "Scenarios", "scenario", summary.Scenarios, withIterations: true);
        if (summary.Steps.Count > 0) StepTable(html, summary.Steps);
        if (summary.Regions.Count > 0) GroupTable(html, "Regions", "region", summary.Regions, withIterations: false);
        if (summary.Nodes.Count > 0) NodeTable(html, summary.Nodes);
        StatusTable(html, summary.Totals);

        html.Append("<footer>LoadGrid · run ").Append(E(summary.RunId)).Append(" · ended ")
            .Append(SummaryJsonWriter.FormatTimestamp(summary.StartedAt.AddMilliseconds(Math.Round(summary.DurationSeconds * 1000)))).Append("</footer>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Writes the report atomically (temporary file, then rename), creating the folder.</summary>
    public static void Write(RunResult result, string path) => AtomicFile.WriteAllText(path, Render(result));

    private static void Header(StringBuilder html, RunSummary s)
    {
        var status = SummaryJsonWriter.StatusName(s.Status);
        html.Append("<header><h1>").Append(E(s.Name)).Append("</h1>")
            .Append("<span class=\"badge ").Append(status).Append("\">").Append(Formats.Verdict(s.Status)).Append("</span></header>\n")
            .Append("<p class=\"meta\">run ").Append(E(s.RunId))
            .Append(" · started ").Append(SummaryJsonWriter.FormatTimestamp(s.StartedAt))
            .Append(" · duration ").Append(Formats.Duration(s.DurationSeconds)).Append("</p>\n");
    }

    private static void Cards(StringBuilder html, TotalsSummary t)
    {
        html.Append("<section class=\"cards\">\n");
        Card("requests", Formats.Count(t.Requests));
        Card("requests/s", Formats.Rate(t.Rps));
        Card("failed", Formats.Percent(t.ErrorRate), t.Failed > 0 ? "fail" : null);
        Card("p50", Formats.Ms(t.LatencyMs.P50));
        Card("p95", Formats.Ms(t.LatencyMs.P95));
        Card("p99", Formats.Ms(t.LatencyMs.P99));
        Card("max", Formats.Ms(t.LatencyMs.Max));
        Card("iterations", Formats.Count(t.Iterations));
        Card("dropped", Formats.Count(t.DroppedIterations), t.DroppedIterations > 0 ? "fail" : null);
        var checks = t.ChecksPassed + t.ChecksFailed;
        if (checks > 0) Card("checks passed", Formats.Percent((double)t.ChecksPassed / checks), t.ChecksFailed > 0 ? "fail" : null);
        if (t.VusMax > 0) Card("VUs max", Formats.Count(t.VusMax));
        html.Append("</section>\n");

        void Card(string label, string value, string? css = null) =>
            html.Append("<div class=\"card\"><div class=\"label\">").Append(E(label)).Append("</div><div class=\"value")
                .Append(css is null ? "" : " " + css).Append("\">").Append(E(value)).Append("</div></div>\n");
    }

    private static void Thresholds(StringBuilder html, IReadOnlyList<ThresholdResult> thresholds)
    {
        if (thresholds.Count == 0) return;
        html.Append("<h2>Thresholds</h2>\n<table>\n<tr><th class=\"text\"></th><th class=\"text\">metric</th><th class=\"text\">expression</th><th>actual</th></tr>\n");
        foreach (var t in thresholds)
        {
            html.Append("<tr><td>").Append(t.Passed ? "<span class=\"pass\">✓</span>" : "<span class=\"fail\">✗</span>")
                .Append("</td><td class=\"text\">").Append(E(t.Metric))
                .Append("</td><td class=\"text\">").Append(E(t.Expression)).Append(t.AbortOnFail ? " <small>(abortOnFail)</small>" : "")
                .Append("</td><td").Append(t.Passed ? "" : " class=\"fail\"").Append('>').Append(E(ConsoleSummary.ThresholdActual(t)))
                .Append("</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void Warnings(StringBuilder html, IReadOnlyList<string> warnings)
    {
        if (warnings.Count == 0) return;
        html.Append("<h2>Warnings</h2>\n<ul class=\"warnings\">\n");
        foreach (var warning in warnings) html.Append("<li>").Append(E(warning)).Append("</li>\n");
        html.Append("</ul>\n");
    }

    private static void GroupTable(StringBuilder html, string title, string column,
        IReadOnlyDictionary<string, GroupSummary> groups, bool withIterations)
    {
        html.Append("<h2>").Append(title).Append("</h2>\n<table>\n<tr><th>").Append(column)
            .Append("</th><th>requests</th><th>failed</th><th>rps</th>").Append(withIterations ? "<th>iterations</th>" : "")
            .Append(LatencyHeads).Append("</tr>\n");
        foreach (var (name, g) in groups)
        {
            html.Append("<tr><td>").Append(E(name)).Append("</td>");
            Common(html, g.Requests, g.Failed, g.ErrorRate, g.Rps);
            if (withIterations) Cell(html, Formats.Count(g.Iterations));
            Latencies(html, g.LatencyMs);
            html.Append("</tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void StepTable(StringBuilder html, IReadOnlyDictionary<string, StepSummary> steps)
    {
        html.Append("<h2>Steps</h2>\n<table>\n<tr><th>step</th><th>requests</th><th>failed</th><th>rps</th>")
            .Append(LatencyHeads).Append("<th class=\"text\">status codes</th></tr>\n");
        foreach (var (name, s) in steps)
        {
            html.Append("<tr><td>").Append(E(name)).Append("</td>");
            Common(html, s.Requests, s.Failed, s.ErrorRate, s.Rps);
            Latencies(html, s.LatencyMs);
            html.Append("<td class=\"text\">").Append(E(Formats.Tally(s.StatusCodes, s.Errors))).Append("</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void NodeTable(StringBuilder html, IReadOnlyList<NodeSummary> nodes)
    {
        html.Append("<h2>Nodes</h2>\n<table>\n<tr><th>node</th><th class=\"text\">region</th><th>requests</th></tr>\n");
        foreach (var n in nodes)
            html.Append("<tr><td>").Append(E(n.Address)).Append("</td><td class=\"text\">").Append(E(n.Region))
                .Append("</td><td>").Append(Formats.Count(n.Requests)).Append("</td></tr>\n");
        html.Append("</table>\n");
    }

    private static void StatusTable(StringBuilder html, TotalsSummary t)
    {
        if (t.StatusCodes.Count == 0 && t.Errors.Count == 0) return;
        html.Append("<h2>Responses</h2>\n<table>\n<tr><th>status or error</th><th>count</th><th>share</th></tr>\n");
        var total = Math.Max(1, t.StatusCodes.Values.Sum() + t.Errors.Values.Sum());
        foreach (var (key, count) in Formats.OrderedCodes(t.StatusCodes).Concat(t.Errors.OrderByDescending(e => e.Value)))
            html.Append("<tr><td>").Append(E(key)).Append("</td><td>").Append(Formats.Count(count))
                .Append("</td><td>").Append(Formats.Percent((double)count / total)).Append("</td></tr>\n");
        html.Append("</table>\n");
    }

    private const string LatencyHeads = "<th>p50</th><th>p90</th><th>p95</th><th>p99</th><th>max</th>";

    private static void Common(StringBuilder html, long requests, long failed, double errorRate, double rps)
    {
        Cell(html, Formats.Count(requests));
        if (failed > 0)
            html.Append("<td class=\"fail\">").Append(Formats.Count(failed)).Append(" (").Append(Formats.Percent(errorRate)).Append(")</td>");
        else
            Cell(html, "0");
        Cell(html, Formats.Rate(rps));
    }

    private static void Latencies(StringBuilder html, LatencySummary l)
    {
        foreach (var value in (double[])[l.P50, l.P90, l.P95, l.P99, l.Max])
            Cell(html, Formats.Ms(value));
    }

    private static void Cell(StringBuilder html, string text) => html.Append("<td>").Append(E(text)).Append("</td>");

    private static string E(string text) => HtmlText.Encode(text);
}
