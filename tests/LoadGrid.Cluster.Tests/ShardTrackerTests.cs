using LoadGrid.Cluster.Coordinator;
using LoadGrid.Core.Load;

namespace LoadGrid.Cluster.Tests;

public sealed class ShardTrackerTests
{
    private static readonly ShardPlan A = new("r.a.x.0", "a", "x", 0, Segment.Whole);
    private static readonly ShardPlan B = new("r.b.x.0", "b", "x", 0, Segment.Whole);

    [Fact]
    public void A_run_is_finished_when_every_shard_is()
    {
        var tracker = new ShardTracker([A, B]);
        tracker.MarkStarted(A.ShardId, "n1");
        Assert.Equal([B], tracker.NotStarted);
        Assert.True(tracker.MarkFinished(A.ShardId, "n1"));
        Assert.False(tracker.MarkFinished(A.ShardId, "n1"));
        Assert.False(tracker.AllFinished);
        Assert.True(tracker.MarkFinished(B.ShardId, "n2"));
        Assert.True(tracker.AllFinished);
        Assert.Equal("n1", tracker.NodeOf(A.ShardId));
    }

    [Fact]
    public void Gauges_sum_per_scenario_and_finished_shards_hold_no_vus()
    {
        var tracker = new ShardTracker([A, B]);
        tracker.ReportGauges(A.ShardId, 5, 10);
        tracker.ReportGauges(A.ShardId, 4, 7);
        tracker.ReportGauges(B.ShardId, 2, 1);
        Assert.Equal(4, tracker.VusOf("a"));
        Assert.Equal(17, tracker.IterationsOf("a"));
        tracker.MarkFinished(A.ShardId, "n");
        Assert.Equal(0, tracker.VusOf("a"));
        Assert.True(tracker.ScenarioFinished("a"));
        Assert.False(tracker.ScenarioFinished("b"));
    }
}
