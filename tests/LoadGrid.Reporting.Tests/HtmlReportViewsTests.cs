using System.Text.RegularExpressions;
using System.Xml.Linq;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Reporting.Tests;

/// <summary>The report's per-step and per-scenario views and the run's events on the time axis.</summary>
public sealed class HtmlReportViewsTests
{
    private static RunResult Result() => new(
        Samples.Summary(),
        Samples.Series(),
        new Dictionary<string, IReadOnlyList<SeriesPoint>> { ["us-east"] = Samples.Series(), ["eu-west"] = Samples.Series(20) },
        new Dictionary<string, IReadOnlyList<SeriesPoint>> { ["checkout"] = Samples.Series(), ["products"] = Samples.Series() },
        new Dictionary<string, IReadOnlyList<SeriesPoint>> { ["browse"] = Samples.Series() },
        [
            new RunMarker(0, "start", "started"),
            new RunMarker(10, "scale", "scale ×2 by ops"),
            new RunMarker(12.5, "node-lost", "node <b> lost"),
            new RunMarker(30.2, "end", "ended failed"),
        ]);

    [Fact]
    public void A_tab_per_view_each_with_four_charts_and_the_first_checked()
    {
        var html = HtmlReport.Render(Result());
        Assert.Equal(["whole run", "step checkout", "step products", "scenario browse"],
            Regex.Matches(html, "<label for=\"view-\\d\">([^<]*)</label>").Select(m => m.Groups[1].Value));
        Assert.Single(Regex.Matches(html, " checked>"));
        Assert.Contains("id=\"view-0\" checked>", html);
        Assert.Equal(16, Regex.Matches(html, "<svg class=\"chart\"").Count);
        // Only the checked view's panel shows: one CSS rule per tab.
        Assert.Contains("#view-3:checked ~ .panel:nth-of-type(4) { display: block; }", html);
        Assert.DoesNotContain("#view-4:", html);
    }

    [Fact]
    public void Events_are_numbered_lines_on_every_chart_and_rows_of_a_table()
    {
        var html = HtmlReport.Render(Result());
        Assert.Equal(16 * 4, Regex.Matches(html, "<g class=\"marker ").Count);
        Assert.Contains("<g class=\"marker node-lost\"><title>3. 12s node &lt;b&gt; lost</title>", html);
        Assert.Contains("<td class=\"text\"><span class=\"mark scale\">scale</span></td><td class=\"text\">scale ×2 by ops</td>", html);
        foreach (Match svg in Regex.Matches(html, "<svg .*?</svg>", RegexOptions.Singleline)) XElement.Parse(svg.Value);
    }

    [Fact]
    public void The_end_marker_widens_the_time_axis_to_the_runs_duration()
    {
        // 30 points (0..29 s) and an end at 30.2 s: the axis runs to 31 s so the marker sits inside the plot.
        var html = HtmlReport.Render(Result());
        var endLine = Regex.Match(html, "<g class=\"marker end\"><title>[^<]*</title><line x1=\"([\\d.]+)\"");
        Assert.True(double.Parse(endLine.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) <= 720 - 12);
    }

    [Fact]
    public void Rendering_is_deterministic_and_names_no_clock_but_the_runs()
    {
        var first = HtmlReport.Render(Result());
        Assert.Equal(first, HtmlReport.Render(Result()));
        Assert.Contains("ended 2026-11-24T10:00:30.2Z", first);
    }

    [Fact]
    public void A_result_stored_before_views_and_events_were_kept_still_renders()
    {
        var html = HtmlReport.Render(new RunResult(Samples.Summary(), Samples.Series(), new Dictionary<string, IReadOnlyList<SeriesPoint>>()));
        Assert.Single(Regex.Matches(html, "<label for=\"view-"));
        Assert.DoesNotContain("<h2>Events</h2>", html);
    }
}
