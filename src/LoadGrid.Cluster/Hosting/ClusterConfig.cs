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
                public-hostname = "{{options.PublicHostname ?? options.Hostname}}"
                port = {{options.Port}}
                # interval snapshots of busy shards can exceed the 128 KB default
                maximum-frame-size = 4MiB
              }
              cluster {
                roles = [{{string.Join(", ", roles.Select(r => $"\"{r}\""))}}]
                seed-nodes = [{{string.Join(", ", seeds)}}]
                # a node cut off for stable-after is downed on the minority side; its shards move to the majority
                # (docs/operations.md). Failure detector: Akka's defaults (1 s heartbeats, 3 s acceptable pause).
                downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
                split-brain-resolver {
                  active-strategy = keep-majority
                  stable-after = 20s
                  down-all-when-unstable = on
                }
                # How long after a node is downed its singleton (the run manager) and shards start elsewhere. The
                # resolver's default is stable-after again (20 s more); a downed minority has stopped its own by then
                # (it downs itself at the same moment), so 5 s is margin enough and a coordinator fails over in ~30 s.
                down-removal-margin = 5s
                singleton.role = "{{ShardRegionNames.CoordinatorRole}}"
                singleton-proxy {
                  role = "{{ShardRegionNames.CoordinatorRole}}"
                  # warns falsely at every start (akka.net #8568); control requests time out with their own message
                  log-singleton-identification-failure = off
                }
                sharding {
                  # a LoadGrid shard must run on a worker of its region: never fall back to another role
                  role = ""
                  passivate-idle-entity-after = off
                }
              }
              coordinated-shutdown.exit-clr = off
              coordinated-shutdown.run-by-clr-shutdown-hook = off
            }
            # virtual users' small mailbox (a million VUs per node: see VuMailbox)
            {{Worker.VuMailbox.Hocon}}
            """;
        var config = ConfigurationFactory.ParseString(hocon);
        if (options.IsCoordinator && options.Database is not null)
            config = ConfigurationFactory.ParseString(PersistenceConfig.Hocon(options.Database)).WithFallback(config);
        if (!string.IsNullOrWhiteSpace(options.ExtraHocon))
            config = ConfigurationFactory.ParseString(options.ExtraHocon).WithFallback(config);
        return config
            .WithFallback(Akka.Cluster.Sharding.ClusterSharding.DefaultConfig())
            .WithFallback(Akka.Cluster.Tools.Singleton.ClusterSingleton.DefaultConfig());
    }
}
