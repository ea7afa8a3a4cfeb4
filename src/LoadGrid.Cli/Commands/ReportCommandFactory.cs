using System.CommandLine;
using LoadGrid.Reporting;

namespace LoadGrid.Cli.Commands;

/// <summary>
/// <c>loadgrid report RUN_ID --html F | --json F | --junit F | --md F</c>: renders a past run from history. The files
/// are those <c>loadgrid run</c> writes at the end of the run (same renderers, same stored result).
/// </summary>
public static class ReportCommandFactory
{
    public static Command Create()
    {
        var runId = new Argument<string>("run-id") { Description = "The run (see 'loadgrid runs')." };
        var html = new Option<string?>("--html") { Description = "Write the self-contained HTML report to PATH." };
        var json = new Option<string?>("--json") { Description = "Write the summary JSON to PATH." };
        var junit = new Option<string?>("--junit") { Description = "Write the thresholds as JUnit XML to PATH." };
        var md = new Option<string?>("--md") { Description = "Write a Markdown summary to PATH ('-' for standard output)." };
        var history = new HistoryOptions();
        var command = new Command("report", "Render a past run as HTML, summary JSON, JUnit XML or Markdown.");
        command.Arguments.Add(runId);
        command.Options.Add(html);
        command.Options.Add(json);
        command.Options.Add(junit);
        command.Options.Add(md);
        history.AddTo(command);
        command.SetAction((parse, cancellation) => HistoryOptions.GuardAsync(async () =>
        {
            string? htmlPath = parse.GetValue(html), jsonPath = parse.GetValue(json), junitPath = parse.GetValue(junit), mdPath = parse.GetValue(md);
            if (htmlPath is null && jsonPath is null && junitPath is null && mdPath is null)
                return Usage.Fail("report: say what to write: --html PATH, --json PATH, --junit PATH and/or --md PATH");
            await using var source = await history.OpenAsync(parse, cancellation);
            var result = await source.ResultAsync(parse.GetValue(runId)!, cancellation);
            // Rendered first, written after: a failure in one renderer leaves no file of this command behind.
            var outputs = new List<(string Path, string Text, string What)>();
            if (htmlPath is not null) outputs.Add((htmlPath, HtmlReport.Render(result), "HTML report"));
            if (jsonPath is not null) outputs.Add((jsonPath, SummaryJson.Serialize(result.Summary), "Summary JSON"));
            if (junitPath is not null) outputs.Add((junitPath, JunitReport.Render(result.Summary), "JUnit XML"));
            if (mdPath is not null) outputs.Add((mdPath, MarkdownReport.Render(result.Summary), "Markdown"));
            foreach (var (path, text, what) in outputs)
            {
                if (path == "-")
                {
                    Console.Out.Write(text);
                    continue;
                }
                AtomicFile.WriteAllText(path, text);
                Console.Error.WriteLine($"{what}: {path}");
            }
            return ExitCodes.Passed;
        }));
        return command;
    }
}
