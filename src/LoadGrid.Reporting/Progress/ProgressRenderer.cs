using System.Text;
using LoadGrid.Core.Metrics;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace LoadGrid.Reporting;

/// <summary>What the live view draws for one progress snapshot: the run line with a bar, the key figures, one bar
/// per scenario and a small table per region.</summary>
internal static class ProgressRenderer
{
    private const int RunBarWidth = 40;
    private const int ScenarioBarWidth = 24;

    public static IRenderable Waiting() => new Markup("[grey]waiting for the run to start…[/]");

    public static IRenderable Render(RunProgress p, Glyphs glyphs)
    {
        var fraction = p.Planned > TimeSpan.Zero ? p.Elapsed / p.Planned : 0;
        var runLine = new Markup(
            $"[bold]{Markup.Escape(p.Name)}[/]  {Formats.Duration(p.Elapsed)} / {Formats.Duration(p.Planned)}  " +
            $"{Bar(fraction, RunBarWidth, glyphs)} {Formats.Number(Math.Clamp(fraction, 0, 1) * 100, "0")}%");

        var errorColor = p.Failed > 0 ? "red" : "green";
        var figures = new Markup(
            $"vus [bold]{p.Vus}[/]   rps [bold]{Formats.Rate(p.Rps)}[/]   p95 [bold]{Formats.Ms(p.P95Ms)}[/]   " +
            $"errors [{errorColor}]{Formats.Percent(p.ErrorRate)}[/]   requests [bold]{Formats.Count(p.Requests)}[/]   " +
            $"iterations [bold]{Formats.Count(p.Iterations)}[/]");

        var parts = new List<IRenderable> { runLine, figures };
        if (p.Scenarios.Count > 0) parts.Add(ScenarioTable(p.Scenarios, glyphs));
        if (p.Regions.Count > 0) parts.Add(RegionTable(p.Regions));
        return new Rows(parts);
    }

    private static Table ScenarioTable(IReadOnlyList<ScenarioProgress> scenarios, Glyphs glyphs)
    {
        var table = new Table().Border(TableBorder.Simple).BorderColor(Color.Grey)
            .AddColumn("scenario").AddColumn("progress").AddColumn(new TableColumn("%").RightAligned())
            .AddColumn("state").AddColumn(new TableColumn("VUs").RightAligned()).AddColumn(new TableColumn("iterations").RightAligned());
        foreach (var s in scenarios)
            table.AddRow(new Text(s.Name), new Markup(Bar(s.Fraction, ScenarioBarWidth, glyphs)),
                new Text(Formats.Number(Math.Clamp(s.Fraction, 0, 1) * 100, "0")), new Text(s.State),
                new Text(Formats.Count(s.Vus)), new Text(Formats.Count(s.Iterations)));
        return table;
    }

    private static Table RegionTable(IReadOnlyList<RegionProgress> regions)
    {
        var table = new Table().Border(TableBorder.Simple).BorderColor(Color.Grey)
            .AddColumn("region").AddColumn(new TableColumn("VUs").RightAligned()).AddColumn(new TableColumn("rps").RightAligned())
            .AddColumn(new TableColumn("p95").RightAligned()).AddColumn(new TableColumn("errors").RightAligned());
        foreach (var r in regions)
            table.AddRow(new Text(r.Name), new Text(Formats.Count(r.Vus)), new Text(Formats.Rate(r.Rps)),
                new Text(Formats.Ms(r.P95Ms)), new Markup(r.ErrorRate > 0 ? $"[red]{Formats.Percent(r.ErrorRate)}[/]" : Formats.Percent(r.ErrorRate)));
        return table;
    }

    /// <summary>A text bar as markup: filled cells green, the rest grey.</summary>
    internal static string Bar(double fraction, int width, Glyphs glyphs)
    {
        var filled = (int)Math.Round(Math.Clamp(double.IsFinite(fraction) ? fraction : 0, 0, 1) * width);
        return new StringBuilder()
            .Append("[green]").Append(glyphs.BarFull, filled).Append("[/]")
            .Append("[grey]").Append(glyphs.BarEmpty, width - filled).Append("[/]")
            .ToString();
    }
}
