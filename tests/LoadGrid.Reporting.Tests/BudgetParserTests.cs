using LoadGrid.Reporting.Comparison;

namespace LoadGrid.Reporting.Tests;

public sealed class BudgetParserTests
{
    [Theory]
    [InlineData("p95=+10%", "p95", "", 10, BudgetUnit.Percent)]
    [InlineData("p95=10%", "p95", "", 10, BudgetUnit.Percent)]          // unsigned: the worse direction (up for latency)
    [InlineData("rps=10%", "rps", "", -10, BudgetUnit.Percent)]         // … and down for throughput
    [InlineData("rps=-5.5%", "rps", "", -5.5, BudgetUnit.Percent)]
    [InlineData("errorRate=+0.5pt", "errorRate", "", 0.5, BudgetUnit.Points)]
    [InlineData("ERRORRATE = 1pt", "errorRate", "", 1, BudgetUnit.Points)]
    [InlineData("p99=+25ms", "p99", "", 25, BudgetUnit.Milliseconds)]
    [InlineData("p95{step:login}=+20%", "p95", "step:login", 20, BudgetUnit.Percent)]
    [InlineData("rps{region:eu-west}=-15%", "rps", "region:eu-west", -15, BudgetUnit.Percent)]
    public void Parses(string text, string metric, string scope, double limit, BudgetUnit unit)
    {
        Assert.True(BudgetParser.TryParse(text, out var budget, out var error), error);
        Assert.Equal(new Budget(metric, scope, limit, unit), budget);
    }

    [Theory]
    [InlineData("p95", "expected METRIC=±N%")]
    [InlineData("p95=ten%", "expected METRIC=±N%")]
    [InlineData("p95=+10", "expected METRIC=±N%")]
    [InlineData("p95{host:a}=+10%", "expected METRIC=±N%")]
    [InlineData("latency=+10%", "unknown metric 'latency' (known: requests, rps, errorRate")]
    [InlineData("p95=+1pt", "'pt' (percentage points) applies to errorRate only")]
    [InlineData("rps=+5ms", "'ms' applies to latencies")]
    public void Rejects_with_a_message_naming_the_value(string text, string expected)
    {
        Assert.False(BudgetParser.TryParse(text, out var budget, out var error));
        Assert.Null(budget);
        Assert.StartsWith($"--budget '{text}': ", error);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Reports_every_bad_value_not_just_the_first()
    {
        Assert.False(BudgetParser.TryParseAll(["p95=+10%", "x=1%", "p99=oops"], out var budgets, out var errors));
        Assert.Single(budgets);
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void A_given_budget_replaces_its_default_and_the_other_defaults_stay()
    {
        var budgets = Budget.WithDefaults([new Budget("p95", "", 25, BudgetUnit.Percent), new Budget("p95", "step:a", 5, BudgetUnit.Percent)]);
        Assert.Equal(["p99=+15%", "errorRate=+0.5pt", "rps=-10%", "p95=+25%", "p95{step:a}=+5%"], budgets.Select(b => b.Display));
    }
}
