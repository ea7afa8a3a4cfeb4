using LoadGrid.Cluster.Coordinator;
using LoadGrid.Cluster.Failover;
using LoadGrid.Cluster.Sharding;
using LoadGrid.Core.Load;
using LoadGrid.Core.Scenarios;

namespace LoadGrid.Cluster.Tests.Failover;

/// <summary>Re-planning a lost worker's shards: where they go, how they are routed, what they may still run.</summary>
public sealed class ShardRelocationTests
{
    private static readonly Segment Half = new(Fraction.Zero, new Fraction(1, 2));

    private static ShardPlan Shard(string region, int slot, string scenario = "s") =>
        new($"run.{scenario}.{region}.{slot}", scenario, region, slot, Half);

    [Fact]
    public void A_take_over_routes_to_the_akka_shard_of_its_host_slot()
    {
        var id = ShardRelocation.ReplacementId("run.browse.us-east.1", 1, 0);

        Assert.Equal("run.browse.us-east.1r1.0", id);
        Assert.Equal("run/0", ShardMessageExtractor.ShardIdOf(id));
    }

    [Fact]
    public void The_host_is_a_surviving_node_of_the_same_region_that_took_over_least()
    {
        var placed = new[]
        {
            (Shard("us", 0), "node-a"), (Shard("us", 1), "node-b"), (Shard("us", 2), "node-c"), (Shard("eu", 0), "node-e"),
            (Shard("us", 0, "other"), "node-a"),
        };
        var available = new HashSet<string> { "node-a", "node-c", "node-e" };

        Assert.Equal(new HostChoice("node-a", 0), ShardRelocation.ChooseHost("us", placed, available, new Dictionary<string, int>()));
        Assert.Equal(new HostChoice("node-c", 2), ShardRelocation.ChooseHost("us", placed, available, new Dictionary<string, int> { ["node-a"] = 1 }));
        Assert.Equal(new HostChoice("node-e", 0), ShardRelocation.ChooseHost("eu", placed, available, new Dictionary<string, int>()));
    }

    [Fact]
    public void A_region_without_an_available_node_has_no_host()
    {
        var placed = new[] { (Shard("us", 0), "node-a"), (Shard("us", 1), "node-b"), (Shard("eu", 0), "") };

        Assert.Null(ShardRelocation.ChooseHost("us", placed, new HashSet<string> { "node-e" }, new Dictionary<string, int>()));
        Assert.Null(ShardRelocation.ChooseHost("eu", placed, new HashSet<string> { "node-e", "" }, new Dictionary<string, int>()));
    }

    [Theory]
    [InlineData(ExecutorKind.SharedIterations, 10, 101, 0, 50)]    // half of 101 is 50 (exact split: the other half has 51)
    [InlineData(ExecutorKind.SharedIterations, 10, 101, 20, 30)]
    [InlineData(ExecutorKind.SharedIterations, 10, 101, 60, 0)]    // never negative
    [InlineData(ExecutorKind.PerVuIterations, 10, 7, 0, 35)]       // 5 VUs × 7
    [InlineData(ExecutorKind.PerVuIterations, 10, 7, 12, 23)]
    public void Iteration_executors_resume_with_what_their_segment_has_left(ExecutorKind executor, int vus, long iterations, long done, long expected)
    {
        var scenario = Scenario(executor, vus, iterations);
        Assert.Equal(expected, ResumeBudget.Remaining(scenario, Half, done));
    }

    [Fact]
    public void Time_based_executors_need_no_budget() =>
        Assert.Null(ResumeBudget.Remaining(Scenario(ExecutorKind.ConstantVus, 10, 0), Half, 123));

    [Fact]
    public void Moves_of_a_moved_shard_keep_its_original_segment_and_add_up_what_was_done()
    {
        var moves = new ShardMoves();
        var original = Shard("us", 1);

        var first = moves.Move(original, "node-b", "unreachable", new HostChoice("node-a", 0), 10.25, 9.5, 40);
        var second = moves.Move(first, "node-a", "removed from the cluster", new HostChoice("node-c", 2), 20, 19.4, 40 + 55);

        Assert.Equal("run.s.us.1r1.0", first.ShardId);
        Assert.Equal("run.s.us.1r2.2", second.ShardId);
        Assert.Same(original, moves.OriginalOf(second));
        Assert.Equal(original.Segment, second.Segment);
        Assert.Equal((20_000L, 95L), moves.ResumeOf(second.ShardId));
        Assert.Null(moves.ResumeOf(original.ShardId));
        Assert.Equal(1, moves.TakenOverBy["node-a"]);
    }

    [Fact]
    public void Warnings_name_the_lost_node_and_how_long_the_load_was_missing()
    {
        var moves = new ShardMoves();
        var lost = Shard("us", 1);
        var replacement = moves.Move(lost, "akka.tcp://loadgrid@127.0.0.1:4055", "unreachable", new HostChoice("akka.tcp://loadgrid@127.0.0.1:4054", 0), 15.2, 9.6, 0);
        moves.MarkStarted(replacement.ShardId, 15.6);
        moves.Unplaced(Shard("eu", 0), "akka.tcp://loadgrid@127.0.0.1:4056", "removed from the cluster", 30);

        var warnings = moves.Warnings().ToArray();

        Assert.Equal(2, warnings.Length);
        Assert.Equal("node akka.tcp://loadgrid@127.0.0.1:4055 lost at 15.2s (unreachable): shard run.s.us.1 moved to akka.tcp://loadgrid@127.0.0.1:4054 as run.s.us.1r1.0, load missing for 6.0s", warnings[0]);
        Assert.Contains("shard run.s.eu.0 not replaced (region eu has no worker left)", warnings[1]);
        Assert.Equal(["eu"], moves.RegionsLost);
    }

    private static ScenarioDefinition Scenario(ExecutorKind executor, int vus, long iterations) =>
        new("s", executor, vus, TimeSpan.FromSeconds(60), iterations, 0, TimeSpan.FromSeconds(1),
            PreAllocatedVus: 1, MaxVus: 1, 0, 0, [], TimeSpan.Zero, TimeSpan.FromSeconds(30), []);
}
