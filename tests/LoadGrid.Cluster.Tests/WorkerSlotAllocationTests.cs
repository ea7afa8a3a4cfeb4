using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using LoadGrid.Cluster.Sharding;

namespace LoadGrid.Cluster.Tests;

public sealed class WorkerSlotAllocationTests : IAsyncLifetime
{
    private ActorSystem _system = null!;

    public Task InitializeAsync()
    {
        _system = ActorSystem.Create("slots", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _system.Terminate();

    [Theory]
    [InlineData("20261125-094301-50dcb8.browse.us-east.0", "20261125-094301-50dcb8/0")]
    [InlineData("20261125-094301-50dcb8.browse.us-east.12", "20261125-094301-50dcb8/12")]
    [InlineData("run.a-b_c.eu.3", "run/3")]
    public void Every_scenario_of_a_run_shares_the_shard_of_its_worker_slot(string entityId, string shardId)
    {
        Assert.Equal(shardId, ShardMessageExtractor.ShardIdOf(entityId));
        Assert.Equal(int.Parse(shardId[(shardId.IndexOf('/') + 1)..]), ShardMessageExtractor.SlotOf(shardId));
    }

    [Fact]
    public async Task Slot_k_goes_to_the_kth_region_by_address_whatever_the_order_they_registered_in()
    {
        var regions = new[] { "c", "a", "b" }.Select(name => _system.ActorOf(Props.Empty, name)).ToArray();
        var allocations = regions.ToImmutableDictionary(r => r, _ => (IImmutableList<string>)ImmutableList<string>.Empty);
        var allocation = new WorkerSlotAllocation(new Address("akka.tcp", "slots", "127.0.0.1", 4053));

        async Task<string> Of(string shardId) => (await allocation.AllocateShard(regions[0], shardId, allocations)).Path.Name;

        Assert.Equal("a", await Of("run/0"));
        Assert.Equal("b", await Of("run/1"));
        Assert.Equal("c", await Of("run/2"));
        Assert.Equal("a", await Of("run/3")); // more slots than workers (one joined after planning): wrap around
        Assert.Empty(await allocation.Rebalance(allocations, ImmutableHashSet<string>.Empty));
    }
}
