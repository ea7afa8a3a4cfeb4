using System.Xml.Linq;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Reporting.Tests;

public sealed class JunitAndMarkdownReportTests
{
    [Fact]
    public void Junit_has_a_test_case_per_threshold_and_fails_the_failed_one()
    {
        var xml = XDocument.Parse(JunitReport.Render(Samples.Summary()));
        var suite = Assert.Single(xml.Root!.Elements("testsuite"));
        var cases = suite.Elements("testcase").ToList();

        Assert.Equal(["http_req_duration p(95)<500", "http_req_failed rate<0.01", "run completed"], cases.Select(c => (string)c.Attribute("name")!));
        Assert.Null(cases[0].Element("failure"));
        var failure = cases[1].Element("failure")!;
        Assert.Equal("http_req_failed rate<0.01 failed: actual 5.00%", (string)failure.Attribute("message")!);
        Assert.Null(cases[2].Element("failure"));
        Assert.Equal("3", (string)suite.Attribute("tests")!);
        Assert.Equal("1", (string)suite.Attribute("failures")!);
        Assert.Equal("1", (string)xml.Root.Attribute("failures")!);
        Assert.Equal("run-7f3a", suite.Descendants("property").Single(p => (string)p.Attribute("name")! == "runId").Attribute("value")!.Value);
    }

    [Fact]
    public void Junit_fails_an_aborted_run_even_without_thresholds()
    {
        var summary = Samples.Summary(status: RunStatus.Aborted) with { Thresholds = [] };
        var completed = Assert.Single(XDocument.Parse(JunitReport.Render(summary)).Descendants("testcase"));
        Assert.Equal("aborted", (string)completed.Element("failure")!.Attribute("type")!);
    }

    [Fact]
    public void Junit_is_the_same_text_every_time() =>
        Assert.Equal(JunitReport.Render(Samples.Summary()), JunitReport.Render(Samples.Summary()));

    [Fact]
    public void Markdown_report_has_verdict_totals_thresholds_steps_and_regions()
    {
        var md = MarkdownReport.Render(Samples.Summary());
        Assert.StartsWith("### ❌ checkout-peak · FAILED\n", md);
        Assert.Contains("| 1,000 | 33.3 | 5.00% | 10.1ms | 31.5ms | 80.1ms | 412.9ms |", md);
        Assert.Contains("| ❌ | `http_req_failed` `rate<0.01` | 5.00% |", md);
        Assert.Contains("| checkout | 400 |", md);
        Assert.Contains("| eu-west | 250 |", md);
    }
}
