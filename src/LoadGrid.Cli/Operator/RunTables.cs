using System.Globalization;
using LoadGrid.Cluster.History;
using LoadGrid.Core.Metrics;
using LoadGrid.Reporting;
using Spectre.Console;

namespace LoadGrid.Cli.Operator;

/// <summary>How <c>run list</c> and <c>run status</c> print: plain aligned columns that scripts and narrow terminals read as they are.</summary>
public static class RunTables
{
    public static void PrintList(TextWriter output, IReadOnlyList<RunRecord> runs)
    {
        if (runs.Count == 0)
        {
            output.WriteLine("no runs yet");
            return;
        }
        Columns(output, ["RUN ID", "NAME", "STATUS", "SUBMITTED (UTC)", "DURATION", "REQUESTS", "ERRORS", "P95"], runs.Select(run => new[]
        {
            run.RunId, run.Name, run.Status,
            run.SubmittedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            run.DurationSeconds is { } d ? $"{d:0.0}s" : "-",
            run.Requests?.ToString(CultureInfo.InvariantCulture) ?? "-",
            run.ErrorRate is { } e ? $"{e * 100:0.00}%" : "-",
            run.P95Ms is { } p ? $"{p:0.0}ms" : "-",
        }));
    }

    public static void PrintDetails(TextWriter output, RunDetails details)
    {
        var run = details.Record;
        output.WriteLine($"run {run.RunId} · {run.Name} · {run.Status} · submitted {run.SubmittedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z by {run.SubmittedBy} · {details.ScenarioPath}");
        output.WriteLine($"workers: {string.Join(", ", details.WorkersPerRegion.Select(w => $"{w.Key} {w.Value}"))}");
        foreach (var shard in details.Shards) output.WriteLine($"  shard {shard.ShardId} on {(shard.Node.Length > 0 ? shard.Node : "?")}{(shard.Finished ? " (finished)" : "")}");
        foreach (var evt in details.Events) output.WriteLine($"  {evt}");
        if (details.ResultJson is not null) ConsoleSummary.Render(AnsiConsole.Console, RunResultJson.Deserialize(details.ResultJson).Summary);
    }

    public static void Columns(TextWriter output, string[] header, IEnumerable<string[]> body)
    {
        var rows = new List<string[]> { header };
        rows.AddRange(body);
        var widths = Enumerable.Range(0, header.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows) output.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
    }
}
