using System.CommandLine;
using LoadGrid.Core.Scenarios;

namespace LoadGrid.Cli.Commands;

/// <summary><c>loadgrid validate FILE.yaml</c>: every error as FILE:LINE:COL: message, exit 2 if any.</summary>
public static class ValidateCommandFactory
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The scenario file (YAML)." };
        var env = new CommonOptions().Env;
        var command = new Command("validate", "Check a scenario file and print every error as FILE:LINE:COL: message.");
        command.Arguments.Add(file);
        command.Options.Add(env);
        command.SetAction(parse =>
        {
            if (!CommonOptions.TryParseEnv(parse.GetValue(env), out var values, out var error))
                return Usage.Fail(error!);
            var path = parse.GetValue(file)!;
            var result = ScenarioLoader.LoadFile(path, values);
            if (!result.IsValid)
            {
                foreach (var problem in result.Errors) Console.Error.WriteLine(problem.ToString());
                Console.Error.WriteLine($"{path}: {result.Errors.Count} error(s)");
                return ExitCodes.BadInput;
            }
            var scenario = result.Scenario!;
            Console.WriteLine($"{path}: ok ({scenario.Scenarios.Count} scenario(s): {string.Join(", ", scenario.Scenarios.Select(s => s.Name))}; {scenario.Thresholds.Count} threshold(s))");
            return ExitCodes.Passed;
        });
        return command;
    }
}
