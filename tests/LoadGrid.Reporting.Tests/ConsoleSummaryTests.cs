using LoadGrid.Core.Metrics;

namespace LoadGrid.Reporting.Tests;

public sealed class ConsoleSummaryTests
{
    private static string Render(RunSummary summary, int width = 100)
    {
        var console = new TestConsole(width: width);
        ConsoleSummary.Render(console.Console, summary);
        return console.Text;
    }

    [Theory]
    [InlineData("checkout-peak")]
    [InlineData("FAILED")]
    [InlineData("products")]
    [InlineData("checkout")]
    [InlineData("browse")]
    [InlineData("us-east")]
    [InlineData("eu-west")]
    [InlineData("akka.tcp://loadgrid@127.0.0.1:4053")]
    [InlineData("p(95)<500")]
    [InlineData("rate<0.01")]
    [InlineData("200×950 500×50")]
    [InlineData("timeout×5")]
    [InlineData("latencies in milliseconds")]
    [InlineData("│ 20.2 │ 40.5 │ 63.0 │ 160.2 │ 825.8 │")]
    [InlineData("eu-west: target answered 5 requests with timeouts")]
    [InlineData("dropped 3")]
    public void Shows(string expected) => Assert.Contains(expected, Render(Samples.Summary()));

    [Fact]
    public void Latency_line_has_every_percentile()
    {
        var latency = Render(Samples.Summary()).Split('\n').First(l => l.Contains("latency"));
        Assert.Contains("min=0.50ms", latency);
        Assert.Contains("avg=12.3ms", latency);
        Assert.Contains("p50=10.1ms", latency);
        Assert.Contains("p90=20.3ms", latency);
        Assert.Contains("p95=31.5ms", latency);
        Assert.Contains("p99=80.1ms", latency);
        Assert.Contains("max=412.9ms", latency);
    }

    [Fact]
    public void Thresholds_show_pass_or_fail_with_the_actual_value()
    {
        var lines = Render(Samples.Summary()).Split('\n');
        var duration = lines.Single(l => l.Contains("p(95)<500"));
        var failed = lines.Single(l => l.Contains("rate<0.01"));

        Assert.Contains("✓", duration);
        Assert.Contains("31.5ms", duration);
        Assert.Contains("✗", failed);
        Assert.Contains("5.00%", failed);
        Assert.Contains("abortOnFail", failed);
    }

    [Theory]
    [InlineData("products")]
    [InlineData("GET /api/v1/catalogue/products/{id}/reviews?page=${page}&sort=newest")]
    public void Fits_in_100_columns_without_ansi(string stepName)
    {
        var text = Render(Samples.Summary(stepName: stepName));
        Assert.DoesNotContain('\u001b', text);
        Assert.All(text.Split('\n'), line => Assert.True(line.TrimEnd('\r').Length <= 100, $"too wide: {line}"));
    }

    [Fact]
    public void User_names_are_not_read_as_markup()
    {
        var text = Render(Samples.Summary(stepName: "[red]x[/b][/]"));
        Assert.Contains("[red]x[/b][/]", text);
    }

    [Fact]
    public void Passed_run_shows_the_verdict()
    {
        var text = Render(Samples.Summary(status: RunStatus.Passed));
        Assert.Contains("✓ PASSED", text);
    }

    [Theory]
    [InlineData("http_req_duration{step:products}", "p(90)<200", 123.45, "123.5ms")]
    [InlineData("http_req_failed", "rate<0.01", 0.0123, "1.23%")]
    [InlineData("checks", "rate>0.99", 0.995, "99.50%")]
    [InlineData("http_reqs", "count>100", 1234, "1234")]
    public void Threshold_actual_reads_in_the_unit_of_its_metric(string metric, string expression, double actual, string expected) =>
        Assert.Equal(expected, ConsoleSummary.ThresholdActual(new ThresholdResult(metric, expression, actual, true, false)));
}
