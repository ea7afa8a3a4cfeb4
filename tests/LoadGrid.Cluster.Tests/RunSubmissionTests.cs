using LoadGrid.Cluster.Coordinator;
using LoadGrid.Cluster.Protocol;

namespace LoadGrid.Cluster.Tests;

public sealed class RunSubmissionTests
{
    private const string Weighted = """
        name: shop
        baseUrl: http://127.0.0.1:9
        regions: { us-east: 3, eu-west: 1 }
        data:
          users: { csv: users.csv, pick: unique }
        scenarios:
          browse:
            executor: constant-vus
            vus: 8
            duration: 2s
            flow:
              - get: /x?u=${users.name}
        """;

    private static SubmitRun Submit(string text, params FeederPayload[] feeders) =>
        new("r1", "/tmp/shop.yaml", text, [], feeders, null, "test");

    private static readonly FeederPayload Users = new("users", ["name"], [["ada"], ["alan"], ["grace"]], 0);

    [Fact]
    public void A_run_is_planned_one_slot_per_worker_up_in_each_region()
    {
        var outcome = RunSubmission.Plan(Submit(Weighted, Users), new Dictionary<string, int> { ["us-east"] = 2, ["eu-west"] = 1, ["ap-south"] = 4 });

        Assert.Null(outcome.Rejection);
        var shards = outcome.Setup!.Shards;
        Assert.Equal(new[] { "r1.browse.eu-west.0", "r1.browse.us-east.0", "r1.browse.us-east.1" }, shards.Select(s => s.ShardId).Order(StringComparer.Ordinal));
        Assert.Equal(new Dictionary<string, int> { ["us-east"] = 2, ["eu-west"] = 1 }, outcome.WorkersPerRegion);
        Assert.Equal(3, outcome.Setup.Feeders[0].Rows.Count);
    }

    [Fact]
    public void A_region_without_a_worker_is_refused_naming_it_and_not_as_bad_input()
    {
        var outcome = RunSubmission.Plan(Submit(Weighted, Users), new Dictionary<string, int> { ["us-east"] = 2 });

        Assert.Null(outcome.Setup);
        Assert.False(outcome.Rejection!.BadInput);
        Assert.Contains("eu-west", outcome.Rejection.Reason);
        Assert.Contains("--region eu-west", outcome.Rejection.Reason);
    }

    [Fact]
    public void An_invalid_file_is_refused_as_bad_input_with_every_error_located()
    {
        var outcome = RunSubmission.Plan(Submit("name: x\nscenarios:\n  a:\n    executor: nope\n    vus: -1\n"), new Dictionary<string, int> { ["local"] = 1 });

        Assert.True(outcome.Rejection!.BadInput);
        Assert.True(outcome.Rejection.Errors.Length >= 2, string.Join("\n", outcome.Rejection.Errors));
        Assert.All(outcome.Rejection.Errors, e => Assert.StartsWith("/tmp/shop.yaml:", e));
    }

    [Fact]
    public void Missing_feeder_rows_are_bad_input()
    {
        var outcome = RunSubmission.Plan(Submit(Weighted), new Dictionary<string, int> { ["us-east"] = 1, ["eu-west"] = 1 });
        Assert.True(outcome.Rejection!.BadInput);
        Assert.Contains("users", outcome.Rejection.Reason);
    }

    [Fact]
    public void A_base_url_override_replaces_the_files()
    {
        var outcome = RunSubmission.Plan(Submit(Weighted, Users) with { BaseUrlOverride = "http://10.0.0.1:8080" },
            new Dictionary<string, int> { ["us-east"] = 1, ["eu-west"] = 1 });
        Assert.Equal("http://10.0.0.1:8080", outcome.Setup!.File.BaseUrl);
        Assert.Equal("http://10.0.0.1:8080", outcome.Setup.BaseUrlOverride);
    }
}
