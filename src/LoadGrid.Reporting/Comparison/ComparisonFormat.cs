using System.Globalization;

namespace LoadGrid.Reporting.Comparison;

/// <summary>How compare's numbers read, shared by its text and Markdown output.</summary>
internal static class ComparisonFormat
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Value(MetricKind kind, double? value) => value is not { } v ? "–" : kind switch
    {
        MetricKind.Latency => Formats.Ms(v),
        MetricKind.Rate => Formats.Percent(v),
        MetricKind.Throughput => Formats.Rate(v),
        _ => Formats.Count((long)Math.Round(v)),
    };

    public static string Change(MetricChange change) =>
        change.Baseline is null ? "only in current" :
        change.Current is null ? "only in baseline" :
        change.ChangePercent is { } pct ? Percent(pct) : "new";

    public static string Percent(double pct)
    {
        if (double.IsPositiveInfinity(pct)) return "+∞%";
        if (double.IsNegativeInfinity(pct)) return "−∞%";
        // Rounded first, so a change too small to show reads 0.0%, never -0.0%.
        var rounded = Math.Round(pct, 1) + 0.0;
        return (rounded > 0 ? "+" : "") + (rounded == 0 ? 0.0 : rounded).ToString("0.0", Inv) + "%";
    }

    public static string CheckChange(BudgetCheck check) => check.Change is not { } change ? "–" : check.Budget.Unit switch
    {
        BudgetUnit.Percent => Percent(change),
        BudgetUnit.Points => (change > 0 ? "+" : "") + change.ToString("0.00", Inv) + "pt",
        _ => (change > 0 ? "+" : "") + change.ToString("0.##", Inv) + "ms",
    };

    public static string CheckValue(BudgetCheck check, double? value) =>
        Value(ComparedMetrics.Find(check.Budget.Metric)!.Kind, value);

    public static string ScopeName(string scope) => scope.Length == 0 ? "whole run" : scope;
}
