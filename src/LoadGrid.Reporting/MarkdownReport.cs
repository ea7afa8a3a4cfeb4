using System.Text;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Reporting;

/// <summary>A run as Markdown (<c>loadgrid report RUN_ID --md PATH</c>): verdict, totals, thresholds, steps, regions —
/// for a pull-request comment or a wiki page.</summary>
public static class MarkdownReport
{
    public static string Render(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var md = new StringBuilder();
        var t = summary.Totals;
        md.Append("### ").Append(summary.Status == RunStatus.Passed ? "✅ " : "❌ ").Append(Md.Cell(summary.Name)).Append(" · ")
            .Append(Formats.Verdict(summary.Status)).Append("\n\n");
        md.Append("Run `").Append(Md.Code(summary.RunId)).Append("`, started ").Append(SummaryJsonWriter.FormatTimestamp(summary.StartedAt))
            .Append(", ").Append(Formats.Duration(summary.DurationSeconds)).Append(".\n\n");
        md.Append("| requests | rps | errors | p50 | p95 | p99 | max |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
            .Append("| ").Append(Formats.Count(t.Requests)).Append(" | ").Append(Formats.Rate(t.Rps)).Append(" | ").Append(Formats.Percent(t.ErrorRate))
            .Append(" | ").Append(Formats.Ms(t.LatencyMs.P50)).Append(" | ").Append(Formats.Ms(t.LatencyMs.P95)).Append(" | ")
            .Append(Formats.Ms(t.LatencyMs.P99)).Append(" | ").Append(Formats.Ms(t.LatencyMs.Max)).Append(" |\n\n");
        if (summary.Thresholds.Count > 0)
        {
            md.Append("| | threshold | actual |\n| --- | --- | ---: |\n");
            foreach (var th in summary.Thresholds)
                md.Append("| ").Append(th.Passed ? "✅" : "❌").Append(" | `").Append(Md.Code(th.Metric)).Append("` `").Append(Md.Code(th.Expression))
                    .Append("` | ").Append(ConsoleSummary.ThresholdActual(th)).Append(" |\n");
            md.Append('\n');
        }
        Groups(md, "step", summary.Steps.ToDictionary(s => s.Key, s => (s.Value.Requests, s.Value.ErrorRate, s.Value.Rps, s.Value.LatencyMs)));
        Groups(md, "region", summary.Regions.ToDictionary(s => s.Key, s => (s.Value.Requests, s.Value.ErrorRate, s.Value.Rps, s.Value.LatencyMs)));
        return md.ToString();
    }

    public static void Write(RunSummary summary, string path) => AtomicFile.WriteAllText(path, Render(summary));

    private static void Groups(StringBuilder md, string title,
        IReadOnlyDictionary<string, (long Requests, double ErrorRate, double Rps, LatencySummary Latency)> groups)
    {
        if (groups.Count == 0) return;
        md.Append("| ").Append(title).Append(" | requests | rps | errors | p95 | p99 |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (var (name, g) in groups)
            md.Append("| ").Append(Md.Cell(name)).Append(" | ").Append(Formats.Count(g.Requests)).Append(" | ").Append(Formats.Rate(g.Rps))
                .Append(" | ").Append(Formats.Percent(g.ErrorRate)).Append(" | ").Append(Formats.Ms(g.Latency.P95)).Append(" | ")
                .Append(Formats.Ms(g.Latency.P99)).Append(" |\n");
        md.Append('\n');
    }
}
