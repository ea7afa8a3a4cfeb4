using System.CommandLine;
using LoadGrid.Cli.Operator;

namespace LoadGrid.Cli.Commands;

/// <summary><c>loadgrid runs [--db URI | --cluster HOST:PORT]</c>: past runs, newest first.</summary>
public static class RunsCommandFactory
{
    public static Command Create()
    {
        var history = new HistoryOptions();
        var command = new Command("runs", "List past runs (from --db, default ./loadgrid.db, or from a cluster with --cluster), newest first.");
        history.AddTo(command);
        command.SetAction((parse, cancellation) => HistoryOptions.GuardAsync(async () =>
        {
            await using var source = await history.OpenAsync(parse, cancellation);
            RunTables.PrintList(Console.Out, await source.ListAsync(cancellation));
            return ExitCodes.Passed;
        }));
        return command;
    }
}
