using System.CommandLine;
using System.Text.RegularExpressions;
using LoadGrid.Cli.Running;
using LoadGrid.Cli.Telemetry;
using LoadGrid.DemoTarget;
using Spectre.Console;

namespace LoadGrid.Cli.Commands;

/// <summary>
/// <c>loadgrid demo</c>: starts the demo target on a free loopback port and runs the built-in demo shop
/// (scenarios/demo.yaml, shipped inside the tool) on an embedded three-region cluster with a live view, then
/// prints the summary and writes loadgrid-report.html.
/// </summary>
public static partial class DemoCommandFactory
{
    public const string DefaultReport = "loadgrid-report.html";

    public static Command Create()
    {
        var common = new CommonOptions();
        var telemetry = new TelemetryOptions();
        var command = new Command("demo", "Run the built-in demo shop against the built-in demo target (no setup needed).");
        common.AddTo(command);
        telemetry.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            if (!CommonOptions.TryParseEnv(parse.GetValue(common.Env), out var env, out var error))
                return Usage.Fail(error!);
            var exports = telemetry.Resolve(parse, out error);
            if (exports is null) return Usage.Fail(error!);
            await using var target = await DemoTargetServer.StartAsync(0, "127.0.0.1", cancellation);
            var folder = Directory.CreateTempSubdirectory("loadgrid-demo-");
            try
            {
                var scenario = ExtractDemo(folder.FullName, target.BaseAddress);
                AnsiConsole.MarkupLine($"Demo target on [blue]{target.BaseAddress}[/]; scenario [blue]{Markup.Escape(scenario)}[/]");
                var request = new RunRequest(scenario, env, parse.GetValue(common.SummaryJson),
                    parse.GetValue(common.Report) ?? DefaultReport, parse.GetValue(common.NoProgress), parse.GetValue(common.Database)!,
                    JunitPath: parse.GetValue(common.Junit),
                    TraceSample: exports.TraceSample);
                return await ExportingRun.RunAsync(exports, () => EmbeddedRunner.RunAsync(request, AnsiConsole.Console, Console.Error, cancellation));
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        });
        return command;
    }

    /// <summary>Writes the embedded demo files into <paramref name="folder"/>, with baseUrl pointing at the target.</summary>
    private static string ExtractDemo(string folder, Uri target)
    {
        var assembly = typeof(DemoCommandFactory).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("demo/", StringComparison.Ordinal)))
        {
            var path = Path.Combine(folder, name["demo/".Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var resource = assembly.GetManifestResourceStream(name)!;
            using var output = File.Create(path);
            resource.CopyTo(output);
        }
        var scenario = Path.Combine(folder, "demo.yaml");
        var baseUrl = target.ToString().TrimEnd('/');
        File.WriteAllText(scenario, BaseUrlLine().Replace(File.ReadAllText(scenario), $"baseUrl: {baseUrl}", 1));
        return scenario;
    }

    [GeneratedRegex(@"^baseUrl:.*$", RegexOptions.Multiline)]
    private static partial Regex BaseUrlLine();
}
