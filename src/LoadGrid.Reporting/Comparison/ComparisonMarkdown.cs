using System.Text;

namespace LoadGrid.Reporting.Comparison;

/// <summary>compare's <c>--md</c> output, meant as a pull-request comment: verdict, budgets, then the metrics.</summary>
public static class ComparisonMarkdown
{
    public static string Render(ComparisonResult result)
    {
        var md = new StringBuilder();
        var broken = result.Checks.Where(c => c.Broken).ToList();
        md.Append("### LoadGrid: ").Append(broken.Count == 0 ? "✅ within budget" : $"❌ {broken.Count} budget(s) broken").Append("\n\n");
        md.Append("Current `").Append(Md.Code(result.Current.RunId)).Append("` (").Append(Md.Cell(result.Current.Name)).Append(") against baseline `")
            .Append(Md.Code(result.Baseline.RunId)).Append("` (").Append(Md.Cell(result.Baseline.Name)).Append(").\n\n");
        md.Append("| budget | baseline | current | change | |\n| --- | ---: | ---: | ---: | --- |\n");
        foreach (var c in result.Checks)
            md.Append("| `").Append(Md.Code(c.Budget.Display)).Append("` | ").Append(ComparisonFormat.CheckValue(c, c.Baseline)).Append(" | ")
                .Append(ComparisonFormat.CheckValue(c, c.Current)).Append(" | ").Append(ComparisonFormat.CheckChange(c)).Append(" | ")
                .Append(c.Broken ? "❌ regression" : c.Change is null ? Md.Cell(c.Note) : "✅").Append(" |\n");
        md.Append("\n<details><summary>Every metric</summary>\n\n| slice | metric | baseline | current | change |\n| --- | --- | ---: | ---: | ---: |\n");
        foreach (var c in result.Changes)
            md.Append("| ").Append(Md.Cell(ComparisonFormat.ScopeName(c.Scope))).Append(" | ").Append(c.Metric).Append(" | ")
                .Append(ComparisonFormat.Value(c.Kind, c.Baseline)).Append(" | ").Append(ComparisonFormat.Value(c.Kind, c.Current)).Append(" | ")
                .Append(ComparisonFormat.Change(c)).Append(" |\n");
        md.Append("\n</details>\n");
        return md.ToString();
    }
}
