namespace LoadGrid.Control.Palettes;

/// <summary>The palettes a coordinator node supports: pbm's <c>cluster</c> and <c>cluster-sharding</c>, plus LoadGrid's <c>run</c> and <c>node</c>.</summary>
public static class LoadGridPalettes
{
    private static readonly ArgumentDefinition RunId = new("id", "the run's id (see 'run list')", ArgumentKind.RunId, Required: true);
    private static readonly ArgumentDefinition Region = new("region", "only this region (default: every region, keeping their weights)", ArgumentKind.Region, Switches: ["--region", "-r"]);
    private static readonly ArgumentDefinition Address = new("address", "a member's address, e.g. akka.tcp://loadgrid@10.0.0.5:4054", ArgumentKind.NodeAddress, Required: true);

    public static readonly PaletteDefinition[] All =
    [
        new("cluster", "the Akka.NET cluster's members", [
            new("show", "members with status, reachability, roles and regions", []),
            new("leave", "make a member leave gracefully (its shards hand off)", [Address]),
            new("down", "mark a member down (use for a node that is gone for good)", [Address]),
            new("down-unreachable", "down every member that is unreachable now", []),
            new("join", "make this node join the cluster at a seed address", [Address]),
            new("tail", "membership events as they happen, until Ctrl+C", [], Streaming: true),
        ]),
        new("cluster-sharding", "the scenario shard regions", [
            new("regions", "every LoadGrid region's shard region: shards and entities", []),
            new("region-stats", "shards and entities per node of one region", [
                new("region", "the LoadGrid region", ArgumentKind.Region, Required: true, Switches: ["--region", "-r"])]),
        ]),
        new("run", "load-test runs", [
            new("start", "submit a scenario file (its feeders' rows travel with it); prints the run id", [
                new("file", "the scenario file", ArgumentKind.File, Required: true),
                new("env", "KEY=VALUE, read as ${env.KEY}", ArgumentKind.KeyValue, Switches: ["--env", "-e"], Repeatable: true)]),
            new("list", "every run in the history, newest first", []),
            new("status", "a run's plan, shards, events and summary", [RunId]),
            new("watch", "live rps / p95 / errors / VUs per region every second, until the run ends or Ctrl+C", [RunId], Streaming: true),
            new("stop", "stop gracefully: no new iterations, in-flight ones get gracefulStop", [RunId]),
            new("abort", "stop at once: in-flight requests are cancelled", [RunId]),
            new("pause", "no new iterations until resume (the run clock goes on)", [RunId, Region]),
            new("resume", "back to the load before the pause", [RunId, Region]),
            new("scale", "change the load live: by a factor, or to a number of VUs or a rate", [
                RunId,
                new("factor", "multiply the current load, e.g. 1.5 or 0.5", ArgumentKind.Number, Switches: ["--factor", "-f"]),
                new("vus", "VU scenarios: this many VUs in all", ArgumentKind.Integer, Switches: ["--vus"]),
                new("rate", "arrival-rate scenarios: this many iterations per second in all", ArgumentKind.Number, Switches: ["--rate"]),
                Region]),
        ]),
        new("node", "the worker nodes", [
            new("list", "every node: address, region, VUs and rps of running runs, CPU, memory", []),
        ]),
    ];
}
