using System.CommandLine;
using LoadGrid.Cli.Running;
using Spectre.Console;

namespace LoadGrid.Cli.Commands;

/// <summary><c>loadgrid run FILE.yaml [options]</c>.</summary>
public static class RunCommandFactory
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The scenario file (YAML)." };
        var common = new CommonOptions();
        var command = new Command("run", "Run a scenario file on an embedded single-process cluster (a coordinator and a worker per region).");
        command.Arguments.Add(file);
        common.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            if (!CommonOptions.TryParseEnv(parse.GetValue(common.Env), out var env, out var error))
                return Usage.Fail(error!);
            var request = new RunRequest(parse.GetValue(file)!, env, parse.GetValue(common.SummaryJson), parse.GetValue(common.Report), parse.GetValue(common.NoProgress));
            return await EmbeddedRunner.RunAsync(request, AnsiConsole.Console, Console.Error, cancellation);
        });
        return command;
    }
}
