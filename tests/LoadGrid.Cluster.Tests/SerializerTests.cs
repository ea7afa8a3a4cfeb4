using Akka.Actor;
using Akka.Configuration;
using LoadGrid.Cluster.Hosting;
using LoadGrid.Cluster.Protocol;
using LoadGrid.Cluster.Serialization;

namespace LoadGrid.Cluster.Tests;

public sealed class SerializerTests : IAsyncLifetime
{
    private ActorSystem _system = null!;

    /// <summary>One sample of every wire record; the coverage test fails when a new record has none.</summary>
    public static IEnumerable<object[]> Samples() =>
    [
        [new StartShard("run.s.eu.0", "run", "s", "eu", new WireSegment(1, 4, 1, 2), 1_700_000_000_000, "/tmp/a.yaml", "name: x",
            new Dictionary<string, string> { ["K"] = "V" }, [new FeederPayload("users", ["name"], [["ada"], ["alan"]], 0)], [new WireSegment(0, 1, 1, 4), new WireSegment(1, 4, 1, 2)], 1, "http://127.0.0.1:9")],
        [new StartShard("run.s.eu.0r1.1", "run", "s", "eu", new WireSegment(1, 4, 1, 2), 1_700_000_000_000, "/tmp/a.yaml", "name: x",
            new Dictionary<string, string>(), [], [new WireSegment(0, 1, 1, 4), new WireSegment(1, 4, 1, 2)], 1, null, 10_250, 77, [new WireLoadChange(2_000, 0.5)])],
        [new RunHeartbeat("run")],
        [new ShardHandedOff("run", "run.s.eu.0", 12, "akka.tcp://loadgrid@127.0.0.1:1")],
        [new StopShard("run.s.eu.0", "run", true)],
        [new ReattachShard("run.s.eu.0", "run")],
        [new AdjustShardLoad("run.s.eu.0", "run", [new WireLoadChange(4_500, 1.5), new WireLoadChange(9_000, 0)])],
        [new AdjustRunRequest("run", "scale", 1.5, null, null, "eu", "ada@host")],
        [new RunAdjustReply("run", true, null, "scaled ×1.5 in every region from 4.5s")],
        [new RunAdjustedEvent("run", "eu", 4_500, 1.5, "scaled ×1.5", "ada@host", 1_700_000_000_000, "s")],
        [NodeStatsRequest.Instance],
        [new NodeStatsReply("akka.tcp://loadgrid@127.0.0.1:1", 12.5, 100_000_000, 2, 40, 900, 2)],
        [new ShardFinishedAck("run", "run.s.eu.0")],
        [new ShardStarted("run", "run.s.eu.0", "akka.tcp://loadgrid@127.0.0.1:1")],
        [new ShardFailed("run", "run.s.eu.0", "node", "bad")],
        [new MetricsInterval("run", "run.s.eu.0", 7, "node", [1, 2, 3, 255])],
        [new ShardFinished("run", "run.s.eu.0", 9, "node")],
        [new SubmitRun("run", "/tmp/a.yaml", "name: x", new Dictionary<string, string> { ["K"] = "V" }, [new FeederPayload("u", ["a"], [["1"]], 2)], null, "ada@host")],
        [new RunAccepted("run", "shop", new Dictionary<string, int> { ["eu"] = 2 })],
        [new RunRejected("run", "bad", ["a.yaml:1:1: x"], true)],
        [new WatchRun("run")],
        [new RunNotActive("run")],
        [new RunProgressed("run", "{\"runId\":\"run\"}")],
        [new RunEnded("run", null, "coordinator died")],
        [new StopRunRequest("run", false, "ctl")],
        [new RunStopAcknowledged("run", true)],
        [ListActiveRuns.Instance],
        [new ActiveRuns([new ActiveRunEntry("a", "smoke", 1_000, "ada@host"), new ActiveRunEntry("b", "soak", 2_000, "bob")])],
        [new RunSubmittedEvent("run", "shop", 1_700_000_000_000, "/tmp/a.yaml", "name: x", new Dictionary<string, string>(), "http://h", "ada")],
        [new RunStartedEvent("run", 1_700_000_000_000, ["run.s.eu.0"], new Dictionary<string, int> { ["eu"] = 1 })],
        [new ShardStartedEvent("run", "run.s.eu.0", "node")],
        [new ShardFinishedEvent("run", "run.s.eu.0", "node")],
        [new RunStopRequestedEvent("run", true, "Ctrl+C", 1_700_000_000_000)],
        [new ShardMovedEvent("run", "run.s.eu.1", "akka.tcp://loadgrid@127.0.0.1:2", "run.s.eu.1r1.0", 1_700_000_010_000)],
        [new RunEndedEvent("run", "passed", 1_700_000_000_000, 12.5, 1000, 0.01, 12.25)],
        [new RunResultEvent("run", "{}")],
    ];

    public Task InitializeAsync()
    {
        _system = ActorSystem.Create("serializer-test", ClusterConfig.Build(NodeOptions.Embedded(["eu"], DatabaseLocation.Parse("sqlite:/tmp/unused-serializer-test.db")))
            .WithFallback(ConfigurationFactory.ParseString("akka.actor.provider = local")));
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _system.Terminate();

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_wire_record_round_trips_through_the_MessagePack_serializer(object message)
    {
        var serializer = _system.Serialization.FindSerializerFor(message);
        Assert.IsType<MessagePackWireSerializer>(serializer);

        var bytes = serializer.ToBinary(message);
        var manifest = ((Akka.Serialization.SerializerWithStringManifest)serializer).Manifest(message);
        var back = _system.Serialization.Deserialize(bytes, serializer.Identifier, manifest);

        Assert.IsType(message.GetType(), back);
        Assert.Equal(bytes, serializer.ToBinary(back)); // arrays inside records compare by reference; bytes do not
    }

    [Fact]
    public void Every_wire_record_has_a_sample()
    {
        var sampled = Samples().Select(s => s[0].GetType()).ToHashSet();
        var missing = MessagePackWireSerializer.WireTypes().Where(t => !sampled.Contains(t)).Select(t => t.Name).ToArray();
        Assert.True(missing.Length == 0, "wire records without a serializer test sample: " + string.Join(", ", missing));
    }

    [Fact]
    public void An_unknown_manifest_is_rejected_with_its_name()
    {
        var serializer = (MessagePackWireSerializer)_system.Serialization.FindSerializerForType(typeof(StopShard));
        var error = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary([0x90], "NoSuchMessage"));
        Assert.Contains("NoSuchMessage", error.Message);
    }
}
