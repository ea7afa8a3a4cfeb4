using System.Net;
using LoadGrid.Control;
using LoadGrid.Control.Palettes;

namespace LoadGrid.Cli.Operator;

/// <summary><c>loadgrid ctl [HOST:PORT] COMMAND… [--json] [--token T]</c>: one palette command for scripts.</summary>
public static class CtlRunner
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellation)
    {
        OperatorArguments parsed;
        ControlClient client;
        try
        {
            parsed = OperatorArguments.Parse(args);
            client = parsed.Connect();
        }
        catch (ArgumentException e)
        {
            return Commands.Usage.Fail(e.Message);
        }
        using (client)
        {
            try
            {
                var palettes = await PaletteSource.FetchAsync(client, cancellation);
                if (parsed.Help || parsed.Words is ["help", ..])
                {
                    Help.Print(Console.Out, palettes, parsed.Words.SkipWhile(w => w == "help").ToArray(), shell: false);
                    return ExitCodes.Passed;
                }
                ParsedCommand command;
                try
                {
                    command = CommandParser.Parse(palettes, parsed.Words);
                }
                catch (CommandParseException e)
                {
                    return Commands.Usage.Fail(e.Message);
                }
                return await new OperatorCommands(client, parsed.Json, Console.Out, Console.Error).ExecuteAsync(command, cancellation);
            }
            catch (ControlUnreachableException e)
            {
                return Commands.Usage.Fail(e.Message);
            }
            catch (ControlException e)
            {
                Console.Error.WriteLine($"loadgrid: {e.Message}");
                return e.Status is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest or HttpStatusCode.NotFound ? ExitCodes.BadInput : ExitCodes.Failure;
            }
        }
    }
}

/// <summary>The palettes the node offers; a node without the palettes route is answered with this client's own.</summary>
public static class PaletteSource
{
    public static async Task<IReadOnlyList<PaletteDefinition>> FetchAsync(ControlClient client, CancellationToken ct)
    {
        try
        {
            var palettes = await client.PalettesAsync(ct);
            return palettes.Count > 0 ? palettes : LoadGridPalettes.All;
        }
        catch (ControlException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return LoadGridPalettes.All;
        }
    }
}
