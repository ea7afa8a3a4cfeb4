using LoadGrid.Cluster.Coordinator;
using LoadGrid.Core.Scenarios;
using LoadGrid.Reporting;
using Spectre.Console;

namespace LoadGrid.Cli.Running;

/// <summary>Follows a run to its end, the same for embedded and cluster runs: live view, Ctrl+C, summary, files, exit code.</summary>
public static class RunFollower
{
    public static void PrintHeader(IAnsiConsole console, string runId, ScenarioFile file, string where) =>
        console.MarkupLine($"[bold]LoadGrid[/] run [blue]{runId}[/] · {Markup.Escape(file.Name)} · {file.Scenarios.Count} scenario(s) · regions {Markup.Escape(string.Join(", ", file.Regions.Select(r => $"{r.Name}×{r.Weight:0.##}")))} · planned {RunPlanner.PlannedDuration(file).TotalSeconds:0}s · {Markup.Escape(where)}");

    public static async Task<int> FollowAsync(IRunSession session, RunRequest request, IAnsiConsole console, CancellationToken cancellation)
    {
        using var interrupts = new InterruptHandler(session, console);
        var live = !request.NoProgress && !Console.IsOutputRedirected && console.Profile.Capabilities.Interactive;
        using (var view = ProgressViews.Create(console, live))
        {
            await foreach (var progress in session.Progress.ReadAllAsync(cancellation)) view.Update(progress);
            view.Complete();
        }
        LoadGrid.Core.Metrics.RunResult result;
        try
        {
            result = await session.Completion.WaitAsync(cancellation);
        }
        catch (RunLostException e)
        {
            await Console.Error.WriteLineAsync($"loadgrid: {e.Message}");
            return ExitCodes.Failure;
        }

        ConsoleSummary.Render(console, result.Summary);
        if (request.SummaryJsonPath is not null)
        {
            SummaryJson.Write(result.Summary, request.SummaryJsonPath);
            console.MarkupLine($"Summary JSON: [blue]{Markup.Escape(request.SummaryJsonPath)}[/]");
        }
        if (request.ReportPath is not null)
        {
            HtmlReport.Write(result, request.ReportPath);
            console.MarkupLine($"HTML report: [blue]{Markup.Escape(request.ReportPath)}[/]");
        }
        if (request.JunitPath is not null)
        {
            JunitReport.Write(result.Summary, request.JunitPath);
            console.MarkupLine($"JUnit XML: [blue]{Markup.Escape(request.JunitPath)}[/]");
        }
        return ExitCodeOf.Summary(result.Summary);
    }
}
