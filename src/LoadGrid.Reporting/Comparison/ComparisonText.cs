using System.Text;

namespace LoadGrid.Reporting.Comparison;

/// <summary>compare's console output: the budgets first (what decides the exit code), then every metric side by side.</summary>
public static class ComparisonText
{
    public static string Render(ComparisonResult result)
    {
        var text = new StringBuilder();
        text.AppendLine($"current  {result.Current.RunId} · {result.Current.Name} · {SummaryJsonWriter.StatusName(result.Current.Status)} · started {SummaryJsonWriter.FormatTimestamp(result.Current.StartedAt)}");
        text.AppendLine($"baseline {result.Baseline.RunId} · {result.Baseline.Name} · {SummaryJsonWriter.StatusName(result.Baseline.Status)} · started {SummaryJsonWriter.FormatTimestamp(result.Baseline.StartedAt)}");
        text.AppendLine();
        var rows = new List<string[]> { new[] { "budget", "baseline", "current", "change", "verdict" } };
        rows.AddRange(result.Checks.Select(c => new[]
        {
            c.Budget.Display, ComparisonFormat.CheckValue(c, c.Baseline), ComparisonFormat.CheckValue(c, c.Current),
            ComparisonFormat.CheckChange(c), c.Broken ? "REGRESSION" : c.Change is null ? c.Note : "ok",
        }));
        Table(text, rows);
        text.AppendLine();
        var metrics = new List<string[]> { new[] { "slice", "metric", "baseline", "current", "change" } };
        metrics.AddRange(result.Changes.Select(c => new[]
        {
            ComparisonFormat.ScopeName(c.Scope), c.Metric, ComparisonFormat.Value(c.Kind, c.Baseline), ComparisonFormat.Value(c.Kind, c.Current),
            ComparisonFormat.Change(c),
        }));
        Table(text, metrics);
        text.AppendLine();
        var broken = result.Checks.Where(c => c.Broken).ToList();
        text.AppendLine(broken.Count == 0
            ? $"within budget ({result.Checks.Count} budget(s) held)"
            : $"REGRESSION: {string.Join(", ", broken.Select(b => $"{b.Budget.Metric}{(b.Budget.Scope.Length == 0 ? "" : "{" + b.Budget.Scope + "}")} {ComparisonFormat.CheckChange(b)} (budget {Budget.FormatLimit(b.Budget.Limit, b.Budget.Unit)})"))}");
        return text.ToString();
    }

    private static void Table(StringBuilder text, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                // Names left, numbers right: the columns line up the way a reader scans them.
                var cell = i < 2 ? row[i].PadRight(widths[i]) : row[i].PadLeft(widths[i]);
                text.Append(cell).Append(i == row.Length - 1 ? "" : "  ");
            }
            text.Append('\n');
        }
    }
}
