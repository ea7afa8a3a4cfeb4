using System.CommandLine;
using LoadGrid.Cli.History;
using LoadGrid.Core.Metrics;
using LoadGrid.Reporting;
using LoadGrid.Reporting.Comparison;

namespace LoadGrid.Cli.Commands;

/// <summary>
/// <c>loadgrid compare CURRENT BASELINE [--budget METRIC=±N%]… [--md PATH]</c>: each side a run id from history or a
/// summary JSON file. Exit 99 when a budget is broken, 0 when all hold, 2 on bad input.
/// </summary>
public static class CompareCommandFactory
{
    public static Command Create()
    {
        var current = new Argument<string>("current") { Description = "The run to judge: a run id (from --db or --cluster) or a summary JSON file." };
        var baseline = new Argument<string>("baseline") { Description = "What it is compared with: a run id or a summary JSON file." };
        var budgets = new Option<string[]>("--budget")
        {
            Description = "METRIC[{step:NAME}]=±N% (pt for errorRate, ms for latencies), repeatable; defaults p95=+10%, p99=+15%, errorRate=+0.5pt, rps=-10%.",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var md = new Option<string?>("--md") { Description = "Also write the comparison as Markdown (a pull-request comment) to PATH ('-' for standard output)." };
        var history = new HistoryOptions();
        var command = new Command("compare", "Compare a run with a baseline, metric by metric; exit 99 when a performance budget is broken.");
        command.Arguments.Add(current);
        command.Arguments.Add(baseline);
        command.Options.Add(budgets);
        command.Options.Add(md);
        history.AddTo(command);
        command.SetAction((parse, cancellation) => HistoryOptions.GuardAsync(async () =>
        {
            if (!BudgetParser.TryParseAll(parse.GetValue(budgets) ?? [], out var given, out var errors))
            {
                foreach (var error in errors) Console.Error.WriteLine($"loadgrid: {error}");
                return ExitCodes.BadInput;
            }
            RunHistorySource? source = null;
            try
            {
                async Task<RunSummary> Load(string what)
                {
                    if (TryReadFile(what) is { } summary) return summary;
                    source ??= await history.OpenAsync(parse, cancellation);
                    return (await source.ResultAsync(what, cancellation)).Summary;
                }
                var result = RunComparison.Compare(await Load(parse.GetValue(current)!), await Load(parse.GetValue(baseline)!), Budget.WithDefaults(given));
                Console.Out.Write(ComparisonText.Render(result));
                if (parse.GetValue(md) is { } mdPath)
                {
                    var markdown = ComparisonMarkdown.Render(result);
                    if (mdPath == "-") Console.Out.Write(markdown);
                    else AtomicFile.WriteAllText(mdPath, markdown);
                }
                return result.AnyBroken ? ExitCodes.ThresholdFailed : ExitCodes.Passed;
            }
            finally
            {
                if (source is not null) await source.DisposeAsync();
            }
        }));
        return command;
    }

    /// <summary>
    /// A summary JSON when <paramref name="what"/> is a file; null when it reads as a run id. Something that looks
    /// like a file (a .json name or a path) but is not there is an error naming it, not a run id to look up.
    /// </summary>
    private static RunSummary? TryReadFile(string what)
    {
        if (File.Exists(what))
        {
            try
            {
                return SummaryJson.Read(what);
            }
            catch (InvalidDataException e)
            {
                throw new HistoryInputException($"{what}: {e.Message}");
            }
        }
        if (what.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || what.Contains('/') || what.Contains('\\'))
            throw new HistoryInputException($"{what}: no such file");
        return null;
    }
}
