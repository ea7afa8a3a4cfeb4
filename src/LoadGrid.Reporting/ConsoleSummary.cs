using LoadGrid.Core.Metrics;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace LoadGrid.Reporting;

/// <summary>
/// The end-of-run summary in the console, in the spirit of k6's: verdict first, then totals, the latency line, and a
/// table per scenario, step, region and node, the thresholds with ✓/✗ and their measured values, and warnings.
/// Spectre falls back to plain text and ASCII borders when the console has no ANSI or Unicode.
/// </summary>
public static class ConsoleSummary
{
    public static void Render(IAnsiConsole console, RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(summary);
        var glyphs = Glyphs.For(console);

        console.WriteLine();
        console.Write(Header(summary, glyphs));
        console.Write(Totals(summary, glyphs));
        console.WriteLine();

        if (summary.Thresholds.Count > 0)
            Section(console, "Thresholds", ThresholdsTable(summary.Thresholds, glyphs));
        if (summary.Scenarios.Count > 0)
            Section(console, "Scenarios", GroupTable("scenario", summary.Scenarios, withIterations: true));
        if (summary.Steps.Count > 0)
            Section(console, "Steps", StepsTable(summary.Steps));
        if (summary.Regions.Count > 0)
            Section(console, "Regions", GroupTable("region", summary.Regions, withIterations: false));
        if (summary.Nodes.Count > 0)
            Section(console, "Nodes", NodesTable(summary.Nodes));
        if (summary.Warnings.Count > 0)
        {
            console.Write(new Rule("[yellow]Warnings[/]").LeftJustified());
            foreach (var warning in summary.Warnings)
                console.Write(new Markup($" [yellow]{glyphs.Warn}[/] {Markup.Escape(warning)}\n"));
            console.WriteLine();
        }
    }

    private static IRenderable Header(RunSummary summary, Glyphs glyphs)
    {
        var (color, mark) = summary.Status switch
        {
            RunStatus.Passed => ("green", glyphs.Pass),
            RunStatus.Failed => ("red", glyphs.Fail),
            _ => ("yellow", glyphs.Fail),
        };
        var verdict = $"[bold {color}]{mark} {Formats.Verdict(summary.Status)}[/]";
        var title = $"[bold]{Markup.Escape(summary.Name)}[/]  {verdict}";
        var subtitle = $"[grey]run {Markup.Escape(summary.RunId)} · started {SummaryJsonWriter.FormatTimestamp(summary.StartedAt)} · " +
                       $"{Formats.Duration(summary.DurationSeconds)}[/]";
        return new Rows(new Rule(title).LeftJustified(), new Markup(" " + subtitle + "\n"));
    }

    private static IRenderable Totals(RunSummary summary, Glyphs glyphs)
    {
        var t = summary.Totals;
        var grid = new Grid().AddColumn(new GridColumn().PadLeft(1).PadRight(2)).AddColumn();
        void Line(string label, string markup) => grid.AddRow(new Markup($"[grey]{label}[/]"), new Markup(markup));

        Line("requests", $"[bold]{Formats.Count(t.Requests)}[/]  {Formats.Rate(t.Rps)}/s");
        var failedColor = t.Failed > 0 ? "red" : "green";
        Line("failed", $"[{failedColor}]{Formats.Percent(t.ErrorRate)}[/]  {Formats.Count(t.Failed)} of {Formats.Count(t.Requests)}{ErrorKinds(t.Errors)}");
        Line("iterations", $"{Formats.Count(t.Iterations)}  " +
                           (t.DroppedIterations > 0 ? $"[yellow]dropped {Formats.Count(t.DroppedIterations)}[/]" : "dropped 0"));
        var checks = t.ChecksPassed + t.ChecksFailed;
        if (checks > 0)
        {
            var rate = (double)t.ChecksPassed / checks;
            Line("checks", $"[{(t.ChecksFailed > 0 ? "red" : "green")}]{Formats.Percent(rate)}[/]  " +
                           $"{glyphs.Pass} {Formats.Count(t.ChecksPassed)}  {glyphs.Fail} {Formats.Count(t.ChecksFailed)}");
        }
        Line("latency", LatencyLine(t.LatencyMs));
        if (t.Iterations > 0)
            Line("iteration", LatencyLine(t.IterationDurationMs));
        if (t.StatusCodes.Count > 0)
            Line("status", Markup.Escape(Formats.Tally(t.StatusCodes)));
        if (t.BytesSent > 0 || t.BytesReceived > 0)
            Line("data", $"sent {Bytes(t.BytesSent)}  received {Bytes(t.BytesReceived)}");
        if (t.VusMax > 0)
            Line("vus max", Formats.Count(t.VusMax));
        return grid;
    }

    private static string ErrorKinds(IReadOnlyDictionary<string, long> errors) =>
        errors.Count == 0 ? "" : "  [grey](" + Markup.Escape(Formats.Tally(new Dictionary<string, long>(), errors)) + ")[/]";

    private static string LatencyLine(LatencySummary l) =>
        $"min=[bold]{Formats.Ms(l.Min)}[/] avg=[bold]{Formats.Ms(l.Mean)}[/] p50=[bold]{Formats.Ms(l.P50)}[/] " +
        $"p90=[bold]{Formats.Ms(l.P90)}[/] p95=[bold]{Formats.Ms(l.P95)}[/] p99=[bold]{Formats.Ms(l.P99)}[/] max=[bold]{Formats.Ms(l.Max)}[/]";

    private static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{Formats.Number(bytes / 1024.0, "0.0")} kB",
        < 1024L * 1024 * 1024 => $"{Formats.Number(bytes / (1024.0 * 1024), "0.0")} MB",
        _ => $"{Formats.Number(bytes / (1024.0 * 1024 * 1024), "0.00")} GB",
    };

    private static void Section(IAnsiConsole console, string title, IRenderable body)
    {
        console.Write(new Rule($"[bold]{title}[/]").LeftJustified());
        console.Write(body);
        console.WriteLine();
    }

    private static Table NewTable(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded).BorderColor(Color.Grey);
        for (var i = 0; i < columns.Length; i++)
        {
            var column = new TableColumn(new Markup($"[bold]{columns[i]}[/]"));
            // Names stay whole on one line when they can; the status column wraps between codes instead.
            table.AddColumn(i == 0 ? column.NoWrap() : column.RightAligned());
        }
        return table;
    }

    private static Table ThresholdsTable(IReadOnlyList<ThresholdResult> thresholds, Glyphs glyphs)
    {
        var table = NewTable("", "metric", "expression", "actual");
        table.Columns[1].LeftAligned();
        table.Columns[2].LeftAligned();
        foreach (var t in thresholds)
        {
            var mark = t.Passed ? $"[green]{glyphs.Pass}[/]" : $"[red]{glyphs.Fail}[/]";
            var expression = Markup.Escape(t.Expression) + (t.AbortOnFail ? " [grey](abortOnFail)[/]" : "");
            table.AddRow(new Markup(mark), new Text(t.Metric), new Markup(expression),
                new Markup(t.Passed ? ThresholdActual(t) : $"[red]{ThresholdActual(t)}[/]"));
        }
        return table;
    }

    /// <summary>The measured value in the unit of its metric: % for rates, ms for durations, plain for counts.</summary>
    internal static string ThresholdActual(ThresholdResult t)
    {
        var metric = t.Metric.Split('{', 2)[0];
        if (metric is "http_req_failed" or "checks" || t.Expression.StartsWith("rate", StringComparison.Ordinal))
            return Formats.Percent(t.Actual);
        if (metric is "http_req_duration" or "iteration_duration" && !t.Expression.StartsWith("count", StringComparison.Ordinal))
            return Formats.Ms(t.Actual);
        return Formats.Number(t.Actual);
    }

    private static Table GroupTable(string title, IReadOnlyDictionary<string, GroupSummary> groups, bool withIterations)
    {
        var columns = new List<string> { title, "requests", "failed", "rps" };
        if (withIterations) columns.Add("iterations");
        columns.AddRange(["p50", "p90", "p95", "p99", "max"]);
        var table = NewTable([.. columns]);
        foreach (var (name, g) in groups)
        {
            var cells = new List<IRenderable> { new Text(name), Num(g.Requests), Failed(g.Failed, g.ErrorRate), new Text(Formats.Rate(g.Rps)) };
            if (withIterations) cells.Add(Num(g.Iterations));
            cells.AddRange(Latencies(g.LatencyMs));
            table.AddRow(cells);
        }
        return WithLatencyCaption(table);
    }

    private static Table StepsTable(IReadOnlyDictionary<string, StepSummary> steps)
    {
        var table = NewTable("step", "requests", "failed", "rps", "p50", "p90", "p95", "p99", "max", "status");
        table.Columns[^1].LeftAligned();
        foreach (var (name, s) in steps)
        {
            var cells = new List<IRenderable> { new Text(name), Num(s.Requests), Failed(s.Failed, s.ErrorRate), new Text(Formats.Rate(s.Rps)) };
            cells.AddRange(Latencies(s.LatencyMs));
            cells.Add(new Text(Formats.Tally(s.StatusCodes, s.Errors)));
            table.AddRow(cells);
        }
        return WithLatencyCaption(table);
    }

    private static Table NodesTable(IReadOnlyList<NodeSummary> nodes)
    {
        var table = NewTable("node", "region", "requests");
        table.Columns[1].LeftAligned();
        foreach (var n in nodes)
            table.AddRow(new Text(n.Address), new Text(n.Region), Num(n.Requests));
        return table;
    }

    // Without the unit in every cell (the caption names it) the step table fits 100 columns.
    private static IEnumerable<IRenderable> Latencies(LatencySummary l) =>
        [new Text(Formats.MsNumber(l.P50)), new Text(Formats.MsNumber(l.P90)), new Text(Formats.MsNumber(l.P95)),
         new Text(Formats.MsNumber(l.P99)), new Text(Formats.MsNumber(l.Max))];

    private static Table WithLatencyCaption(Table table) => table.Caption("[grey]latencies in milliseconds[/]");

    private static Text Num(long n) => new(Formats.Count(n));

    private static Markup Failed(long failed, double rate) =>
        failed == 0 ? new Markup("0") : new Markup($"[red]{Formats.Count(failed)} ({Formats.Percent(rate)})[/]");
}
