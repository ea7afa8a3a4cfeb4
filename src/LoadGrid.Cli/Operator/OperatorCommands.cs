using System.Globalization;
using System.Text.Json;
using LoadGrid.Cli.Commands;
using LoadGrid.Cli.Running;
using LoadGrid.Control;
using LoadGrid.Control.Palettes;
using LoadGrid.Core.Metrics;
using LoadGrid.Reporting;
using Spectre.Console;

namespace LoadGrid.Cli.Operator;

/// <summary>
/// Carries out one parsed palette command against a control endpoint and prints the answer: what <c>loadgrid ctl</c>
/// runs once and the shell runs per line. Returns the contract's exit code; a streaming command ends when
/// <c>cancellation</c> fires (the shell's Ctrl+C) with exit code 0.
/// </summary>
public sealed class OperatorCommands(ControlClient client, bool json, TextWriter output, TextWriter errors)
{
    public async Task<int> ExecuteAsync(ParsedCommand command, CancellationToken cancellation)
    {
        try
        {
            return await DispatchAsync(command, cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested && command.Command.Streaming)
        {
            return ExitCodes.Passed;
        }
    }

    private async Task<int> DispatchAsync(ParsedCommand c, CancellationToken ct)
    {
        switch (c.FullName)
        {
            case "cluster show":
                var members = await client.MembersAsync(ct);
                if (json) return Print(members);
                Columns(["ADDRESS", "STATUS", "REACHABLE", "ROLES", "REGIONS", ""], members.Select(m => new[]
                {
                    m.Address, m.Status, m.Reachable ? "yes" : "NO", string.Join(",", m.Roles), string.Join(",", m.Regions),
                    string.Join(" ", new[] { m.IsLeader ? "leader" : "", m.IsSelf ? "(this endpoint)" : "" }.Where(x => x.Length > 0)),
                }));
                return ExitCodes.Passed;
            case "cluster leave" or "cluster down" or "cluster join":
                return Say(await client.MemberActionAsync(c.Command.Name, c.Value("address")!, ct));
            case "cluster down-unreachable":
                return Say(await client.DownUnreachableAsync(ct));
            case "cluster tail":
                await foreach (var (_, data) in client.TailAsync(ct))
                {
                    if (json) output.WriteLine(data);
                    else if (JsonSerializer.Deserialize<MemberEventReply>(data, RunResultJson.Options) is { } e)
                        output.WriteLine($"{e.At.UtcDateTime:HH:mm:ss}  {e.Event,-18} {e.Address}  [{string.Join(",", e.Roles)}]");
                }
                return ExitCodes.Passed;
            case "cluster-sharding regions" or "cluster-sharding region-stats":
                return PrintShards(await client.ShardRegionsAsync(c.Value("region"), ct), perShard: c.Command.Name == "region-stats");
            case "node list":
                var nodes = await client.NodesAsync(ct);
                if (json) return Print(nodes);
                Columns(["ADDRESS", "STATUS", "REGIONS", "SHARDS", "VUS", "RPS", "CPU", "MEMORY"], nodes.Select(n => new[]
                {
                    n.Address, n.Status, string.Join(",", n.Regions) + (n.Coordinator ? (n.Regions.Length > 0 ? ",coordinator" : "coordinator") : ""),
                    n.Shards?.ToString(CultureInfo.InvariantCulture) ?? "-", n.ActiveVus?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    n.RequestsPerSecond?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    n.CpuPercent is { } cpu ? $"{cpu:0.0}%" : "-", n.WorkingSetBytes is { } bytes ? $"{bytes / 1048576.0:0} MiB" : n.Error ?? "-",
                }));
                return ExitCodes.Passed;
            case "run start":
                return await StartAsync(c, ct);
            case "run list":
                var runs = await client.ListAsync(ct);
                if (json) return Print(runs);
                RunTables.PrintList(output, runs);
                return ExitCodes.Passed;
            case "run status":
                var details = await client.GetAsync(c.Value("id")!, ct);
                if (details is null) return Fail($"no run '{c.Value("id")}' in the history of {client.Target} (see 'run list')");
                if (json) return Print(details);
                RunTables.PrintDetails(output, details);
                return ExitCodes.Passed;
            case "run watch":
                return await WatchAsync(c.Value("id")!, ct);
            case "run stop" or "run abort":
                var graceful = c.Command.Name == "stop";
                if (!await client.StopAsync(c.Value("id")!, graceful, $"loadgrid {c.FullName} by {LoadedScenario.SubmittedBy()}", ct))
                    return Fail($"run '{c.Value("id")}' is not running on {client.Target}");
                return Say($"run {c.Value("id")}: {(graceful ? "stopping gracefully" : "aborting")}");
            case "run pause" or "run resume" or "run scale":
                var body = new AdjustRunBody(c.Number("factor"), c.Integer("vus"), c.Number("rate"), c.Value("region"), LoadedScenario.SubmittedBy());
                var adjusted = await client.AdjustAsync(c.Value("id")!, c.Command.Name, body, ct);
                if (adjusted is null) return Fail($"run '{c.Value("id")}' is not running on {client.Target}");
                return json ? Print(adjusted) : Say($"run {adjusted.RunId}: {adjusted.Description}");
            default:
                return Fail($"'{c.FullName}' is not supported by this version of loadgrid (the node offers it: upgrade the client)");
        }
    }

    private async Task<int> StartAsync(ParsedCommand c, CancellationToken ct)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in c.All("env")) env[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
        var scenario = LoadedScenario.Load(c.Value("file")!, env, errors);
        if (scenario is null) return ExitCodes.BadInput;
        var accepted = await client.SubmitAsync(RemoteRunner.SubmitBody(scenario, env, null), ct);
        if (json) return Print(accepted);
        output.WriteLine($"run {accepted.RunId} started ({accepted.Name}; {string.Join(", ", accepted.WorkersPerRegion.Select(w => $"{w.Key} {w.Value} worker(s)"))})");
        output.WriteLine($"follow it with: run watch {accepted.RunId}");
        return ExitCodes.Passed;
    }

    /// <summary>A line a second per region (or the raw events with --json) until the run ends, then its summary.</summary>
    private async Task<int> WatchAsync(string runId, CancellationToken ct)
    {
        await foreach (var (name, data) in client.WatchAsync(runId, ct))
        {
            if (json) output.WriteLine(data);
            switch (name)
            {
                case WatchEvents.Progress when !json:
                    output.WriteLine(ProgressLine.FormatWithRegions(RunResultJson.DeserializeProgress(data)));
                    break;
                case WatchEvents.Finished:
                    var result = RunResultJson.Deserialize(data);
                    if (!json) ConsoleSummary.Render(AnsiConsole.Console, result.Summary);
                    return ExitCodeOf.Summary(result.Summary);
                case WatchEvents.Failed:
                    errors.WriteLine($"loadgrid: {JsonSerializer.Deserialize<ErrorReply>(data, RunResultJson.Options)?.Error}");
                    return ExitCodes.Failure;
            }
        }
        errors.WriteLine($"loadgrid: the event stream of run {runId} ended before the run did");
        return ExitCodes.Failure;
    }

    private int PrintShards(IReadOnlyList<ShardRegionReply> regions, bool perShard)
    {
        if (json) return Print(regions);
        foreach (var region in regions)
        {
            var shards = region.Nodes.Sum(n => n.EntitiesPerShard.Count);
            var entities = region.Nodes.Sum(n => n.EntitiesPerShard.Values.Sum());
            output.WriteLine($"{region.Region} ({region.TypeName}): {region.Nodes.Count} node(s), {shards} shard(s), {entities} entit{(entities == 1 ? "y" : "ies")}{(region.Error is null ? "" : " — " + region.Error)}");
            foreach (var node in region.Nodes)
            {
                output.WriteLine($"  {node.Address}: {node.EntitiesPerShard.Count} shard(s), {node.EntitiesPerShard.Values.Sum()} entities");
                if (perShard)
                    foreach (var (shard, count) in node.EntitiesPerShard) output.WriteLine($"    {shard}: {count}");
            }
        }
        return ExitCodes.Passed;
    }

    private int Print<T>(T value)
    {
        output.WriteLine(JsonSerializer.Serialize(value, new JsonSerializerOptions(RunResultJson.Options) { WriteIndented = true }));
        return ExitCodes.Passed;
    }

    private int Say(string message)
    {
        if (json) return Print(new ActionReply(message));
        output.WriteLine(message);
        return ExitCodes.Passed;
    }

    private int Fail(string message)
    {
        errors.WriteLine($"loadgrid: {message}");
        return ExitCodes.BadInput;
    }

    private void Columns(string[] header, IEnumerable<string[]> body) => RunTables.Columns(output, header, body);
}
