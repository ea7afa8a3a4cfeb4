using LoadGrid.Cluster.Coordinator;
using LoadGrid.Cluster.Hosting;
using LoadGrid.Core.Data;
using LoadGrid.Core.Scenarios;
using LoadGrid.Reporting;
using Spectre.Console;

namespace LoadGrid.Cli.Running;

/// <summary>
/// <c>loadgrid run FILE</c>: validates the file, starts an embedded one-node cluster (coordinator + a worker per
/// region), runs the file with a live view, and writes the summary and reports.
/// </summary>
public static class EmbeddedRunner
{
    /// <summary>Set to "on" to serialize every actor message, even local ones (tests use it to catch missing bindings).</summary>
    public const string SerializeMessagesVariable = "LOADGRID_SERIALIZE_MESSAGES";

    public static async Task<int> RunAsync(RunRequest request, IAnsiConsole console, TextWriter errors, CancellationToken cancellation)
    {
        var loaded = ScenarioLoader.LoadFile(request.ScenarioPath, request.Env);
        if (!loaded.IsValid)
        {
            foreach (var error in loaded.Errors) errors.WriteLine(error.ToString());
            return ExitCodes.BadInput;
        }
        var file = loaded.Scenario!;
        var feeders = file.Data.Select(d => CsvFeederReader.Read(d.ResolvedPath, d.Name, d.Pick)).ToArray();

        var serialize = string.Equals(Environment.GetEnvironmentVariable(SerializeMessagesVariable), "on", StringComparison.OrdinalIgnoreCase);
        await using var node = await LoadGridNode.StartAsync(
            NodeOptions.Embedded(file.Regions.Select(r => r.Name).ToArray(), serialize), cancellation);

        var runId = RunSetup.NewRunId();
        var shardsPerRegion = file.Regions.ToDictionary(r => r.Name, _ => 1);
        var setup = new RunSetup(runId, file, request.Env, RunPlanner.Plan(runId, file, shardsPerRegion), feeders);
        console.MarkupLine($"[bold]LoadGrid[/] run [blue]{runId}[/] · {Markup.Escape(file.Name)} · {file.Scenarios.Count} scenario(s) · regions {Markup.Escape(string.Join(", ", file.Regions.Select(r => $"{r.Name}×{r.Weight:0.##}")))} · planned {RunPlanner.PlannedDuration(file).TotalSeconds:0}s");

        var handle = node.StartRun(setup);
        using var interrupts = new InterruptHandler(handle, console);
        var live = !request.NoProgress && !Console.IsOutputRedirected && console.Profile.Capabilities.Interactive;
        using (var view = ProgressViews.Create(console, live))
        {
            await foreach (var progress in handle.Progress.ReadAllAsync(cancellation)) view.Update(progress);
            view.Complete();
        }
        var finished = await handle.Completion.WaitAsync(cancellation);

        ConsoleSummary.Render(console, finished.Summary);
        if (request.SummaryJsonPath is not null)
        {
            SummaryJson.Write(finished.Summary, request.SummaryJsonPath);
            console.MarkupLine($"Summary JSON: [blue]{Markup.Escape(request.SummaryJsonPath)}[/]");
        }
        if (request.ReportPath is not null)
        {
            HtmlReport.Write(finished.Summary, finished.Series, finished.RegionSeries, request.ReportPath);
            console.MarkupLine($"HTML report: [blue]{Markup.Escape(request.ReportPath)}[/]");
        }
        return ExitCodeOf.Summary(finished.Summary);
    }
}
