using System.CommandLine;
using LoadGrid.Cli;
using LoadGrid.Cli.Commands;

var root = new RootCommand("LoadGrid: distributed load generation on Akka.NET. See README.md and docs/.")
{
    DemoCommandFactory.Create(),
    RunCommandFactory.Create(),
    ValidateCommandFactory.Create(),
    TargetCommandFactory.Create(),
    NodeCommandFactory.Create(),
    CtlCommandFactory.Create(),
};

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"loadgrid: {error.Message}");
    Console.Error.WriteLine("Run 'loadgrid --help' for usage.");
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
