using HdrHistogram;
using LoadGrid.Core.Metrics;
using static LoadGrid.Core.Tests.Metrics.MetricsTestData;

namespace LoadGrid.Core.Tests.Metrics;

public sealed class RunAggregatorTests
{
    private static readonly Dictionary<string, string> NoTags = [];

    [Fact]
    public void Merged_percentiles_equal_one_histogram_of_all_samples_not_an_average()
    {
        // One fast shard with many samples, one slow shard with few: averaging per-shard p99s would give ~2.5 s.
        var fast = Enumerable.Range(0, 9_900).Select(i => 1_000L + i % 100).ToArray();
        var slow = Enumerable.Range(0, 100).Select(i => 5_000_000L + i * 1000).ToArray();
        var aggregator = new RunAggregator("r", "n", ["a", "b"]);
        aggregator.Add(new IntervalSource("s1", "sc", "a", "n1"), 0, IntervalCodec.Decode(IntervalCodec.Encode(Snapshot(fast))));
        aggregator.Add(new IntervalSource("s2", "sc", "b", "n2"), 0, IntervalCodec.Decode(IntervalCodec.Encode(Snapshot(slow))));

        var truth = LatencyHistograms.CreateExact();
        foreach (var v in fast.Concat(slow)) truth.RecordValue(v);
        var merged = aggregator.View("http_req_duration", NoTags).Requests.Latency;
        foreach (var p in new[] { 50.0, 90, 99, 99.5, 99.9 })
            Assert.Equal(truth.GetValueAtPercentile(p), merged.GetValueAtPercentile(p));
        Assert.True(merged.GetValueAtPercentile(99) < 2_000, "p99 must be the fast shard's, not an average with the slow one");
    }

    [Fact]
    public void A_re_sent_interval_counts_once()
    {
        var aggregator = new RunAggregator("r", "n", ["a"]);
        var source = new IntervalSource("s1", "sc", "a", "n1");
        Assert.True(aggregator.Add(source, 3, Snapshot([100, 200])));
        Assert.False(aggregator.Add(source, 3, Snapshot([100, 200])));
        Assert.True(aggregator.Add(source, 4, Snapshot([100])));
        Assert.Equal(3, aggregator.View("http_reqs", NoTags).Requests.Requests);
    }

    [Fact]
    public void Views_filter_by_step_scenario_and_region_exactly()
    {
        var aggregator = new RunAggregator("r", "n", ["eu", "us"]);
        aggregator.Add(new IntervalSource("1", "browse", "eu", "n"), 0, Snapshot([1, 2, 3], step: "home"));
        aggregator.Add(new IntervalSource("2", "browse", "us", "n"), 0, Snapshot([4, 5], step: "home"));
        aggregator.Add(new IntervalSource("3", "buy", "eu", "n"), 0, Snapshot([6], step: "pay"));

        long Requests(params (string, string)[] tags) => aggregator.View("http_reqs", tags.ToDictionary(t => t.Item1, t => t.Item2)).Requests.Requests;
        Assert.Equal(6, Requests());
        Assert.Equal(5, Requests(("step", "home")));
        Assert.Equal(4, Requests(("region", "eu")));
        Assert.Equal(3, Requests(("scenario", "browse"), ("region", "eu")));
        Assert.Equal(1, Requests(("scenario", "buy")));
        Assert.Equal(0, Requests(("step", "nope")));
        Assert.Equal(0, Requests(("host", "x")));
    }

    [Fact]
    public void The_summary_adds_up_per_group_and_per_node()
    {
        var aggregator = new RunAggregator("run-1", "shop", ["eu", "us"]);
        aggregator.Add(new IntervalSource("1", "browse", "eu", "node-a"), 0, Snapshot(Enumerable.Repeat(2_000L, 10), step: "home", failedEvery: 5, vus: 3));
        aggregator.Add(new IntervalSource("2", "browse", "us", "node-b"), 0, Snapshot(Enumerable.Repeat(4_000L, 30), step: "home", vus: 2));
        aggregator.Add(new IntervalSource("1", "browse", "eu", "node-a"), 1, Snapshot(Enumerable.Repeat(2_000L, 10), step: "home", vus: 1));

        var summary = aggregator.BuildSummary(RunStatus.Passed, DateTimeOffset.UnixEpoch, 2.0, [], ["w"]);

        Assert.Equal(50, summary.Totals.Requests);
        Assert.Equal(2, summary.Totals.Failed);
        Assert.Equal(0.04, summary.Totals.ErrorRate, 9);
        Assert.Equal(25, summary.Totals.Rps, 9);
        Assert.Equal(3, summary.Totals.Iterations);
        Assert.Equal(5, summary.Totals.VusMax); // second 0: 3 + 2
        Assert.Equal(48, summary.Totals.StatusCodes["200"]);
        Assert.Equal(2, summary.Totals.StatusCodes["500"]);
        Assert.Equal(20, summary.Regions["eu"].Requests);
        Assert.Equal(30, summary.Regions["us"].Requests);
        Assert.Equal(50, summary.Steps["home"].Requests);
        Assert.Equal(50, summary.Scenarios["browse"].Requests);
        Assert.Equal(4.0, summary.Regions["us"].LatencyMs.P50, 2);
        Assert.Equal([("node-a", "eu", 20L), ("node-b", "us", 30L)], summary.Nodes.Select(n => (n.Address, n.Region, n.Requests)));
        Assert.Equal(["w"], summary.Warnings);
    }

    [Fact]
    public void The_series_has_a_point_per_second_with_its_own_percentiles()
    {
        var aggregator = new RunAggregator("r", "n", ["a"]);
        aggregator.Add(new IntervalSource("1", "sc", "a", "n"), 0, Snapshot(Enumerable.Repeat(1_000L, 10)));
        aggregator.Add(new IntervalSource("1", "sc", "a", "n"), 1, Snapshot(Enumerable.Repeat(50_000L, 5)));
        aggregator.Add(new IntervalSource("2", "sc", "a", "n"), 1, Snapshot(Enumerable.Repeat(50_000L, 5)));
        aggregator.FinishSeries();

        var series = aggregator.Series;
        Assert.Equal([0, 1], series.Select(p => p.Second));
        Assert.Equal([10L, 10L], series.Select(p => p.Requests));
        Assert.Equal(1.0, series[0].P95Ms, 1);
        Assert.Equal(50.0, series[1].P95Ms, 0);
        Assert.Equal(series.Select(p => p.Requests), aggregator.RegionSeries("a").Select(p => p.Requests));
    }

    [Fact]
    public void Progress_reports_the_latest_complete_second_and_current_vus()
    {
        var aggregator = new RunAggregator("r", "n", ["a"]);
        aggregator.Add(new IntervalSource("1", "sc", "a", "n"), 0, Snapshot(Enumerable.Repeat(1_000L, 10), vus: 4));
        aggregator.Add(new IntervalSource("1", "sc", "a", "n"), 1, Snapshot(Enumerable.Repeat(1_000L, 20), failedEvery: 10, vus: 6));

        var progress = aggregator.Progress(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), []);

        Assert.Equal(10, progress.Rps); // second 0: second 1 may still be incomplete
        Assert.Equal(6, progress.Vus);
        Assert.Equal(30, progress.Requests);
        Assert.Equal(2, progress.Failed);
    }
}
