using System.CommandLine;
using LoadGrid.Cli.Running;
using LoadGrid.Cli.Telemetry;
using Spectre.Console;

namespace LoadGrid.Cli.Commands;

/// <summary><c>loadgrid run FILE.yaml [options]</c>.</summary>
public static class RunCommandFactory
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The scenario file (YAML)." };
        var common = new CommonOptions();
        var telemetry = new TelemetryOptions();
        var cluster = new Option<string?>("--cluster") { Description = "Submit the run to the cluster whose control endpoint is HOST:PORT and follow it there." };
        var baseUrl = new Option<string?>("--base-url") { Description = "Use URL instead of the file's baseUrl." };
        var token = new Option<string?>("--token") { Description = "The cluster's control token (default: LOADGRID_TOKEN)." };
        var command = new Command("run", "Run a scenario file on an embedded single-process cluster (a coordinator and a worker per region), or on a cluster with --cluster.");
        command.Arguments.Add(file);
        common.AddTo(command);
        command.Options.Add(cluster);
        command.Options.Add(baseUrl);
        command.Options.Add(token);
        telemetry.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            if (!CommonOptions.TryParseEnv(parse.GetValue(common.Env), out var env, out var error))
                return Usage.Fail(error!);
            var url = parse.GetValue(baseUrl);
            if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"))
                return Usage.Fail($"--base-url '{url}': expected an absolute http(s) URL");
            var exports = telemetry.Resolve(parse, out error);
            if (exports is null) return Usage.Fail(error!);
            var request = new RunRequest(parse.GetValue(file)!, env, parse.GetValue(common.SummaryJson), parse.GetValue(common.Report),
                parse.GetValue(common.NoProgress), parse.GetValue(common.Database)!, parse.GetValue(cluster), url, parse.GetValue(token),
                parse.GetValue(common.Junit), exports.TraceSample);
            if (request.Cluster is not null)
            {
                // A cluster's load runs in its nodes: they export and trace (loadgrid node --metrics-port, --trace-sample).
                if (telemetry.AnyGiven(parse))
                    return Usage.Fail("--metrics-port, --metrics-linger and --trace-sample apply to embedded runs; with --cluster, set them on the cluster's nodes (loadgrid node --metrics-port P --trace-sample F, or LOADGRID_METRICS_PORT / LOADGRID_TRACE_SAMPLE)");
                return await RemoteRunner.RunAsync(request, AnsiConsole.Console, Console.Error, cancellation);
            }
            return await ExportingRun.RunAsync(exports, () => EmbeddedRunner.RunAsync(request, AnsiConsole.Console, Console.Error, cancellation));
        });
        return command;
    }
}
