using System.CommandLine;
using LoadGrid.Cli;
using LoadGrid.Cli.Commands;
using LoadGrid.Cli.Hosting;

SocketCompletions.RunInlineForLoadGeneration(args);

var root = new RootCommand("LoadGrid: distributed load generation on Akka.NET. See README.md and docs/.")
{
    DemoCommandFactory.Create(),
    RunCommandFactory.Create(),
    ValidateCommandFactory.Create(),
    RunsCommandFactory.Create(),
    ReportCommandFactory.Create(),
    CompareCommandFactory.Create(),
    TargetCommandFactory.Create(),
    NodeCommandFactory.Create(),
    CtlCommandFactory.CreateCtl(),
    CtlCommandFactory.CreateShell(),
};

// ctl and shell take palette commands with their own options (run scale ID --factor 1.5): they parse their words
// themselves, from the palettes the node serves.
if (args is ["ctl", ..]) return await LoadGrid.Cli.Operator.CtlRunner.RunAsync(args[1..], CancellationToken.None);
if (args is ["shell", ..]) return await LoadGrid.Cli.Operator.ShellRunner.RunAsync(args[1..], CancellationToken.None);

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"loadgrid: {error.Message}");
    Console.Error.WriteLine("Run 'loadgrid --help' for usage.");
    return ExitCodes.BadInput;
}
if (SocketCompletions.GeneratesLoad(args) && LoadGrid.Http.Lean.TransportSelection.EnvironmentError() is { } transportError)
{
    Console.Error.WriteLine($"loadgrid: {transportError}");
    return ExitCodes.BadInput;
}
try
{
    // LoadGrid handles Ctrl+C itself (first press: graceful stop, second: abort), so the parser's handler is off.
    return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
}
catch (Exception e)
{
    Console.Error.WriteLine($"loadgrid: {e.Message}");
    return ExitCodes.Failure;
}
