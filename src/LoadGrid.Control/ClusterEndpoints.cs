using System.Collections.Immutable;
using System.Text;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using LoadGrid.Cluster.Hosting;
using LoadGrid.Cluster.Protocol;
using LoadGrid.Cluster.Sharding;
using LoadGrid.Control.Palettes;
using LoadGrid.Core.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoadGrid.Control;

/// <summary>The routes behind the <c>cluster</c>, <c>cluster-sharding</c> and <c>node</c> palettes, and the palettes themselves.</summary>
public static class ClusterEndpoints
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(3);

    public static void Map(RouteGroupBuilder group, LoadGridNode node)
    {
        group.MapGet("/palettes", () => Results.Ok(new PalettesReply(LoadGridPalettes.All)));
        group.MapPost("/cluster/leave", (MemberActionBody body) => OnMember(node, body, "leave"));
        group.MapPost("/cluster/down", (MemberActionBody body) => OnMember(node, body, "down"));
        group.MapPost("/cluster/join", (MemberActionBody body) => Join(node, body));
        group.MapPost("/cluster/down-unreachable", () => DownUnreachable(node));
        group.MapGet("/cluster/tail", (HttpContext context) => TailAsync(node, context));
        group.MapGet("/sharding/regions", (CancellationToken ct) => ShardRegionsAsync(node, null, ct));
        group.MapGet("/sharding/regions/{region}", (string region, CancellationToken ct) => ShardRegionsAsync(node, region, ct));
        group.MapGet("/nodes", (CancellationToken ct) => NodesAsync(node, ct));
    }

    private static IResult OnMember(LoadGridNode node, MemberActionBody body, string action)
    {
        var cluster = Akka.Cluster.Cluster.Get(node.System);
        if (!TryAddress(body.Address, out var address)) return BadAddress(body.Address);
        var member = cluster.State.Members.FirstOrDefault(m => m.Address == address);
        if (member is null)
            return Results.NotFound(new ErrorReply($"no member {body.Address} in the cluster (see 'cluster show')", []));
        if (action == "leave") cluster.Leave(address);
        else cluster.Down(address);
        return Results.Ok(new ActionReply($"{address}: {(action == "leave" ? "asked to leave (its shards hand off)" : "marked down")}"));
    }

    private static IResult Join(LoadGridNode node, MemberActionBody body)
    {
        if (!TryAddress(body.Address, out var address)) return BadAddress(body.Address);
        Akka.Cluster.Cluster.Get(node.System).Join(address);
        return Results.Ok(new ActionReply($"{node.Address}: joining {address}"));
    }

    private static IResult DownUnreachable(LoadGridNode node)
    {
        var cluster = Akka.Cluster.Cluster.Get(node.System);
        var unreachable = cluster.State.Unreachable.Select(m => m.Address).ToArray();
        foreach (var address in unreachable) cluster.Down(address);
        return Results.Ok(new ActionReply(unreachable.Length == 0 ? "no member is unreachable" : $"marked down: {string.Join(", ", unreachable)}"));
    }

    private static bool TryAddress(string? text, out Address address)
    {
        address = null!;
        if (string.IsNullOrWhiteSpace(text)) return false;
        try
        {
            address = Address.Parse(text.Contains("://", StringComparison.Ordinal) ? text : $"akka.tcp://loadgrid@{text}");
            return address.Host is not null && address.Port is not null;
        }
        catch (UriFormatException)
        {
            return false;
        }
    }

    private static IResult BadAddress(string? text) =>
        Results.BadRequest(new ErrorReply($"'{text}' is not a member address: expected akka.tcp://loadgrid@HOST:PORT or HOST:PORT", []));

    /// <summary>Server-sent "member" events: the current members first, then every change, until the client goes.</summary>
    private static async Task TailAsync(LoadGridNode node, HttpContext context)
    {
        var ct = context.RequestAborted;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var channel = Channel.CreateBounded<MemberEventReply>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        var tail = node.System.ActorOf(MemberTailActor.CreateProps(channel.Writer));
        try
        {
            await context.Response.Body.FlushAsync(ct);
            while (!ct.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(ControlEndpoints.KeepAliveInterval);
                string text;
                try
                {
                    var evt = await channel.Reader.ReadAsync(wait.Token);
                    text = $"event: member\ndata: {System.Text.Json.JsonSerializer.Serialize(evt, RunResultJson.Options)}\n\n";
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    text = ": keep-alive\n\n";
                }
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
                await context.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the client went away
        }
        finally
        {
            node.System.Stop(tail);
        }
    }

    private static async Task<IResult> ShardRegionsAsync(LoadGridNode node, string? only, CancellationToken ct)
    {
        var regions = LoadGridNode.WorkersPerRegion(Akka.Cluster.Cluster.Get(node.System)).Keys.Order(StringComparer.Ordinal).ToList();
        if (only is not null)
        {
            if (!regions.Contains(only))
                return Results.NotFound(new ErrorReply($"no region '{only}' has workers in this cluster (regions: {string.Join(", ", regions)})", []));
            regions = [only];
        }
        var replies = await Task.WhenAll(regions.Select(async region =>
        {
            try
            {
                var stats = await node.Regions.For(region).Ask<ClusterShardingStats>(new GetClusterShardingStats(AskTimeout), AskTimeout + TimeSpan.FromSeconds(1), ct);
                return new ShardRegionReply(region, ShardRegionNames.TypeName(region), stats.Regions
                    .OrderBy(r => r.Key.ToString(), StringComparer.Ordinal)
                    .Select(r => new ShardRegionNodeReply(r.Key.ToString(), r.Value.Stats.ToImmutableSortedDictionary(StringComparer.Ordinal)))
                    .ToArray());
            }
            catch (AskTimeoutException)
            {
                return new ShardRegionReply(region, ShardRegionNames.TypeName(region), [], $"the shard region did not answer within {AskTimeout.TotalSeconds:0} s");
            }
        }));
        return Results.Ok(new ShardRegionsReply(replies));
    }

    private static async Task<IResult> NodesAsync(LoadGridNode node, CancellationToken ct)
    {
        var cluster = Akka.Cluster.Cluster.Get(node.System);
        var state = cluster.State;
        var nodes = await Task.WhenAll(state.Members.OrderBy(m => m.Address.ToString(), StringComparer.Ordinal).Select(async member =>
        {
            var regions = member.Roles.Select(ShardRegionNames.RegionOfRole).OfType<string>().Order(StringComparer.Ordinal).ToArray();
            var status = state.Unreachable.Contains(member) ? "Unreachable" : member.Status.ToString();
            var coordinator = member.Roles.Contains(ShardRegionNames.CoordinatorRole);
            try
            {
                var stats = await node.System.ActorSelection(new RootActorPath(member.Address) / "user" / NodeStatsActor.Name)
                    .Ask<NodeStatsReply>(NodeStatsRequest.Instance, AskTimeout, ct);
                return new NodeReply(member.Address.ToString(), status, regions, coordinator, stats.CpuPercent, stats.WorkingSetBytes, stats.Shards, stats.ActiveVus, stats.RequestsPerSecond);
            }
            catch (AskTimeoutException)
            {
                return new NodeReply(member.Address.ToString(), status, regions, coordinator, null, null, null, null, null, $"no answer within {AskTimeout.TotalSeconds:0} s");
            }
        }));
        return Results.Ok(new NodesReply(nodes));
    }
}

/// <summary>Hands every membership and reachability change to one <c>cluster tail</c> stream.</summary>
public sealed class MemberTailActor : ReceiveActor
{
    public MemberTailActor(ChannelWriter<MemberEventReply> channel)
    {
        Receive<ClusterEvent.CurrentClusterState>(state =>
        {
            foreach (var m in state.Members) channel.TryWrite(Reply("Member" + m.Status, m));
            foreach (var m in state.Unreachable) channel.TryWrite(Reply("Unreachable", m));
        });
        Receive<ClusterEvent.IMemberEvent>(e => channel.TryWrite(Reply(e.GetType().Name, e.Member)));
        Receive<ClusterEvent.UnreachableMember>(e => channel.TryWrite(Reply("Unreachable", e.Member)));
        Receive<ClusterEvent.ReachableMember>(e => channel.TryWrite(Reply("Reachable", e.Member)));
    }

    public static Props CreateProps(ChannelWriter<MemberEventReply> channel) => Props.Create(() => new MemberTailActor(channel));

    protected override void PreStart() => Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot,
        typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);

    private static MemberEventReply Reply(string name, Member member) =>
        new(DateTimeOffset.UtcNow, name, member.Address.ToString(), member.Roles.Order(StringComparer.Ordinal).ToArray());
}
