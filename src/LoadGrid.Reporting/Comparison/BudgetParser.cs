using System.Globalization;
using System.Text.RegularExpressions;

namespace LoadGrid.Reporting.Comparison;

/// <summary>
/// Parses <c>--budget METRIC[{step:NAME}]=±N(%|pt|ms)</c>. An unsigned limit means the metric's worse direction
/// (up for latencies and errors, down for rps). Errors name the option's value and say what was expected.
/// </summary>
public static partial class BudgetParser
{
    private const string Expected = "expected METRIC=±N% (or pt for errorRate, ms for latencies), e.g. p95=+10%, errorRate=+0.5pt, rps=-10%, p95{step:login}=+20%";

    public static bool TryParse(string text, out Budget? budget, out string? error)
    {
        budget = null;
        error = null;
        var match = Syntax().Match(text.Trim());
        if (!match.Success)
        {
            error = $"--budget '{text}': {Expected}";
            return false;
        }
        var metric = ComparedMetrics.Find(match.Groups["metric"].Value);
        if (metric is null)
        {
            error = $"--budget '{text}': unknown metric '{match.Groups["metric"].Value}' (known: {string.Join(", ", ComparedMetrics.All.Select(m => m.Name))})";
            return false;
        }
        var scope = match.Groups["kind"].Success ? $"{match.Groups["kind"].Value}:{match.Groups["name"].Value}" : "";
        var unit = match.Groups["unit"].Value switch
        {
            "%" => BudgetUnit.Percent,
            "pt" => BudgetUnit.Points,
            _ => BudgetUnit.Milliseconds,
        };
        if (unit == BudgetUnit.Points && metric.Kind != MetricKind.Rate)
        {
            error = $"--budget '{text}': 'pt' (percentage points) applies to errorRate only; use % for {metric.Name}";
            return false;
        }
        if (unit == BudgetUnit.Milliseconds && metric.Kind != MetricKind.Latency)
        {
            error = $"--budget '{text}': 'ms' applies to latencies (mean, p50, p90, p95, p99, max) only; use % for {metric.Name}";
            return false;
        }
        var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        var sign = match.Groups["sign"].Value switch
        {
            "+" => 1,
            "-" or "−" => -1,
            _ => metric.HigherIsWorse ? 1 : -1,
        };
        budget = new Budget(metric.Name, scope, sign * value, unit);
        return true;
    }

    /// <summary>Parses every value; all errors, not just the first.</summary>
    public static bool TryParseAll(IEnumerable<string> texts, out IReadOnlyList<Budget> budgets, out IReadOnlyList<string> errors)
    {
        var parsed = new List<Budget>();
        var problems = new List<string>();
        foreach (var text in texts)
        {
            if (TryParse(text, out var budget, out var error)) parsed.Add(budget!);
            else problems.Add(error!);
        }
        budgets = parsed;
        errors = problems;
        return problems.Count == 0;
    }

    [GeneratedRegex(@"^(?<metric>[A-Za-z0-9]+)(\{(?<kind>step|scenario|region):(?<name>[^}]+)\})?\s*=\s*(?<sign>[+\-−])?(?<value>\d+(\.\d+)?)\s*(?<unit>%|pt|ms)$")]
    private static partial Regex Syntax();
}
