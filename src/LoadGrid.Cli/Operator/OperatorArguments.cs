using LoadGrid.Control;

namespace LoadGrid.Cli.Operator;

/// <summary>
/// The words after <c>loadgrid ctl</c> / <c>loadgrid shell</c>: an optional HOST:PORT first, the client's own flags
/// (<c>--json</c>, <c>--token T</c>, <c>--help</c>) anywhere, and the palette command.
/// </summary>
public sealed record OperatorArguments(string Target, string? Token, bool Json, bool Help, IReadOnlyList<string> Words)
{
    public const string DefaultTarget = "127.0.0.1:9110";

    public static OperatorArguments Parse(IReadOnlyList<string> args)
    {
        string? token = null;
        bool json = false, help = false;
        var words = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--json": json = true; break;
                case "--help" or "-h" or "-?": help = true; break;
                case "--token" when i + 1 < args.Count: token = args[++i]; break;
                case "--token": throw new ArgumentException("--token needs a value");
                default:
                    if (args[i].StartsWith("--token=", StringComparison.Ordinal)) token = args[i]["--token=".Length..];
                    else words.Add(args[i]);
                    break;
            }
        }
        var target = DefaultTarget;
        if (words.Count > 0 && LooksLikeAddress(words[0]))
        {
            target = words[0];
            words.RemoveAt(0);
        }
        return new OperatorArguments(target, token, json, help, words);
    }

    /// <summary>HOST:PORT or a URL; a palette word never has a colon.</summary>
    public static bool LooksLikeAddress(string word) =>
        (word.Contains(':', StringComparison.Ordinal) && !word.StartsWith('-') && !word.Contains('=', StringComparison.Ordinal)) || word.StartsWith("http", StringComparison.Ordinal);

    public ControlClient Connect() => new(Target, Token);
}
