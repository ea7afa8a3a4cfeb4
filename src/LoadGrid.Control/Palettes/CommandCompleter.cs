namespace LoadGrid.Control.Palettes;

/// <summary>The words that could complete the one under the cursor, and where that word starts.</summary>
public sealed record Completion(int WordStart, string Prefix, IReadOnlyList<string> Candidates)
{
    /// <summary>The longest text every candidate starts with (what Tab inserts when there are several).</summary>
    public string CommonPrefix()
    {
        if (Candidates.Count == 0) return Prefix;
        var common = Candidates[0];
        foreach (var c in Candidates.Skip(1))
        {
            var n = 0;
            while (n < common.Length && n < c.Length && common[n] == c[n]) n++;
            common = common[..n];
        }
        return common;
    }
}

/// <summary>
/// Tab completion from the palettes: palettes, their commands, option names, and values of the kinds the node can
/// list (run ids, regions, node addresses — asked of <c>values</c>, which the shell fills from the node).
/// </summary>
public static class CommandCompleter
{
    /// <summary>Words the shell itself understands besides the palettes.</summary>
    public static readonly string[] ShellWords = ["help", "exit", "quit"];

    public static Completion Complete(IReadOnlyList<PaletteDefinition> palettes, string line, Func<ArgumentKind, IReadOnlyList<string>> values)
    {
        var wordStart = line.Length;
        while (wordStart > 0 && !char.IsWhiteSpace(line[wordStart - 1])) wordStart--;
        var prefix = line[wordStart..];
        List<string> before;
        try
        {
            before = CommandParser.Tokenize(line[..wordStart]);
        }
        catch (CommandParseException)
        {
            return new Completion(wordStart, prefix, []);
        }
        return new Completion(wordStart, prefix, Candidates(palettes, before, prefix, values)
            .Where(c => c.StartsWith(prefix, StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToArray());
    }

    private static IEnumerable<string> Candidates(IReadOnlyList<PaletteDefinition> palettes, List<string> before, string prefix, Func<ArgumentKind, IReadOnlyList<string>> values)
    {
        if (before.Count == 0) return palettes.Select(p => p.Name).Concat(ShellWords);
        if (before[0] == "help")
        {
            if (before.Count == 1) return palettes.Select(p => p.Name);
            var helped = palettes.FirstOrDefault(p => p.Name == before[1]);
            return before.Count == 2 && helped is not null ? helped.Commands.Select(c => c.Name) : [];
        }
        var palette = palettes.FirstOrDefault(p => p.Name == before[0]);
        if (palette is null) return [];
        if (before.Count == 1) return palette.Commands.Select(c => c.Name);
        var command = palette.Commands.FirstOrDefault(c => c.Name == before[1]);
        if (command is null) return [];

        // Which argument the word under the cursor belongs to.
        var used = new HashSet<string>(StringComparer.Ordinal);
        var positional = 0;
        ArgumentDefinition? awaitingValue = null;
        foreach (var word in before.Skip(2))
        {
            if (awaitingValue is not null)
            {
                used.Add(awaitingValue.Name);
                awaitingValue = null;
                continue;
            }
            var option = command.Arguments.FirstOrDefault(a => a.Switches?.Contains(word) == true);
            if (option is not null) awaitingValue = option;
            else positional++;
        }
        if (awaitingValue is not null) return values(awaitingValue.Kind);
        var options = command.Arguments
            .Where(a => !a.IsPositional && (a.Repeatable || !used.Contains(a.Name)))
            .Select(a => a.Switches![0]);
        if (prefix.StartsWith('-')) return options;
        var next = command.Arguments.Where(a => a.IsPositional).Skip(positional).FirstOrDefault();
        return next is null ? options : values(next.Kind);
    }
}
