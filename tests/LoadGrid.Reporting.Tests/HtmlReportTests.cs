using System.Text.RegularExpressions;
using System.Xml.Linq;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Reporting.Tests;

public sealed partial class HtmlReportTests
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<SeriesPoint>> Regions =
        new Dictionary<string, IReadOnlyList<SeriesPoint>> { ["us-east"] = Samples.Series(), ["eu-west"] = Samples.Series(20) };

    private static string Render(RunSummary? summary = null, IReadOnlyList<SeriesPoint>? series = null) =>
        HtmlReport.Render(new RunResult(summary ?? Samples.Summary(), series ?? Samples.Series(), Regions));

    [Fact]
    public void Charts_are_inline_svg_with_a_point_per_second()
    {
        var html = Render();
        var polylines = PolylinePoints().Matches(html);

        Assert.Equal(4, Regex.Matches(html, "<svg ").Count);
        Assert.NotEmpty(polylines);
        // The whole-run requests line: 30 points, each "x,y".
        Assert.Contains(polylines, m => m.Groups[1].Value.Split(' ').Length == 30);
        Assert.All(polylines, m => Assert.Matches(@"^(\d+(\.\d)?,\d+(\.\d)? ?)+$", m.Groups[1].Value));
    }

    [Fact]
    public void Each_svg_parses_as_xml()
    {
        foreach (Match svg in Regex.Matches(Render(), "<svg .*?</svg>", RegexOptions.Singleline))
            XElement.Parse(svg.Value);
    }

    [Fact]
    public void Is_self_contained()
    {
        var html = Render();
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("url(", html);
        Assert.Contains("<style>", html);
        Assert.Contains("@media print", html);
    }

    [Fact]
    public void User_strings_are_html_encoded()
    {
        var summary = Samples.Summary(stepName: "<script>alert(1)</script>") with { Name = "a&b \"quoted\"" };
        var html = Render(summary);

        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("a&amp;b &quot;quoted&quot;", html);
    }

    [Theory]
    [InlineData("plain café ×", "plain café ×")]
    [InlineData("<a href='x'>&</a>", "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;")]
    [InlineData("\"", "&quot;")]
    public void Encoding_replaces_only_what_html_reads(string text, string expected) =>
        Assert.Equal(expected, HtmlText.Encode(text));

    [Theory]
    [InlineData("badge failed")]
    [InlineData("FAILED")]
    [InlineData("checkout-peak")]
    [InlineData("p(95)&lt;500")]
    [InlineData("200×350 500×45 timeout×5")]
    [InlineData("us-east")]
    [InlineData("akka.tcp://loadgrid@127.0.0.1:4053")]
    [InlineData("eu-west: target answered 5 requests with timeouts")]
    [InlineData("browse")]
    public void Shows(string expected)
    {
        // The node address is user text with a scheme; it is the only "://" in the page.
        Assert.Contains(expected, Render());
    }

    [Fact]
    public void Thresholds_table_marks_pass_and_fail()
    {
        var html = Render();
        Assert.Contains("<span class=\"pass\">✓</span></td><td class=\"text\">http_req_duration", html);
        Assert.Contains("<span class=\"fail\">✗</span></td><td class=\"text\">http_req_failed", html);
    }

    [Fact]
    public void A_run_without_series_says_so_instead_of_drawing_empty_charts()
    {
        var html = HtmlReport.Render(new RunResult(Samples.Summary(), [], new Dictionary<string, IReadOnlyList<SeriesPoint>>()));
        Assert.DoesNotContain("<svg", html);
        Assert.Contains("No per-second data", html);
    }

    [Fact]
    public void A_single_second_draws_a_dot()
    {
        var html = HtmlReport.Render(new RunResult(Samples.Summary(), Samples.Series(1), new Dictionary<string, IReadOnlyList<SeriesPoint>>()));
        Assert.Contains("<circle", html);
    }

    [Fact]
    public void Write_creates_the_file_atomically()
    {
        var folder = Path.Combine(Path.GetTempPath(), "loadgrid-html-" + Guid.NewGuid().ToString("N"));
        try
        {
            var path = Path.Combine(folder, "report.html");
            HtmlReport.Write(new RunResult(Samples.Summary(), Samples.Series(), Regions), path);
            Assert.Equal([path], Directory.GetFiles(folder));
            Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(path));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0.7, 1)]
    [InlineData(1, 1)]
    [InlineData(1.2, 2)]
    [InlineData(2.1, 2.5)]
    [InlineData(3, 5)]
    [InlineData(51, 100)]
    [InlineData(1520, 2000)]
    public void Y_axis_ends_at_a_round_number(double max, double expected) =>
        Assert.Equal(expected, SvgChart.NiceCeiling(max), 9);

    [GeneratedRegex("<polyline [^>]*points=\"([^\"]*)\"")]
    private static partial Regex PolylinePoints();
}
