using LoadGrid.Cluster.Coordinator;
using LoadGrid.Cluster.Failover;
using LoadGrid.Cluster.Protocol;

namespace LoadGrid.Cluster.Tests.Failover;

public sealed class RunResumptionTests
{
    private const string Scenario = """
        name: resumed
        baseUrl: http://127.0.0.1:9
        regions: { us: 3, eu: 1 }
        scenarios:
          s:
            executor: constant-arrival-rate
            rate: 10
            duration: 30s
            preAllocatedVUs: 2
            maxVUs: 4
            flow:
              - get: /
        """;

    private static readonly Dictionary<string, int> Workers = new() { ["us"] = 2, ["eu"] = 1 };

    private static List<IRunEvent> Started(string scenario = Scenario)
    {
        var submitted = new RunSubmittedEvent("r", "resumed", 1_000, "/f.yaml", scenario, [], null, "ada", []);
        var file = LoadGrid.Core.Scenarios.ScenarioLoader.Parse(scenario, "/f.yaml", new Dictionary<string, string>(), checkFiles: false).Scenario!;
        var shards = RunPlanner.Plan("r", file, Workers).Select(s => s.ShardId).ToArray();
        return [submitted, new RunStartedEvent("r", 2_000, shards, Workers)];
    }

    [Fact]
    public void A_started_run_is_rebuilt_with_its_plan_clock_shards_moves_stop_and_live_changes()
    {
        var events = Started();
        var shards = ((RunStartedEvent)events[1]).ShardIds;
        events.Add(new ShardStartedEvent("r", shards[0], "node-a"));
        events.Add(new ShardStartedEvent("r", shards[1], "node-b"));
        events.Add(new ShardFinishedEvent("r", shards[1], "node-b"));
        events.Add(new ShardMovedEvent("r", shards[0], "node-a", shards[0] + "r1.1", 5_000));
        events.Add(new RunAdjustedEvent("r", "us", 6_000, 1.5, "scaled ×1.5", "ada", 8_000, "s"));
        events.Add(new RunStopRequestedEvent("r", true, "ctl", 9_000));
        events.Add(new RunStopRequestedEvent("r", false, "ctl again", 9_500));

        var resumed = ResumedRun.From(events);

        Assert.NotNull(resumed);
        Assert.Equal(2_000, resumed.RunStartUnixMs);
        Assert.Equal(shards, resumed.Setup.Shards.Select(s => s.ShardId));
        Assert.Equal("node-a", resumed.StartedOn[shards[0]]);
        Assert.Contains(shards[1], resumed.Finished);
        Assert.Single(resumed.Moves);
        Assert.True(resumed.StopRequested!.Graceful, "the first stop request is the one that counts");
        Assert.Equal(1.5, Assert.Single(resumed.Adjustments!).Factor);
        // planned 30 s, the default gracefulStop of 30 s, then the slack given
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(2_000 + 30_000 + 30_000 + 30_000), resumed.Deadline(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void A_taken_over_run_keeps_the_marks_of_what_happened_before_the_take_over()
    {
        var events = Started();
        var shards = ((RunStartedEvent)events[1]).ShardIds;
        events.Add(new ShardStartedEvent("r", shards[0] + "r1.1", "node-c"));
        events.Add(new ShardMovedEvent("r", shards[0], "node-a", shards[0] + "r1.1", 5_000));
        events.Add(new ShardMovedEvent("r", shards[2], "node-e", "", 5_500));
        // One live change of a scenario in two regions is persisted per region, and is one mark.
        events.Add(new RunAdjustedEvent("r", "us", 6_000, 1.5, "scaled ×1.5", "ada", 8_000, "s"));
        events.Add(new RunAdjustedEvent("r", "eu", 6_000, 1.5, "scaled ×1.5", "ada", 8_000, "s"));
        events.Add(new RunStopRequestedEvent("r", false, "ctl", 9_000));

        var markers = ResumedRun.From(events)!.Markers();

        Assert.Equal(
            [
                (3.0, "node-lost", $"node node-a lost: shard {shards[0]} moved to node-c"),
                (3.5, "node-lost", $"node node-e lost: shard {shards[2]} not replaced"),
                (6.0, "scale", "scaled ×1.5 by ada"),
                (7.0, "abort", "ctl"),
            ],
            markers.Select(m => (m.Second, m.Kind, m.Text)));
    }

    [Fact]
    public void Ended_or_never_started_runs_are_not_taken_over()
    {
        var ended = Started();
        ended.Add(new RunEndedEvent("r", "passed", 2_000, 30, 300, 0, 1));
        Assert.Null(ResumedRun.From(ended));
        Assert.Null(ResumedRun.From(Started().Take(1)));
    }

    [Fact]
    public void A_run_whose_plan_no_longer_matches_its_journal_is_not_taken_over()
    {
        var events = Started();
        events[1] = new RunStartedEvent("r", 2_000, ["r.s.us.0"], Workers);
        Assert.Null(ResumedRun.From(events));
    }

    [Fact]
    public void A_run_without_the_feeder_rows_it_needs_is_not_taken_over()
    {
        var withFeeder = Scenario.Replace("scenarios:", "data:\n  users: { csv: users.csv }\nscenarios:");
        Assert.Null(ResumedRun.From(Started(withFeeder)));
    }
}
