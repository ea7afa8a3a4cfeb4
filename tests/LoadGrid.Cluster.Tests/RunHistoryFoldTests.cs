using LoadGrid.Cluster.History;
using LoadGrid.Cluster.Protocol;

namespace LoadGrid.Cluster.Tests;

public sealed class RunHistoryFoldTests
{
    private static RunSubmittedEvent Submitted(string id, long at) => new(id, $"name-{id}", at, "/f.yaml", "name: x", [], null, "ada");

    private static ActiveRunEntry Active(string id, long at) => new(id, $"name-{id}", at, "ada");

    [Fact]
    public void A_run_in_progress_is_listed_before_the_journal_shows_its_submission()
    {
        var events = new IRunEvent[] { Submitted("a", 1000) };

        var list = RunHistoryFold.List(events, [Active("b", 3000)]);

        Assert.Equal(["b", "a"], list.Select(r => r.RunId));
        Assert.Equal(("running", "name-b", "ada"), (list[0].Status, list[0].Name, list[0].SubmittedBy));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(3000), list[0].SubmittedAt);
    }

    [Fact]
    public void The_list_is_newest_first_with_the_status_each_run_ended_with_or_is_in()
    {
        var events = new IRunEvent[]
        {
            Submitted("a", 1000), new RunEndedEvent("a", "passed", 2000, 10, 500, 0.01, 12.5),
            Submitted("b", 3000),
            Submitted("c", 5000),
        };
        var list = RunHistoryFold.List(events, [Active("c", 5000)]);

        Assert.Equal(["c", "b", "a"], list.Select(r => r.RunId));
        Assert.Equal(["running", "interrupted", "passed"], list.Select(r => r.Status));
        Assert.Equal(500, list[2].Requests);
        Assert.Equal(12.5, list[2].P95Ms);
        Assert.Null(list[1].DurationSeconds);
    }

    [Fact]
    public void Details_follow_the_shards_to_their_nodes_and_keep_the_result()
    {
        var events = new IRunEvent[]
        {
            Submitted("a", 1000),
            new RunStartedEvent("a", 2000, ["a.s.eu.0", "a.s.us.0"], new Dictionary<string, int> { ["eu"] = 1, ["us"] = 1 }),
            new ShardStartedEvent("a", "a.s.eu.0", "node-1"),
            new ShardStartedEvent("a", "a.s.us.0", "node-2"),
            new RunStopRequestedEvent("a", true, "Ctrl+C in the client", 3000),
            new ShardFinishedEvent("a", "a.s.eu.0", "node-1"),
            new RunEndedEvent("a", "aborted", 2000, 1.5, 10, 0, 1),
            new RunResultEvent("a", "{\"summary\":{}}"),
        };
        var details = RunHistoryFold.Details(events, active: false)!;

        Assert.Equal("aborted", details.Record.Status);
        Assert.Equal([("a.s.eu.0", "node-1", true), ("a.s.us.0", "node-2", false)], details.Shards.Select(s => (s.ShardId, s.Node, s.Finished)));
        Assert.Contains(details.Events, e => e.Contains("stop requested: Ctrl+C in the client"));
        Assert.Equal("{\"summary\":{}}", details.ResultJson);
        Assert.Null(RunHistoryFold.Details([], active: false));
    }
}
