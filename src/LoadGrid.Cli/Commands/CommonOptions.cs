using System.CommandLine;

namespace LoadGrid.Cli.Commands;

/// <summary>Options every run accepts (the contract's list), shared by <c>run</c> and <c>demo</c>.</summary>
public sealed class CommonOptions
{
    public Option<string?> SummaryJson { get; } = new("--summary-json") { Description = "Write the summary JSON to PATH at the end of the run." };
    public Option<string?> Report { get; } = new("--report") { Description = "Write a self-contained HTML report to PATH.html at the end of the run." };
    public Option<string?> Junit { get; } = new("--junit") { Description = "Write the thresholds as JUnit XML (a test case each) to PATH at the end of the run." };
    public Option<bool> NoProgress { get; } = new("--no-progress") { Description = "No live view; print a progress line every few seconds instead." };
    public Option<string[]> Env { get; } = new("--env")
    {
        Description = "KEY=VALUE made available to the scenario as ${env.KEY} (repeatable).",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string> Database { get; } = new("--db")
    {
        Description = "Where run history is kept: sqlite:PATH or postgres:CONNECTION-STRING.",
        DefaultValueFactory = _ => LoadGrid.Cluster.Hosting.DatabaseLocation.Default,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Database);
        command.Options.Add(SummaryJson);
        command.Options.Add(Report);
        command.Options.Add(Junit);
        command.Options.Add(NoProgress);
        command.Options.Add(Env);
    }

    /// <summary>Parses the --env values; a malformed one is a usage error naming it.</summary>
    public static bool TryParseEnv(IEnumerable<string>? values, out Dictionary<string, string> env, out string? error)
    {
        env = new Dictionary<string, string>(StringComparer.Ordinal);
        error = null;
        foreach (var value in values ?? [])
        {
            var equals = value.IndexOf('=');
            if (equals <= 0)
            {
                error = $"--env '{value}': expected KEY=VALUE";
                return false;
            }
            env[value[..equals]] = value[(equals + 1)..];
        }
        return true;
    }
}
