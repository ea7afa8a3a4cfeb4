using System.Text;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Reporting;

/// <summary>
/// The report's "Over time" section: one panel of four charts (requests/s, latency, error rate, VUs) for the whole
/// run (a line per region when there are several) and one per step and per scenario, switched by CSS-only tabs
/// (radio buttons; no script). The run's events are drawn on every chart's time axis and listed below.
/// </summary>
internal static class HtmlReportCharts
{
    public static void Render(StringBuilder html, RunResult result)
    {
        html.Append("<h2>Over time</h2>\n");
        if (result.Series.Count == 0)
        {
            html.Append("<p class=\"empty\">No per-second data was recorded for this run.</p>\n");
            return;
        }
        var markers = result.Events ?? [];
        // Per-region lines only add information when there are several regions.
        var regions = result.RegionSeries.Count > 1 ? result.RegionSeries.ToList() : [];
        var panels = new List<(string Tab, string Title, Action<StringBuilder> Draw)>
        {
            ("whole run", "whole run", h => Panel(h, result.Series, regions, markers)),
        };
        foreach (var (step, series) in result.StepSeries ?? new Dictionary<string, IReadOnlyList<SeriesPoint>>())
            panels.Add(("step " + step, "step " + step, h => Panel(h, series, [], markers)));
        foreach (var (scenario, series) in result.ScenarioSeries ?? new Dictionary<string, IReadOnlyList<SeriesPoint>>())
            panels.Add(("scenario " + scenario, "scenario " + scenario, h => Panel(h, series, [], markers)));

        html.Append("<div class=\"tabs\">\n");
        for (var i = 0; i < panels.Count; i++)
            html.Append("<input type=\"radio\" name=\"view\" id=\"view-").Append(i).Append('"').Append(i == 0 ? " checked" : "").Append('>')
                .Append("<label for=\"view-").Append(i).Append("\">").Append(E(panels[i].Tab)).Append("</label>\n");
        for (var i = 0; i < panels.Count; i++)
        {
            html.Append("<section class=\"panel\" data-view=\"").Append(E(panels[i].Title)).Append("\">\n");
            panels[i].Draw(html);
            html.Append("</section>\n");
        }
        html.Append("</div>\n");
        Events(html, markers);
    }

    /// <summary>CSS for the tabs: panel k shows while radio k is checked (the stylesheet holds up to this many).</summary>
    public static string TabCss(int count)
    {
        var css = new StringBuilder();
        for (var i = 0; i < count; i++)
            css.Append("#view-").Append(i).Append(":checked ~ .panel:nth-of-type(").Append(i + 1).Append(") { display: block; }\n");
        return css.ToString();
    }

    private static void Panel(StringBuilder html, IReadOnlyList<SeriesPoint> series,
        IReadOnlyList<KeyValuePair<string, IReadOnlyList<SeriesPoint>>> regions, IReadOnlyList<RunMarker> markers)
    {
        html.Append("<div class=\"charts\">\n");
        Figure("Requests per second",
            [Line("all", series, p => p.Requests), .. regions.Select(r => Line(r.Key, r.Value, p => p.Requests))],
            v => Formats.Number(v, "0.#"));
        Figure("Latency",
            [Line("p50", series, p => p.P50Ms), Line("p95", series, p => p.P95Ms), Line("p99", series, p => p.P99Ms)],
            v => Formats.Number(v, "0.##") + " ms");
        Figure("Error rate",
            [Line("all", series, ErrorRate), .. regions.Select(r => Line(r.Key, r.Value, ErrorRate))],
            v => Formats.Number(v * 100, "0.##") + "%");
        Figure("Active virtual users",
            [Line("all", series, p => p.Vus), .. regions.Select(r => Line(r.Key, r.Value, p => p.Vus))],
            v => Formats.Number(v, "0.#"));
        html.Append("</div>\n");

        void Figure(string title, IReadOnlyList<ChartLine> lines, Func<double, string> formatY) =>
            html.Append("<figure><figcaption>").Append(E(title)).Append("</figcaption>")
                .Append(SvgChart.Render(title, lines, formatY, markers)).Append("</figure>\n");

        static double ErrorRate(SeriesPoint p) => p.Requests == 0 ? 0 : (double)p.Failed / p.Requests;

        static ChartLine Line(string name, IReadOnlyList<SeriesPoint> points, Func<SeriesPoint, double> value) =>
            new(name, points.Select(p => (p.Second, value(p))).ToList());
    }

    private static void Events(StringBuilder html, IReadOnlyList<RunMarker> markers)
    {
        if (markers.Count == 0) return;
        html.Append("<h2>Events</h2>\n<table class=\"events\">\n<tr><th>#</th><th>at</th><th class=\"text\">event</th><th class=\"text\">what</th></tr>\n");
        for (var i = 0; i < markers.Count; i++)
            html.Append("<tr><td>").Append(i + 1).Append("</td><td>").Append(E(Formats.Duration(markers[i].Second)))
                .Append("</td><td class=\"text\"><span class=\"mark ").Append(E(markers[i].Kind)).Append("\">").Append(E(markers[i].Kind))
                .Append("</span></td><td class=\"text\">").Append(E(markers[i].Text)).Append("</td></tr>\n");
        html.Append("</table>\n");
    }

    private static string E(string text) => HtmlText.Encode(text);
}
