using System.CommandLine;
using LoadGrid.Cli.History;
using LoadGrid.Control;

namespace LoadGrid.Cli.Commands;

/// <summary>Where <c>runs</c>, <c>report</c> and <c>compare</c> find past runs, and how their failures map to exit codes.</summary>
public sealed class HistoryOptions
{
    public Option<string> Database { get; } = new("--db")
    {
        Description = "The run history to read: sqlite:PATH or postgres:CONNECTION-STRING.",
        DefaultValueFactory = _ => LoadGrid.Cluster.Hosting.DatabaseLocation.Default,
    };

    public Option<string?> Cluster { get; } = new("--cluster") { Description = "Read the history of the cluster whose control endpoint is HOST:PORT instead." };

    public Option<string?> Token { get; } = new("--token") { Description = "The cluster's control token (default: LOADGRID_TOKEN)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Database);
        command.Options.Add(Cluster);
        command.Options.Add(Token);
    }

    public Task<RunHistorySource> OpenAsync(ParseResult parse, CancellationToken cancellation) =>
        RunHistorySource.OpenAsync(parse.GetValue(Database)!, parse.GetValue(Cluster), parse.GetValue(Token), cancellation);

    /// <summary>Runs a history command: a wrong database, address, run id or file is bad input (2), with its message.</summary>
    public static async Task<int> GuardAsync(Func<Task<int>> command)
    {
        try
        {
            return await command();
        }
        catch (Exception e) when (e is HistoryInputException or ControlUnreachableException or ArgumentException)
        {
            return Usage.Fail(e.Message);
        }
        catch (ControlException e)
        {
            Console.Error.WriteLine($"loadgrid: the cluster answered: {e.Message}");
            return e.Status is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden ? ExitCodes.BadInput : ExitCodes.Failure;
        }
    }
}
