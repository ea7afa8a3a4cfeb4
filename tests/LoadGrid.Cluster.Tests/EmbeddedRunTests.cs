using System.Net;
using Akka.Actor;
using LoadGrid.Cluster.Coordinator;
using LoadGrid.Cluster.Hosting;
using LoadGrid.Core.Metrics;
using LoadGrid.Core.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoadGrid.Cluster.Tests;

/// <summary>
/// A whole run in one process through the real actors (sharding on a one-node cluster, every message serialized)
/// against a real Kestrel server on 127.0.0.1.
/// </summary>
public sealed class EmbeddedRunTests : IAsyncLifetime
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);
    private WebApplication _target = null!;
    private long _served;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _target = builder.Build();
        _target.MapGet("/ok", () => { Interlocked.Increment(ref _served); return Results.Text("ok"); });
        await _target.StartAsync();
        _baseUrl = _target.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync() => await _target.DisposeAsync();

    /// <summary>Runs the file with two shards per region (the run manager would plan one per worker) straight on a coordinator actor.</summary>
    private async Task<RunResult> RunAsync(string yaml)
    {
        var loaded = ScenarioLoader.Parse(yaml, "/tmp/embedded.yaml", new Dictionary<string, string>());
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        var file = loaded.Scenario!;
        var database = DatabaseLocation.Parse($"sqlite:{Path.Combine(Path.GetTempPath(), $"loadgrid-test-{Guid.NewGuid():N}.db")}");
        await using var node = await LoadGridNode.StartAsync(NodeOptions.Embedded(file.Regions.Select(r => r.Name).ToArray(), database, serializeMessages: true));
        var runId = RunIdFactory.New();
        var plan = RunPlanner.Plan(runId, file, file.Regions.ToDictionary(r => r.Name, _ => 2));
        var setup = new RunSetup(runId, file, new Dictionary<string, string>(), plan, [], DateTimeOffset.UtcNow, "test");
        var finished = new TaskCompletionSource<RunResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var observer = node.System.ActorOf(Props.Create(() => new FinishedRelay(finished)));
        node.System.ActorOf(RunCoordinatorActor.CreateProps(setup, node.Regions, observer));
        return await finished.Task.WaitAsync(RunTimeout);
    }

    private sealed class FinishedRelay : ReceiveActor
    {
        public FinishedRelay(TaskCompletionSource<RunResult> finished)
        {
            Receive<RunMessages.Finished>(f => finished.TrySetResult(f.Result));
            ReceiveAny(_ => { });
        }
    }

    [Fact]
    public async Task Shared_iterations_over_two_regions_and_four_shards_run_exactly_the_planned_count()
    {
        var finished = await RunAsync($$"""
            name: embedded
            baseUrl: {{_baseUrl}}
            regions: { north: 1, south: 2 }
            scenarios:
              shared:
                executor: shared-iterations
                vus: 6
                iterations: 301
                flow:
                  - get: /ok
            thresholds:
              http_req_failed: [ "rate==0" ]
            """);

        var summary = finished.Summary;
        Assert.Equal(RunStatus.Passed, summary.Status);
        Assert.Equal(301, summary.Totals.Requests);
        Assert.Equal(301, Interlocked.Read(ref _served));
        Assert.Equal(301, summary.Regions["north"].Requests + summary.Regions["south"].Requests);
        // 301 iterations split 1:2 over two shards each: ⌊301·e⌋ − ⌊301·s⌋ per segment.
        Assert.Equal(100, summary.Regions["north"].Requests);
        Assert.Equal(201, summary.Regions["south"].Requests);
        Assert.Single(summary.Nodes.Select(n => n.Address).Distinct());
    }

    [Fact]
    public async Task Constant_vus_keeps_its_vus_busy_for_the_duration_and_reports_every_second()
    {
        var finished = await RunAsync($$"""
            name: timed
            baseUrl: {{_baseUrl}}
            scenarios:
              steady:
                executor: constant-vus
                vus: 3
                duration: 4s
                flow:
                  - get: /ok
                  - think: 20ms
            """);

        var summary = finished.Summary;
        Assert.Equal(Interlocked.Read(ref _served), summary.Totals.Requests);
        Assert.InRange(summary.DurationSeconds, 3.5, 12);
        Assert.Equal(3, summary.Totals.VusMax);
        // A point per shard interval (one a second, and the last at the end): 4 s of load gives 4 or 5, or one fewer
        // when the shard's first VUs start a little after the run's zero on a busy machine (the shard's interval
        // clock starts with it); a run that stopped reporting would have 1 or 2.
        Assert.True(finished.Series.Count >= 3, $"only {finished.Series.Count} seconds in the series");
        Assert.Equal(summary.Totals.Requests, finished.Series.Sum(p => p.Requests));
    }
}
