using LoadGrid.Core.Metrics;

namespace LoadGrid.Reporting.Tests;

public sealed class ProgressViewTests
{
    private static RunProgress Progress(int elapsedSeconds, long requests = 18234) => new(
        RunId: "run-1", Name: "checkout-peak",
        Elapsed: TimeSpan.FromSeconds(elapsedSeconds + 0.7), Planned: TimeSpan.FromSeconds(60),
        Vus: 20, Rps: 1520.33, P95Ms: 12.44, ErrorRate: 0.005, Requests: requests, Failed: 91, Iterations: 4000,
        Scenarios: [new ScenarioProgress("browse", 0.2, 15, 3000, "running"), new ScenarioProgress("buy", 0, 0, 0, "waiting")],
        Regions: [new RegionProgress("us-east", 15, 1140.2, 11.9, 0.004), new RegionProgress("eu-west", 5, 380.1, 14.2, 0.008)]);

    [Theory]
    [InlineData(12, "[  12s/60s] vus=20 rps=1520.3 p95=12.4ms errors=0.50% reqs=18234")]
    [InlineData(0, "[   0s/60s] vus=20 rps=1520.3 p95=12.4ms errors=0.50% reqs=18234")]
    [InlineData(125, "[ 125s/60s] vus=20 rps=1520.3 p95=12.4ms errors=0.50% reqs=18234")]
    public void Plain_line_format(int elapsed, string expected) =>
        Assert.Equal(expected, ProgressLine.Format(Progress(elapsed)));

    [Fact]
    public void Plain_view_prints_at_most_one_line_per_five_seconds_and_the_last_state_on_completion()
    {
        var console = new TestConsole();
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        var view = ProgressViews.Create(console.Console, live: false, clock);

        view.Update(Progress(1, requests: 1));          // printed: the first update
        clock.Advance(TimeSpan.FromSeconds(1));
        view.Update(Progress(2, requests: 2));          // held back
        clock.Advance(TimeSpan.FromSeconds(3.9));
        view.Update(Progress(6, requests: 6));          // 4.9 s after the last line: held back
        clock.Advance(TimeSpan.FromSeconds(0.1));
        view.Update(Progress(7, requests: 7));          // 5 s: printed
        clock.Advance(TimeSpan.FromSeconds(1));
        view.Update(Progress(8, requests: 8));          // held back, then printed by Complete
        view.Complete();
        view.Update(Progress(9, requests: 9));          // after completion: ignored
        view.Dispose();

        var lines = console.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["reqs=1", "reqs=7", "reqs=8"], lines.Select(l => l[l.LastIndexOf(' ')..].Trim()));
        Assert.StartsWith("[   1s/60s] vus=20", lines[0]);
    }

    [Fact]
    public void Plain_view_completion_after_a_printed_update_prints_nothing_more()
    {
        var console = new TestConsole();
        var view = ProgressViews.Create(console.Console, live: false, new ManualClock(DateTimeOffset.UnixEpoch));
        view.Update(Progress(3));
        view.Complete();
        Assert.Single(console.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Live_view_leaves_the_last_state_on_screen()
    {
        var console = new TestConsole(ansi: true);
        using (var view = ProgressViews.Create(console.Console, live: true))
        {
            view.Update(Progress(5, requests: 500));
            view.Update(Progress(12, requests: 18234));
            view.Complete();
        }

        var text = console.Text;
        Assert.Contains("checkout-peak", text);
        Assert.Contains("12s / 1m00s", text);
        Assert.Contains("18,234", text);
        Assert.Contains("browse", text);
        Assert.Contains("waiting", text);
        Assert.Contains("us-east", text);
        Assert.Contains("1140.2", text);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0.5, 5)]
    [InlineData(1, 10)]
    [InlineData(7, 10)]
    [InlineData(double.NaN, 0)]
    public void Bar_fills_its_share(double fraction, int filled)
    {
        var glyphs = Glyphs.For(new TestConsole().Console);
        var bar = ProgressRenderer.Bar(fraction, 10, glyphs);
        Assert.Equal(filled, bar.Count(c => c == glyphs.BarFull));
        Assert.Equal(10 - filled, bar.Count(c => c == glyphs.BarEmpty));
    }
}
