using LoadGrid.Core.Scenarios.Parsing;

namespace LoadGrid.Core.Scenarios;

/// <summary>
/// Loads and validates scenario files. Every problem is reported at once, each at the line and column of the
/// YAML node it is about; only malformed YAML stops the reading early (past it nothing is reliable).
/// </summary>
public static class ScenarioLoader
{
    /// <summary>Reads the file at <paramref name="path"/>, parses and validates it.</summary>
    /// <param name="env">The <c>--env KEY=VALUE</c> values; <c>${env.KEY}</c> also falls back to the process environment.</param>
    public static ScenarioLoadResult LoadFile(string path, IReadOnlyDictionary<string, string> env)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Failed(path, $"scenario file '{path}' not found (looked in {FullPathOrSelf(path)})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Failed(path, $"cannot read scenario file '{path}': {e.Message}");
        }
        return Parse(text, path, env);
    }

    /// <summary>Parses and validates scenario text that was read from <paramref name="path"/>.</summary>
    /// <param name="checkFiles">
    /// False on workers, which re-parse the text the coordinator sent: feeder CSV files are not opened, so
    /// <see cref="FeederDefinition.Columns"/> stay empty and <c>${feeder.column}</c> columns are not checked.
    /// </param>
    public static ScenarioLoadResult Parse(string text, string path, IReadOnlyDictionary<string, string> env, bool checkFiles = true)
    {
        var ctx = new ParseContext(path, env, checkFiles);
        var root = YamlDocumentReader.Read(text, ctx);
        var scenario = root is null ? null : ScenarioFileParser.Parse(root, text, ctx);
        var errors = ctx.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToArray();
        return new ScenarioLoadResult(errors.Length == 0 ? scenario : null, errors);
    }

    private static ScenarioLoadResult Failed(string path, string message) =>
        new(null, [new ScenarioError(path, 1, 1, message)]);

    private static string FullPathOrSelf(string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;
        }
    }
}
