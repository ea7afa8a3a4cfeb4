using LoadGrid.Core.Metrics;

namespace LoadGrid.Reporting.Comparison;

/// <summary>One metric of one slice in both runs. <see cref="ChangePercent"/> is null when the baseline is 0 and the
/// current is not (an infinite relative change, shown as "new").</summary>
public sealed record MetricChange(string Scope, string Metric, MetricKind Kind, double? Baseline, double? Current)
{
    public double? ChangePercent => Baseline is { } b && Current is { } c
        ? b == 0 ? (c == 0 ? 0 : null) : (c - b) / b * 100
        : null;
}

/// <summary>A budget judged on the two runs. <see cref="Change"/> is in the budget's unit.</summary>
public sealed record BudgetCheck(Budget Budget, double? Baseline, double? Current, double? Change, bool Broken, string Note);

public sealed record ComparisonResult(RunSummary Current, RunSummary Baseline, IReadOnlyList<MetricChange> Changes, IReadOnlyList<BudgetCheck> Checks)
{
    public bool AnyBroken => Checks.Any(c => c.Broken);
}

/// <summary>
/// Compares a run with a baseline: every metric of every slice (whole run, steps, scenarios, regions) side by side,
/// and the budgets judged. Pure arithmetic on two summaries, so CI's verdict is reproducible from the files alone.
/// </summary>
public static class RunComparison
{
    public static ComparisonResult Compare(RunSummary current, RunSummary baseline, IReadOnlyList<Budget> budgets)
    {
        var now = ComparedMetrics.SlicesOf(current);
        var before = ComparedMetrics.SlicesOf(baseline);
        // The whole run first, then the slices of the current run in its order, then those only the baseline had.
        var scopes = now.Keys.Concat(before.Keys.Where(k => !now.ContainsKey(k))).ToList();
        var changes = scopes.SelectMany(scope => ComparedMetrics.All.Select(m => new MetricChange(scope, m.Name, m.Kind,
            before.TryGetValue(scope, out var b) ? m.Read(b) : null,
            now.TryGetValue(scope, out var c) ? m.Read(c) : null))).ToList();
        var checks = budgets.Select(budget => Check(budget,
            before.TryGetValue(budget.Scope, out var b) ? b : null,
            now.TryGetValue(budget.Scope, out var c) ? c : null)).ToList();
        return new ComparisonResult(current, baseline, changes, checks);
    }

    /// <summary>Judges one budget. A slice missing from either run cannot be judged and does not break the budget.</summary>
    public static BudgetCheck Check(Budget budget, ComparedMetrics.Slice? baseline, ComparedMetrics.Slice? current)
    {
        var metric = ComparedMetrics.Find(budget.Metric) ?? throw new ArgumentException($"unknown metric {budget.Metric}", nameof(budget));
        if (baseline is null || current is null)
            return new BudgetCheck(budget, null, null, null, false, $"{budget.Scope} is not in {(baseline is null ? "the baseline" : "the current run")}");
        var b = metric.Read(baseline);
        var c = metric.Read(current);
        double change = budget.Unit switch
        {
            BudgetUnit.Percent => b == 0 ? (c == 0 ? 0 : c > 0 ? double.PositiveInfinity : double.NegativeInfinity) : (c - b) / b * 100,
            BudgetUnit.Points => (c - b) * 100,
            _ => c - b,
        };
        // The sign of the limit says which way is a regression; moving the other way never breaks it.
        var broken = budget.Limit >= 0 ? change > budget.Limit : change < budget.Limit;
        return new BudgetCheck(budget, b, c, change, broken, broken ? "over budget" : "within budget");
    }
}
