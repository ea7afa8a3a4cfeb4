using System.CommandLine;
using LoadGrid.Cli.Node;
using LoadGrid.Cli.Running;
using LoadGrid.Cluster.Hosting;
using LoadGrid.Control;

namespace LoadGrid.Cli.Commands;

/// <summary>
/// <c>loadgrid node</c>: one long-running cluster node (docs/operations.md). SIGTERM or Ctrl+C leaves the cluster
/// gracefully (CoordinatedShutdown: the node's shards hand off to the region's other workers) and exits 0.
/// </summary>
public static class NodeCommandFactory
{
    public static Command Create()
    {
        var role = new Option<string?>("--role") { Description = "coordinator (seed, run manager, control endpoint) or worker. Env: LOADGRID_ROLE." };
        var region = new Option<string[]?>("--region") { Description = "The LoadGrid region a worker generates load for (repeatable). Env: LOADGRID_REGION.", Arity = ArgumentArity.ZeroOrMore };
        var hostname = new Option<string?>("--hostname") { Description = "Address remoting binds to (default 127.0.0.1). Env: LOADGRID_HOSTNAME." };
        var publicHostname = new Option<string?>("--public-hostname") { Description = "Name other nodes reach this one by (default: --hostname). Env: LOADGRID_PUBLIC_HOSTNAME." };
        var port = new Option<int?>("--port") { Description = $"Remoting port (default {NodeSettings.DefaultPort}; 0 = any free port). Env: LOADGRID_PORT." };
        var seed = new Option<string[]?>("--seed") { Description = "HOST:PORT of a coordinator to join (repeatable). Env: LOADGRID_SEEDS (comma-separated).", Arity = ArgumentArity.ZeroOrMore };
        var controlHost = new Option<string?>("--control-host") { Description = "Address of the control endpoint (default 127.0.0.1). Env: LOADGRID_CONTROL_HOST." };
        var controlPort = new Option<int?>("--control-port") { Description = $"Port of the control endpoint (default {NodeSettings.DefaultControlPort}; 0 = any free port). Env: LOADGRID_CONTROL_PORT." };
        var db = new Option<string?>("--db") { Description = $"Run history of a coordinator: sqlite:PATH (default {DatabaseLocation.Default}) or postgres:CONNECTION-STRING. Env: LOADGRID_DB." };
        var token = new Option<string?>("--token") { Description = "Bearer token the control endpoint requires (required off loopback). Env: LOADGRID_TOKEN." };
        var config = new Option<string?>("--config") { Description = "HOCON or JSON file: a loadgrid { … } section for these settings, anything else overrides Akka's. Env: LOADGRID_CONFIG." };
        var metricsPort = new Option<string?>("--metrics-port") { Description = "Serve Prometheus metrics (loadgrid_…) on http://HOST:PORT/metrics. Env: LOADGRID_METRICS_PORT." };
        var metricsHost = new Option<string?>("--metrics-host") { Description = "Address of the metrics endpoint (default 127.0.0.1; 0.0.0.0 for every interface). Env: LOADGRID_METRICS_HOST." };
        var traceSample = new Option<string?>("--trace-sample") { Description = "Trace this fraction of the node's iterations (e.g. 0.01); default off. Env: LOADGRID_TRACE_SAMPLE." };
        var command = new Command("node", "Run one long-lived cluster node (coordinator or regional worker).");
        foreach (var option in new Option[] { role, region, hostname, publicHostname, port, seed, controlHost, controlPort, db, config, token, metricsPort, metricsHost, traceSample }) command.Options.Add(option);
        command.SetAction(async (parse, cancellation) =>
        {
            var settings = NodeSettings.Resolve(new NodeSettings.CommandLine(
                parse.GetValue(role), parse.GetValue(region), parse.GetValue(hostname), parse.GetValue(publicHostname), parse.GetValue(port),
                parse.GetValue(seed), parse.GetValue(controlHost), parse.GetValue(controlPort), parse.GetValue(db), parse.GetValue(config), parse.GetValue(token),
                parse.GetValue(metricsPort), parse.GetValue(metricsHost), parse.GetValue(traceSample)),
                Environment.GetEnvironmentVariable, out var error);
            if (settings is null) return Usage.Fail(error!);
            return await Telemetry.ExportingRun.RunAsync(settings.Telemetry ?? Telemetry.TelemetrySettings.Off, () => RunNodeAsync(settings, cancellation));
        });
        return command;
    }

    private static async Task<int> RunNodeAsync(NodeSettings settings, CancellationToken cancellation)
    {
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.TrySetResult(); };
        Console.CancelKeyPress += onCancel;
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        try
        {
            var serialize = string.Equals(Environment.GetEnvironmentVariable(EmbeddedRunner.SerializeMessagesVariable), "on", StringComparison.OrdinalIgnoreCase);
            Console.WriteLine($"LoadGrid node starting: {settings.Role}{(settings.Regions.Count > 0 ? $" of region {string.Join(", ", settings.Regions)}" : "")}, remoting {settings.Hostname}:{settings.Port}{(settings.Seeds.Count > 0 ? $", joining {string.Join(", ", settings.Seeds)}" : "")}");
            // a signal while the node is still joining cancels the start
            using var starting = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            using var cancelStart = stop.Task.ContinueWith(_ => starting.Cancel(), TaskScheduler.Default);
            await using var node = await LoadGridNode.StartAsync(settings.ToNodeOptions(serialize), starting.Token);
            Console.WriteLine($"LoadGrid node up: {node.Address} roles [{string.Join(", ", Akka.Cluster.Cluster.Get(node.System).SelfRoles.Order())}]");
            Console.WriteLine(Hosting.TransportBanner.Describe(node.Transport));
            ControlServer? control = null;
            if (settings.IsCoordinator)
            {
                control = await ControlServer.StartAsync(node, settings.ControlHost, settings.ControlPort, settings.Token, cancellation);
                Console.WriteLine($"Control endpoint: {control.BaseAddress} ({(settings.Token is null ? "no token" : "bearer token required")}) · history in {DatabaseLocation.Parse(settings.Database).Display}");
            }
            await using (control)
            {
                await stop.Task.WaitAsync(cancellation);
                Console.WriteLine("LoadGrid node leaving the cluster…");
            }
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        Console.WriteLine("LoadGrid node stopped.");
        return ExitCodes.Passed;
    }
}
