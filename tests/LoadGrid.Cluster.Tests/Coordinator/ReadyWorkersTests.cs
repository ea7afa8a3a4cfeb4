using Akka.Actor;
using LoadGrid.Cluster.Coordinator;

namespace LoadGrid.Cluster.Tests.Coordinator;

public sealed class ReadyWorkersTests
{
    private static readonly Address A = new("akka.tcp", "loadgrid", "127.0.0.1", 4001);
    private static readonly Address B = new("akka.tcp", "loadgrid", "127.0.0.1", 4002);
    private static readonly Address C = new("akka.tcp", "loadgrid", "127.0.0.1", 4003);

    private static Dictionary<string, IReadOnlyCollection<Address>> Up(params (string Region, Address[] Nodes)[] regions) =>
        regions.ToDictionary(r => r.Region, r => (IReadOnlyCollection<Address>)r.Nodes);

    [Fact]
    public void A_worker_whose_region_has_not_registered_is_not_counted()
    {
        var up = Up(("us-east", [A, B]));
        var ready = ReadyWorkers.Count(up, new Dictionary<string, IReadOnlySet<Address>?> { ["us-east"] = new HashSet<Address> { A } });
        Assert.Equal(1, ready["us-east"]);
        Assert.False(ReadyWorkers.All(up, ready));
    }

    [Fact]
    public void A_registered_region_of_a_node_that_is_no_longer_up_is_not_counted()
    {
        var up = Up(("us-east", [A]));
        var ready = ReadyWorkers.Count(up, new Dictionary<string, IReadOnlySet<Address>?> { ["us-east"] = new HashSet<Address> { A, C } });
        Assert.Equal(1, ready["us-east"]);
        Assert.True(ReadyWorkers.All(up, ready));
    }

    [Fact]
    public void A_region_that_did_not_answer_counts_its_up_workers()
    {
        var up = Up(("us-east", [A, B]), ("eu-west", [C]));
        var ready = ReadyWorkers.Count(up, new Dictionary<string, IReadOnlySet<Address>?> { ["us-east"] = null, ["eu-west"] = new HashSet<Address>() });
        Assert.Equal(2, ready["us-east"]);
        Assert.Equal(0, ready["eu-west"]);
        Assert.False(ReadyWorkers.All(up, ready));
    }
}
