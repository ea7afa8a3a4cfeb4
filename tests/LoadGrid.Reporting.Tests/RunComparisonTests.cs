using LoadGrid.Core.Metrics;
using LoadGrid.Reporting.Comparison;

namespace LoadGrid.Reporting.Tests;

public sealed class RunComparisonTests
{
    private static ComparedMetrics.Slice Slice(double p95 = 100, double errorRate = 0.01, double rps = 200) =>
        new(1000, (long)(errorRate * 1000), errorRate, rps, Samples.Latency() with { P95 = p95 });

    private static BudgetCheck Check(string budget, ComparedMetrics.Slice baseline, ComparedMetrics.Slice current)
    {
        Assert.True(BudgetParser.TryParse(budget, out var parsed, out var error), error);
        return RunComparison.Check(parsed!, baseline, current);
    }

    [Theory]
    [InlineData(100, 110, false)]     // exactly +10 %: at the budget, not over it
    [InlineData(100, 110.1, true)]
    [InlineData(100, 50, false)]      // faster is never a regression
    [InlineData(0, 0, false)]
    [InlineData(0, 1, true)]          // from nothing to something: an infinite rise
    public void Percent_budget_on_a_latency(double baseline, double current, bool broken)
    {
        var check = Check("p95=+10%", Slice(p95: baseline), Slice(p95: current));
        Assert.Equal(broken, check.Broken);
        Assert.Equal(baseline, check.Baseline);
        Assert.Equal(current, check.Current);
    }

    [Fact]
    public void Percent_change_is_relative_to_the_baseline() =>
        Assert.Equal(25, Check("p95=+10%", Slice(p95: 80), Slice(p95: 100)).Change!.Value, 9);

    [Theory]
    [InlineData(0.010, 0.015, false)] // +0.5 pt: at the budget
    [InlineData(0.010, 0.0151, true)]
    [InlineData(0.000, 0.006, true)]
    [InlineData(0.050, 0.010, false)]
    public void Points_budget_on_the_error_rate(double baseline, double current, bool broken)
    {
        var check = Check("errorRate=+0.5pt", Slice(errorRate: baseline), Slice(errorRate: current));
        Assert.Equal(broken, check.Broken);
        Assert.Equal((current - baseline) * 100, check.Change!.Value, 9);
    }

    [Theory]
    [InlineData(200, 181, false)]
    [InlineData(200, 179, true)]     // −10.5 %
    [InlineData(200, 400, false)]    // more throughput is never a regression
    public void Falling_budget_on_throughput(double baseline, double current, bool broken) =>
        Assert.Equal(broken, Check("rps=-10%", Slice(rps: baseline), Slice(rps: current)).Broken);

    [Fact]
    public void Milliseconds_budget_is_an_absolute_change()
    {
        Assert.False(Check("p95=+20ms", Slice(p95: 100), Slice(p95: 120)).Broken);
        Assert.True(Check("p95=+20ms", Slice(p95: 100), Slice(p95: 120.5)).Broken);
    }

    [Fact]
    public void A_run_against_itself_holds_every_default_budget_and_changes_nothing()
    {
        var summary = Samples.Summary();
        var result = RunComparison.Compare(summary, summary, Budget.Defaults);
        Assert.False(result.AnyBroken);
        Assert.Equal(4, result.Checks.Count);
        Assert.All(result.Changes, c => Assert.Equal(0, c.ChangePercent));
    }

    [Fact]
    public void Doubling_p95_breaks_the_p95_budget_only()
    {
        var baseline = Samples.Summary();
        var current = baseline with { Totals = baseline.Totals with { LatencyMs = baseline.Totals.LatencyMs with { P95 = baseline.Totals.LatencyMs.P95 * 2 } } };
        var result = RunComparison.Compare(current, baseline, Budget.Defaults);
        var broken = Assert.Single(result.Checks, c => c.Broken);
        Assert.Equal("p95", broken.Budget.Metric);
        Assert.Equal(100, broken.Change!.Value, 9);
        Assert.Contains("REGRESSION: p95 +100.0% (budget +10%)", ComparisonText.Render(result));
    }

    [Fact]
    public void Every_slice_of_both_runs_is_side_by_side_and_one_missing_from_a_run_says_so()
    {
        var baseline = Samples.Summary();
        var current = Samples.Summary(stepName: "catalogue");
        var result = RunComparison.Compare(current, baseline, [new Budget("p95", "step:products", 10, BudgetUnit.Percent)]);

        Assert.Equal(["", "step:catalogue", "step:checkout", "scenario:browse", "region:us-east", "region:eu-west", "step:products"],
            result.Changes.Select(c => c.Scope).Distinct());
        Assert.Equal(ComparedMetrics.All.Count * 7, result.Changes.Count);
        Assert.Contains(result.Changes, c => c.Scope == "step:catalogue" && c.Baseline is null && c.Current is not null);
        var check = Assert.Single(result.Checks);
        Assert.False(check.Broken);
        Assert.Equal("step:products is not in the current run", check.Note);
    }

    [Fact]
    public void Markdown_has_a_verdict_a_budget_row_each_and_escapes_names()
    {
        var baseline = Samples.Summary() with { Name = "a|b" };
        var current = baseline with { Totals = baseline.Totals with { Rps = baseline.Totals.Rps / 2 } };
        var md = ComparisonMarkdown.Render(RunComparison.Compare(current, baseline, Budget.Defaults));

        Assert.StartsWith("### LoadGrid: ❌ 1 budget(s) broken\n", md);
        Assert.Contains("| `rps=-10%` | 33.3 | 16.7 | -50.0% | ❌ regression |", md);
        Assert.Contains("| `p95=+10%` | 31.5ms | 31.5ms | 0.0% | ✅ |", md);
        Assert.Contains("(a\\|b)", md);
        Assert.DoesNotContain("(a|b)", md);
    }
}
