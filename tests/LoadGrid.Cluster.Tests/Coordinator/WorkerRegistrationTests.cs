using Akka.Actor;
using LoadGrid.Cluster.Coordinator;
using LoadGrid.Cluster.Hosting;
using LoadGrid.Cluster.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoadGrid.Cluster.Tests.Coordinator;

/// <summary>
/// A worker node that is Up but whose shard region has not registered with sharding (here: never) must not be
/// planned for: its slot would land on another worker, which then runs two shards while this one runs none, and
/// a failover would find no shard to hand over. Two real actor systems on loopback and a real Kestrel target.
/// </summary>
public sealed class WorkerRegistrationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_run_is_planned_only_over_workers_whose_shard_region_registered()
    {
        await using var target = await OkTarget.StartAsync();
        var database = DatabaseLocation.Parse($"sqlite:{Path.Combine(Path.GetTempPath(), $"loadgrid-test-{Guid.NewGuid():N}.db")}");
        await using var coordinator = await LoadGridNode.StartAsync(new NodeOptions("127.0.0.1", 0, IsCoordinator: true, ["us-east"], [], Database: database, TakesOverRuns: false));
        var seed = Akka.Cluster.Cluster.Get(coordinator.System).SelfAddress;

        // A member with the worker role that never starts its shard region: Up, never registered.
        var silent = ActorSystem.Create("loadgrid", ClusterConfig.Build(new NodeOptions("127.0.0.1", 0, IsCoordinator: false, ["us-east"], [$"{seed.Host}:{seed.Port}"])));
        try
        {
            var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Akka.Cluster.Cluster.Get(silent).RegisterOnMemberUp(() => up.TrySetResult());
            await up.Task.WaitAsync(Timeout);
            Assert.Equal(2, LoadGridNode.WorkersPerRegion(Akka.Cluster.Cluster.Get(coordinator.System))["us-east"]);

            var yaml = $$"""
                name: registered-only
                baseUrl: {{target.BaseUrl}}
                regions: { us-east: 1 }
                scenarios:
                  once:
                    executor: shared-iterations
                    vus: 2
                    iterations: 20
                    flow:
                      - get: /ok
                """;
            var reply = await coordinator.SubmitAsync(new SubmitRun(RunIdFactory.New(), "/tmp/registered-only.yaml", yaml, [], [], null, "test"));
            var accepted = Assert.IsType<RunAccepted>(reply);
            Assert.Equal(1, accepted.WorkersPerRegion["us-east"]);

            var result = await coordinator.Follow(accepted.RunId).Completion.WaitAsync(Timeout);
            Assert.Equal(20, result.Summary.Totals.Iterations);
            Assert.Equal(0, result.Summary.Totals.Failed);
            Assert.Equal(20, target.Served);
        }
        finally
        {
            await silent.Terminate().WaitAsync(Timeout);
        }
    }

    private sealed class OkTarget : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private long _served;

        private OkTarget(WebApplication app) => _app = app;

        public string BaseUrl => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        public long Served => Interlocked.Read(ref _served);

        public static async Task<OkTarget> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var target = new OkTarget(builder.Build());
            target._app.MapGet("/ok", () => { Interlocked.Increment(ref target._served); return Results.Text("ok"); });
            await target._app.StartAsync();
            return target;
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }
}
