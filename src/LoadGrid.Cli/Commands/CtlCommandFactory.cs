using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LoadGrid.Cluster.History;
using LoadGrid.Control;
using LoadGrid.Core.Metrics;
using LoadGrid.Reporting;
using Spectre.Console;

namespace LoadGrid.Cli.Commands;

/// <summary>
/// <c>loadgrid ctl [HOST:PORT] COMMAND…</c>: one operator command against a coordinator's control endpoint, for
/// scripts (<c>--json</c> prints machine-readable output). The run palette: list, status ID, stop ID, abort ID.
/// </summary>
public static class CtlCommandFactory
{
    public const string DefaultTarget = "127.0.0.1:9110";

    public static Command Create()
    {
        var words = new Argument<string[]>("command") { Description = "[HOST:PORT] cluster show | run list | run status ID | run watch ID | run stop ID | run abort ID", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var token = new Option<string?>("--token") { Description = "The endpoint's token (default: LOADGRID_TOKEN)." };
        var command = new Command("ctl", $"Send one command to a cluster's control endpoint (default {DefaultTarget}).");
        command.Arguments.Add(words);
        command.Options.Add(json);
        command.Options.Add(token);
        command.SetAction(async (parse, cancellation) =>
        {
            var args = parse.GetValue(words) ?? [];
            var target = args.Length > 0 && LooksLikeAddress(args[0]) ? args[0] : DefaultTarget;
            var rest = args.SkipWhile(a => a == target && LooksLikeAddress(a)).ToArray();
            ControlClient client;
            try
            {
                client = new ControlClient(target, parse.GetValue(token));
            }
            catch (ArgumentException e)
            {
                return Usage.Fail(e.Message);
            }
            using (client)
            {
                try
                {
                    return await ExecuteAsync(client, rest, parse.GetValue(json), cancellation);
                }
                catch (ControlUnreachableException e)
                {
                    return Usage.Fail(e.Message);
                }
                catch (ControlException e)
                {
                    Console.Error.WriteLine($"loadgrid: {e.Message}");
                    return e.Status == System.Net.HttpStatusCode.Unauthorized ? ExitCodes.BadInput : ExitCodes.Failure;
                }
            }
        });
        return command;
    }

    private static bool LooksLikeAddress(string word) => word.Contains(':', StringComparison.Ordinal) || word.StartsWith("http", StringComparison.Ordinal);

    private static async Task<int> ExecuteAsync(ControlClient client, string[] words, bool json, CancellationToken ct)
    {
        switch (words)
        {
            case ["cluster", "show"]:
                var members = await client.MembersAsync(ct);
                if (json) Print(members);
                else PrintColumns(["ADDRESS", "STATUS", "REACHABLE", "ROLES", "REGIONS", ""], members.Select(m => new[]
                {
                    m.Address, m.Status, m.Reachable ? "yes" : "NO", string.Join(",", m.Roles), string.Join(",", m.Regions),
                    string.Join(" ", new[] { m.IsLeader ? "leader" : "", m.IsSelf ? "(this endpoint)" : "" }.Where(x => x.Length > 0)),
                }));
                return ExitCodes.Passed;
            case ["run", "watch", var runId]:
                return await WatchAsync(client, runId, json, ct);
            case ["run", "list"]:
                var runs = await client.ListAsync(ct);
                if (json) Print(runs);
                else PrintList(runs);
                return ExitCodes.Passed;
            case ["run", "status", var runId]:
                var details = await client.GetAsync(runId, ct);
                if (details is null) return Usage.Fail($"no run '{runId}' in the history of {client.Target} (see 'loadgrid ctl {client.Target} run list')");
                if (json) Print(details);
                else PrintDetails(details);
                return ExitCodes.Passed;
            case ["run", "stop" or "abort", var runId]:
                var graceful = words[1] == "stop";
                if (!await client.StopAsync(runId, graceful, $"loadgrid ctl run {words[1]} by {Environment.UserName}", ct))
                    return Usage.Fail($"run '{runId}' is not running on {client.Target}");
                Console.WriteLine($"run {runId}: {(graceful ? "stopping gracefully" : "aborting")}");
                return ExitCodes.Passed;
            default:
                return Usage.Fail($"unknown command '{string.Join(' ', words)}': expected cluster show | run list | run status ID | run watch ID | run stop ID | run abort ID");
        }
    }

    private static void Print<T>(T value) => Console.WriteLine(JsonSerializer.Serialize(value, new JsonSerializerOptions(RunResultJson.Options) { WriteIndented = true }));

    private static void PrintList(IReadOnlyList<RunRecord> runs)
    {
        if (runs.Count == 0)
        {
            Console.WriteLine("no runs yet");
            return;
        }
        PrintColumns(["RUN ID", "NAME", "STATUS", "SUBMITTED (UTC)", "DURATION", "REQUESTS", "ERRORS", "P95"], runs.Select(run => new[]
        {
            run.RunId, run.Name, run.Status,
            run.SubmittedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            run.DurationSeconds is { } d ? $"{d:0.0}s" : "-",
            run.Requests?.ToString(CultureInfo.InvariantCulture) ?? "-",
            run.ErrorRate is { } e ? $"{e * 100:0.00}%" : "-",
            run.P95Ms is { } p ? $"{p:0.0}ms" : "-",
        }));
    }

    /// <summary>Plain aligned columns: scripts and narrow terminals read them as they are (no wrapping table).</summary>
    private static void PrintColumns(string[] header, IEnumerable<string[]> body)
    {
        var rows = new List<string[]> { header };
        rows.AddRange(body);
        var widths = Enumerable.Range(0, header.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows) Console.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
    }

    /// <summary>Follows a run: a line a second (or the raw events with --json) until it ends, then its summary.</summary>
    private static async Task<int> WatchAsync(ControlClient client, string runId, bool json, CancellationToken ct)
    {
        using var view = ProgressViews.Create(AnsiConsole.Console, live: false);
        await foreach (var (name, data) in client.WatchAsync(runId, ct))
        {
            if (json) Console.WriteLine(data);
            switch (name)
            {
                case WatchEvents.Progress when !json:
                    view.Update(RunResultJson.DeserializeProgress(data));
                    break;
                case WatchEvents.Finished:
                    var result = RunResultJson.Deserialize(data);
                    if (!json)
                    {
                        view.Complete();
                        ConsoleSummary.Render(AnsiConsole.Console, result.Summary);
                    }
                    return Running.ExitCodeOf.Summary(result.Summary);
                case WatchEvents.Failed:
                    Console.Error.WriteLine($"loadgrid: {JsonSerializer.Deserialize<ErrorReply>(data, RunResultJson.Options)?.Error}");
                    return ExitCodes.Failure;
            }
        }
        Console.Error.WriteLine($"loadgrid: the event stream of run {runId} ended before the run did");
        return ExitCodes.Failure;
    }

    private static void PrintDetails(RunDetails details)
    {
        var run = details.Record;
        Console.WriteLine($"run {run.RunId} · {run.Name} · {run.Status} · submitted {run.SubmittedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z by {run.SubmittedBy} · {details.ScenarioPath}");
        Console.WriteLine($"workers: {string.Join(", ", details.WorkersPerRegion.Select(w => $"{w.Key} {w.Value}"))}");
        foreach (var shard in details.Shards) Console.WriteLine($"  shard {shard.ShardId} on {(shard.Node.Length > 0 ? shard.Node : "?")}{(shard.Finished ? " (finished)" : "")}");
        foreach (var evt in details.Events) Console.WriteLine($"  {evt}");
        if (details.ResultJson is not null) ConsoleSummary.Render(AnsiConsole.Console, RunResultJson.Deserialize(details.ResultJson).Summary);
    }
}
