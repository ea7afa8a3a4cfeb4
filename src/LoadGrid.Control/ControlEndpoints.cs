using System.Text;
using System.Threading.Channels;
using Akka.Actor;
using LoadGrid.Cluster.Coordinator;
using LoadGrid.Cluster.Hosting;
using LoadGrid.Cluster.Protocol;
using LoadGrid.Core.Scenarios;
using LoadGrid.Core.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LoadGrid.Control;

/// <summary>The routes of the control API (docs/control-api.md), over a coordinator node.</summary>
public static class ControlEndpoints
{
    public static void Map(WebApplication app, LoadGridNode node)
    {
        var api = app.MapGroup("/api/v1");
        api.MapGet("/health", () => Results.Ok(Health(node)));
        ClusterEndpoints.Map(api, node);
        api.MapGet("/cluster/members", () => Results.Ok(Members(node)));
        api.MapPost("/runs", (SubmitRunBody body, CancellationToken ct) => SubmitAsync(node, body, ct));
        api.MapGet("/runs", (CancellationToken ct) => ListAsync(node, ct));
        api.MapGet("/runs/{runId}", (string runId, CancellationToken ct) => GetAsync(node, runId, ct));
        api.MapPost("/runs/{runId}/stop", (string runId, StopRunBody body, CancellationToken ct) => StopAsync(node, runId, body, ct));
        foreach (var action in new[] { "pause", "resume", "scale" })
            api.MapPost($"/runs/{{runId}}/{action}", (string runId, AdjustRunBody? body, CancellationToken ct) => AdjustAsync(node, runId, action, body ?? new AdjustRunBody(), ct));
        api.MapGet("/runs/{runId}/watch", (string runId, HttpContext context) => WatchAsync(node, runId, context));
    }

    private static HealthReply Health(LoadGridNode node)
    {
        var cluster = Akka.Cluster.Cluster.Get(node.System);
        return new HealthReply("ok", node.Address, cluster.SelfRoles.Order(StringComparer.Ordinal).ToArray(),
            cluster.State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up), LoadGridNode.WorkersPerRegion(cluster));
    }

    private static MembersReply Members(LoadGridNode node)
    {
        var cluster = Akka.Cluster.Cluster.Get(node.System);
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        return new MembersReply(state.Members
            .OrderBy(m => m.Address.ToString(), StringComparer.Ordinal)
            .Select(m => new MemberReply(
                m.Address.ToString(),
                m.Status.ToString(),
                !unreachable.Contains(m.Address),
                m.Roles.Order(StringComparer.Ordinal).ToArray(),
                m.Roles.Select(Cluster.Sharding.ShardRegionNames.RegionOfRole).OfType<string>().Order(StringComparer.Ordinal).ToArray(),
                Equals(state.Leader, m.Address),
                m.Address == cluster.SelfAddress))
            .ToArray());
    }

    private static async Task<IResult> SubmitAsync(LoadGridNode node, SubmitRunBody body, CancellationToken ct)
    {
        var feeders = new List<FeederPayload>();
        foreach (var f in body.Feeders ?? [])
        {
            if (!Enum.TryParse<FeederPick>(f.Pick, ignoreCase: true, out var pick))
                return Results.BadRequest(new ErrorReply($"feeder '{f.Name}': unknown pick '{f.Pick}' (unique | sequential | random)", []));
            feeders.Add(new FeederPayload(f.Name, f.Columns, f.Rows, (int)pick));
        }
        var submit = new SubmitRun(RunIdFactory.New(), body.ScenarioPath ?? "scenario.yaml", body.ScenarioText ?? "",
            body.Env ?? [], feeders.ToArray(), string.IsNullOrWhiteSpace(body.BaseUrl) ? null : body.BaseUrl, body.SubmittedBy ?? "control-api");
        IWireMessage reply;
        try
        {
            reply = await node.SubmitAsync(submit, ct);
        }
        catch (AskTimeoutException)
        {
            return Results.Json(new ErrorReply("the run manager did not answer within 30 s (is the cluster up?)", []), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        return reply switch
        {
            RunAccepted accepted => Results.Created($"/api/v1/runs/{accepted.RunId}", new SubmitRunReply(accepted.RunId, accepted.Name, accepted.WorkersPerRegion)),
            RunRejected { BadInput: true } rejected => Results.BadRequest(new ErrorReply(rejected.Reason, rejected.Errors)),
            RunRejected rejected => Results.Conflict(new ErrorReply(rejected.Reason, rejected.Errors)),
            _ => Results.Problem($"unexpected reply {reply.GetType().Name}"),
        };
    }

    private static async Task<IResult> ListAsync(LoadGridNode node, CancellationToken ct)
    {
        var active = await node.ActiveRunsAsync(ct);
        return Results.Ok(new RunListReply(await node.History!.ListAsync(active, ct)));
    }

    private static async Task<IResult> GetAsync(LoadGridNode node, string runId, CancellationToken ct)
    {
        var active = await node.ActiveRunIdsAsync(ct);
        var details = await node.History!.GetAsync(runId, active.Contains(runId), ct);
        return details is null ? Results.NotFound(new ErrorReply($"no run '{runId}' in this cluster's history", [])) : Results.Ok(details);
    }

    private static async Task<IResult> StopAsync(LoadGridNode node, string runId, StopRunBody body, CancellationToken ct)
    {
        var found = await node.StopRunAsync(runId, body.Graceful, body.Reason ?? "stopped through the control API", ct);
        return found ? Results.Accepted() : Results.NotFound(new ErrorReply($"run '{runId}' is not running", []));
    }

    private static async Task<IResult> AdjustAsync(LoadGridNode node, string runId, string action, AdjustRunBody body, CancellationToken ct)
    {
        RunAdjustReply reply;
        try
        {
            reply = await node.AdjustRunAsync(new AdjustRunRequest(runId, action, body.Factor, body.Vus, body.Rate, body.Region, body.By ?? "control-api"), ct);
        }
        catch (AskTimeoutException)
        {
            return Results.Json(new ErrorReply("the run manager did not answer within 30 s (is the cluster up?)", []), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        if (!reply.Found) return Results.NotFound(new ErrorReply($"run '{runId}' is not running", []));
        if (reply.Error is not null) return Results.BadRequest(new ErrorReply(reply.Error, []));
        return Results.Ok(new AdjustRunReply(runId, reply.Description ?? action));
    }

    /// <summary>Server-sent events: progress about once a second, then finished (or failed), then the stream ends.</summary>
    private static async Task WatchAsync(LoadGridNode node, string runId, HttpContext context)
    {
        var ct = context.RequestAborted;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var channel = Channel.CreateBounded<IWireMessage>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
        var watcher = node.System.ActorOf(WatchRelayActor.CreateProps(runId, node.RunManagerRef, channel.Writer));
        try
        {
            await context.Response.Body.FlushAsync(ct);
            while (true)
            {
                var message = await NextOrKeepAliveAsync(context, channel.Reader, ct);
                switch (message)
                {
                    case RunProgressed progressed:
                        await SendAsync(context, WatchEvents.Progress, progressed.ProgressJson, ct);
                        break;
                    case RunEnded { ResultJson: not null } ended:
                        await SendAsync(context, WatchEvents.Finished, ended.ResultJson, ct);
                        return;
                    case RunEnded ended:
                        await SendAsync(context, WatchEvents.Failed, Error(ended.Error ?? "the run ended without a result"), ct);
                        return;
                    case RunNotActive:
                        // Not running now: answer from the history (a finished run's result, or why there is none).
                        var details = await node.History!.GetAsync(runId, active: false, ct);
                        if (details?.ResultJson is not null) await SendAsync(context, WatchEvents.Finished, details.ResultJson, ct);
                        else if (details is null) await SendAsync(context, WatchEvents.Failed, Error($"no run '{runId}' in this cluster"), ct);
                        else await SendAsync(context, WatchEvents.Failed, Error($"run '{runId}' is {details.Record.Status} and has no result", details.Record.Status == "interrupted" ? "interrupted" : null), ct);
                        return;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the client went away
        }
        finally
        {
            node.System.Stop(watcher);
        }
    }

    /// <summary>How often a quiet stream carries a comment line, so a client can tell a live node from a dead one.</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(5);

    /// <summary>The next message; while none comes, an SSE comment every <see cref="KeepAliveInterval"/>.</summary>
    private static async Task<IWireMessage> NextOrKeepAliveAsync(HttpContext context, ChannelReader<IWireMessage> reader, CancellationToken ct)
    {
        while (true)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(KeepAliveInterval);
            try
            {
                // a cancelled ReadAsync takes nothing from the channel
                return await reader.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(": keep-alive\n\n"u8.ToArray(), ct);
                await context.Response.Body.FlushAsync(ct);
            }
        }
    }

    private static string Error(string message, string? code = null) => System.Text.Json.JsonSerializer.Serialize(new ErrorReply(message, [], code), RunResultJson.Options);

    private static async Task SendAsync(HttpContext context, string eventName, string data, CancellationToken ct)
    {
        // data is single-line JSON, so one data: line carries it
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes($"event: {eventName}\ndata: {data}\n\n"), ct);
        await context.Response.Body.FlushAsync(ct);
    }
}
