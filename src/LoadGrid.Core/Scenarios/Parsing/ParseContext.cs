using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LoadGrid.Core.Scenarios.Parsing;

/// <summary>What every section parser shares: the error list and what the caller passed in.</summary>
internal sealed class ParseContext
{
    private readonly List<ScenarioError> _errors = [];
    private readonly IReadOnlyDictionary<string, string> _env;

    public ParseContext(string file, IReadOnlyDictionary<string, string> env, bool checkFiles)
    {
        File = file;
        _env = env;
        CheckFiles = checkFiles;
        BaseDirectory = DirectoryOf(file);
    }

    /// <summary>The path as the caller gave it; it prefixes every message.</summary>
    public string File { get; }

    /// <summary>The scenario file's folder, against which feeder paths resolve.</summary>
    public string BaseDirectory { get; }

    /// <summary>False on workers, which re-parse text the coordinator already validated and have no feeder files.</summary>
    public bool CheckFiles { get; }

    public IReadOnlyList<ScenarioError> Errors => _errors;

    public void Error(YamlNode node, string message) => Error(node.Start, message);

    public void Error(Mark mark, string message) => Error((int)mark.Line, (int)mark.Column, message);

    public void Error(int line, int column, string message) => _errors.Add(new ScenarioError(File, line, column, message));

    /// <summary>An <c>env.KEY</c> value: <c>--env</c> first, then the process environment.</summary>
    public string? EnvValue(string key) =>
        _env.TryGetValue(key, out var value) ? value : Environment.GetEnvironmentVariable(key);

    private static string DirectoryOf(string file)
    {
        if (string.IsNullOrWhiteSpace(file)) return Directory.GetCurrentDirectory();
        try
        {
            return Path.GetDirectoryName(Path.GetFullPath(file)) ?? Directory.GetCurrentDirectory();
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return Directory.GetCurrentDirectory();
        }
    }
}
