using System.Text.RegularExpressions;
using LoadGrid.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LoadGrid.EndToEnd.Tests.Reports;

/// <summary>The HTML report of a real run, opened in headless Chromium: every chart drawn, and a screenshot kept.</summary>
[Collection(ProcessCollection.Name)]
public sealed partial class ReportInBrowserTests(RecordedRunFixture run, ITestOutputHelper log) : IClassFixture<RecordedRunFixture>
{
    /// <summary>The line colour of a chart's first series (SvgChart's class s0), and the legend swatch's.</summary>
    private static readonly (byte, byte, byte) FirstSeriesBlue = (0x2e, 0x6f, 0xdb);

    [SkippableFact]
    public async Task Every_chart_is_drawn_in_a_real_browser_and_a_screenshot_is_kept()
    {
        Skip.If(HeadlessChromium.ExecutablePath is null,
            "no Chromium at /usr/bin/chromium (or LOADGRID_TEST_CHROMIUM): install it (apt-get install chromium; .ci/run does) to run the browser test");
        Assert.True(run.ExitCode == 0, $"the recorded run failed (exit {run.ExitCode}):\n{run.Log}");

        var dom = await HeadlessChromium.DumpDomAsync(run.Html);
        var charts = Chart().Matches(dom);
        // 4 charts for the whole run, and 4 for each step (home, mix) and scenario (shop).
        Assert.Equal(16, charts.Count);
        foreach (Match chart in charts)
        {
            var title = chart.Groups["title"].Value;
            var lines = Polyline().Matches(chart.Value).Select(m => m.Groups[1].Value.Trim()).ToList();
            Assert.True(lines.Count > 0, $"chart '{title}' has no line in the browser's DOM");
            Assert.All(lines, points => Assert.True(points.Split(' ').Length >= 2, $"chart '{title}' has a line of under two points: '{points}'"));
            Assert.Contains("class=\"marker", chart.Value);
        }

        var artifacts = Environment.GetEnvironmentVariable("LOADGRID_TEST_ARTIFACTS") ?? Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(artifacts);
        var screenshot = Path.Combine(artifacts, "report.png");
        await HeadlessChromium.ScreenshotAsync(run.Html, screenshot, 1280, 2000);
        log.WriteLine($"screenshot: {screenshot}");

        // What the browser painted: the four legend swatches of that blue (14 × 3 px each) make at most 168 pixels;
        // the lines (1.8 px wide, so mostly anti-aliased into other shades) add several hundred more. Seen: ~790.
        var image = PngImage.Load(screenshot);
        Assert.Equal((1280, 2000), (image.Width, image.Height));
        var blue = image.Count(FirstSeriesBlue, tolerance: 24);
        log.WriteLine($"pixels of the first series' colour: {blue}");
        Assert.True(blue > 400, $"only {blue} pixels of chart lines were painted");
    }

    [GeneratedRegex("<svg class=\"chart\"[^>]*aria-label=\"(?<title>[^\"]*)\".*?</svg>", RegexOptions.Singleline)]
    private static partial Regex Chart();

    [GeneratedRegex("<polyline [^>]*points=\"([^\"]*)\"")]
    private static partial Regex Polyline();
}
