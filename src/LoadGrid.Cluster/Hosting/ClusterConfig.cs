using Akka.Configuration;
using LoadGrid.Cluster.Protocol;
using LoadGrid.Cluster.Serialization;
using LoadGrid.Cluster.Sharding;

namespace LoadGrid.Cluster.Hosting;

/// <summary>The HOCON of a LoadGrid node: every default LoadGrid changes from Akka's, in one documented place.</summary>
public static class ClusterConfig
{
    public static Config Build(NodeOptions options)
    {
        var roles = options.Regions.Select(ShardRegionNames.WorkerRole).ToList();
        if (options.IsCoordinator) roles.Add(ShardRegionNames.CoordinatorRole);
        var seeds = options.Seeds.Select(s => $"\"akka.tcp://{options.SystemName}@{s}\"");
        var wireInterface = $"{typeof(IWireMessage).FullName}, {typeof(IWireMessage).Assembly.GetName().Name}";
        var serializer = $"{typeof(MessagePackWireSerializer).FullName}, {typeof(MessagePackWireSerializer).Assembly.GetName().Name}";
        var hocon = $$"""
            akka {
              loglevel = WARNING
              stdout-loglevel = WARNING
              log-dead-letters = off
              log-dead-letters-during-shutdown = off
              actor {
                provider = cluster
                # a coordinator that throws must not silently restart (and re-run) a run: stop it, the observer reports it
                guardian-supervisor-strategy = "Akka.Actor.StoppingSupervisorStrategy"
                serialize-messages = {{(options.SerializeMessages ? "on" : "off")}}
                serializers { msgpack = "{{serializer}}" }
                serialization-bindings { "{{wireInterface}}" = msgpack }
                serialization-identifiers { "{{serializer}}" = {{MessagePackWireSerializer.SerializerId}} }
              }
              remote.dot-netty.tcp {
                hostname = "{{options.Hostname}}"
                port = {{options.Port}}
                # interval snapshots of busy shards can exceed the 128 KB default
                maximum-frame-size = 4MiB
              }
              cluster {
                roles = [{{string.Join(", ", roles.Select(r => $"\"{r}\""))}}]
                seed-nodes = [{{string.Join(", ", seeds)}}]
                sharding {
                  # a LoadGrid shard must run on a worker of its region: never fall back to another role
                  role = ""
                  passivate-idle-entity-after = off
                }
              }
              coordinated-shutdown.exit-clr = off
              coordinated-shutdown.run-by-clr-shutdown-hook = off
            }
            """;
        return ConfigurationFactory.ParseString(hocon).WithFallback(Akka.Cluster.Sharding.ClusterSharding.DefaultConfig());
    }
}
