using LoadGrid.Cluster.Coordinator;
using LoadGrid.Core.Data;
using LoadGrid.Core.Load;
using LoadGrid.Core.Scenarios;

namespace LoadGrid.Cluster.Tests;

public sealed class RunPlannerTests
{
    private static ScenarioFile File(params (string Name, double Weight)[] regions)
    {
        var result = ScenarioLoader.Parse($$"""
            name: plan
            baseUrl: http://127.0.0.1:9
            regions: { {{string.Join(", ", regions.Select(r => $"{r.Name}: {r.Weight}"))}} }
            scenarios:
              a: { executor: constant-vus, vus: 10, duration: 10s, flow: [ { get: /a } ] }
              b: { executor: constant-vus, vus: 5, duration: 20s, startTime: 5s, flow: [ { get: /b } ] }
            """, "/tmp/plan.yaml", new Dictionary<string, string>());
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Scenario!;
    }

    [Fact]
    public void Every_scenario_gets_a_shard_per_region_shard_and_segments_chain_exactly()
    {
        var file = File(("us-east", 3), ("eu-west", 1));
        var plan = RunPlanner.Plan("r1", file, new Dictionary<string, int> { ["us-east"] = 2, ["eu-west"] = 1 });

        Assert.Equal(6, plan.Count);
        Assert.Equal(plan.Count, plan.Select(p => p.ShardId).Distinct().Count());
        foreach (var scenario in new[] { "a", "b" })
        {
            var segments = plan.Where(p => p.Scenario == scenario).Select(p => p.Segment).ToArray();
            Assert.Equal(Fraction.Zero, segments[0].Start);
            for (var i = 1; i < segments.Length; i++) Assert.Equal(segments[i - 1].End, segments[i].Start);
            Assert.Equal(new Fraction(1, 1), segments[^1].End);
            var usEast = plan.Where(p => p.Scenario == scenario && p.Region == "us-east").Aggregate(Fraction.Zero, (sum, p) => sum + p.Segment.Length);
            Assert.Equal(new Fraction(3, 4), usEast);
        }
    }

    [Fact]
    public void Planned_duration_is_the_latest_scenario_end()
    {
        Assert.Equal(TimeSpan.FromSeconds(25), RunPlanner.PlannedDuration(File(("local", 1))));
    }

    [Theory]
    [InlineData(10, 3)]
    [InlineData(2, 5)]
    [InlineData(100, 7)]
    public void Unique_feeder_rows_are_dealt_out_once_and_completely(int rows, int shards)
    {
        var table = new FeederTable("users", ["name"], Enumerable.Range(0, rows).Select(i => new[] { $"u{i}" }).ToArray(), FeederPick.Unique);
        var dealt = Enumerable.Range(0, shards)
            .SelectMany(k => RunPlanner.FeedersForShard([table], k, shards)[0].Rows)
            .Select(r => r[0])
            .ToArray();

        Assert.Equal(table.Rows.Select(r => r[0]), dealt);
    }

    [Fact]
    public void Sequential_and_random_feeders_give_every_shard_every_row()
    {
        var table = new FeederTable("p", ["id"], [["1"], ["2"]], FeederPick.Random);
        Assert.Same(table, RunPlanner.FeedersForShard([table], 1, 3)[0]);
    }
}
