using System.CommandLine;

namespace LoadGrid.Cli.Commands;

/// <summary>
/// <c>loadgrid ctl</c> and <c>loadgrid shell</c> as they appear in <c>loadgrid --help</c>. Their words are parsed
/// by the palettes the node serves (<see cref="Operator.CtlRunner"/>, <see cref="Operator.ShellRunner"/>), not by
/// System.CommandLine: Program hands them their arguments as they are.
/// </summary>
public static class CtlCommandFactory
{
    public static Command CreateCtl()
    {
        var command = new Command("ctl", $"Send one command to a cluster's control endpoint (default {Operator.OperatorArguments.DefaultTarget}); 'loadgrid ctl help' lists them.");
        command.Arguments.Add(new Argument<string[]>("command") { Description = "[HOST:PORT] PALETTE COMMAND [ARGS] [--json] [--token T]", Arity = ArgumentArity.ZeroOrMore });
        command.SetAction((parse, ct) => Operator.CtlRunner.RunAsync(parse.Tokens.Skip(1).Select(t => t.Value).ToArray(), ct));
        return command;
    }

    public static Command CreateShell()
    {
        var command = new Command("shell", $"The interactive operator shell on a cluster's control endpoint (default {Operator.OperatorArguments.DefaultTarget}).");
        command.Arguments.Add(new Argument<string[]>("address") { Description = "[HOST:PORT] [--token T]", Arity = ArgumentArity.ZeroOrMore });
        command.SetAction((parse, ct) => Operator.ShellRunner.RunAsync(parse.Tokens.Skip(1).Select(t => t.Value).ToArray(), ct));
        return command;
    }
}
