using System.Globalization;

namespace LoadGrid.Reporting.Comparison;

/// <summary>How a budget's limit is measured against the baseline.</summary>
public enum BudgetUnit
{
    /// <summary>Relative change, in % of the baseline.</summary>
    Percent,
    /// <summary>Absolute change of a rate, in percentage points (errorRate 1.0% → 1.5% is +0.5pt).</summary>
    Points,
    /// <summary>Absolute change of a latency, in milliseconds.</summary>
    Milliseconds,
}

/// <summary>
/// One performance budget: how far <see cref="Metric"/> may move from the baseline. The limit's sign says which way
/// is a regression: <c>+10%</c> is broken by a rise of more than 10 %, <c>-10%</c> by a fall of more than 10 %.
/// </summary>
/// <param name="Scope">Empty for the whole run, or <c>step:NAME</c>, <c>scenario:NAME</c>, <c>region:NAME</c>.</param>
public sealed record Budget(string Metric, string Scope, double Limit, BudgetUnit Unit)
{
    /// <summary>Budgets that apply when none is given for a metric: the usual CI gate on latency, errors and throughput.</summary>
    public static readonly IReadOnlyList<Budget> Defaults =
    [
        new("p95", "", 10, BudgetUnit.Percent),
        new("p99", "", 15, BudgetUnit.Percent),
        new("errorRate", "", 0.5, BudgetUnit.Points),
        new("rps", "", -10, BudgetUnit.Percent),
    ];

    /// <summary>The defaults, with any budget the user gave for the same metric and scope in place of its default.</summary>
    public static IReadOnlyList<Budget> WithDefaults(IEnumerable<Budget> given)
    {
        var list = given.ToList();
        return [.. Defaults.Where(d => !list.Any(g => g.Metric == d.Metric && g.Scope == d.Scope)), .. list];
    }

    /// <summary>As the user writes it: <c>p95=+10%</c>, <c>errorRate{step:login}=+0.5pt</c>.</summary>
    public string Display => $"{Metric}{(Scope.Length == 0 ? "" : "{" + Scope + "}")}={FormatLimit(Limit, Unit)}";

    public static string FormatLimit(double value, BudgetUnit unit) =>
        (value >= 0 ? "+" : "") + value.ToString("0.###", CultureInfo.InvariantCulture) + unit switch
        {
            BudgetUnit.Percent => "%",
            BudgetUnit.Points => "pt",
            _ => "ms",
        };
}
