using System.Globalization;
using System.Text;

namespace LoadGrid.Control.Palettes;

/// <summary>A command line matched against the palettes: which command, and each argument's values by name.</summary>
public sealed record ParsedCommand(PaletteDefinition Palette, CommandDefinition Command, IReadOnlyDictionary<string, IReadOnlyList<string>> Values)
{
    public string FullName => $"{Palette.Name} {Command.Name}";

    public string? Value(string name) => Values.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;

    public IReadOnlyList<string> All(string name) => Values.TryGetValue(name, out var values) ? values : [];

    public double? Number(string name) => Value(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : null;

    public int? Integer(string name) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;
}

/// <summary>Why a line is not a command, said so the operator can fix it (with the usage of the command meant).</summary>
public sealed class CommandParseException(string message) : Exception(message);

/// <summary>Parses "palette command args…" against palette definitions; shared by the shell and <c>loadgrid ctl</c>.</summary>
public static class CommandParser
{
    public static ParsedCommand Parse(IReadOnlyList<PaletteDefinition> palettes, IReadOnlyList<string> words)
    {
        if (words.Count == 0) throw new CommandParseException($"no command given: {PaletteList(palettes)}");
        var palette = palettes.FirstOrDefault(p => p.Name == words[0])
            ?? throw new CommandParseException($"unknown command '{words[0]}'{Suggest(words[0], palettes.Select(p => p.Name))}: {PaletteList(palettes)}");
        if (words.Count == 1) throw new CommandParseException($"'{palette.Name}' needs a command: {string.Join(" | ", palette.Commands.Select(c => c.Name))}");
        var command = palette.Commands.FirstOrDefault(c => c.Name == words[1])
            ?? throw new CommandParseException($"unknown command '{palette.Name} {words[1]}'{Suggest(words[1], palette.Commands.Select(c => c.Name))}: expected {string.Join(" | ", palette.Commands.Select(c => c.Name))}");

        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var positionals = command.Arguments.Where(a => a.IsPositional).ToArray();
        var nextPositional = 0;
        for (var i = 2; i < words.Count; i++)
        {
            var word = words[i];
            ArgumentDefinition argument;
            string value;
            if (word.StartsWith('-') && word.Length > 1 && !IsNumber(word))
            {
                var (name, inline) = SplitOption(word);
                argument = command.Arguments.FirstOrDefault(a => a.Switches?.Contains(name) == true)
                    ?? throw new CommandParseException($"'{FullName(palette, command)}' has no option '{name}'. Usage: {Usage(palette, command)}");
                if (inline is not null) value = inline;
                else if (i + 1 < words.Count) value = words[++i];
                else throw new CommandParseException($"option {name} needs a value ({argument.Description}). Usage: {Usage(palette, command)}");
            }
            else
            {
                if (nextPositional >= positionals.Length)
                    throw new CommandParseException($"unexpected '{word}'. Usage: {Usage(palette, command)}");
                argument = positionals[nextPositional++];
                value = word;
            }
            Check(palette, command, argument, value);
            if (values.TryGetValue(argument.Name, out var list))
            {
                if (!argument.Repeatable) throw new CommandParseException($"{argument.Name} given twice. Usage: {Usage(palette, command)}");
                list.Add(value);
            }
            else values[argument.Name] = [value];
        }
        foreach (var missing in command.Arguments.Where(a => a.Required && !values.ContainsKey(a.Name)))
            throw new CommandParseException($"'{FullName(palette, command)}' needs {(missing.IsPositional ? missing.Name.ToUpperInvariant() : missing.Switches![0] + " " + missing.Name.ToUpperInvariant())} ({missing.Description}). Usage: {Usage(palette, command)}");
        return new ParsedCommand(palette, command, values.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal));
    }

    /// <summary>"run scale ID [--factor F] [--vus N] [--rate R] [--region R]".</summary>
    public static string Usage(PaletteDefinition palette, CommandDefinition command)
    {
        var parts = new List<string> { palette.Name, command.Name };
        foreach (var a in command.Arguments)
        {
            var text = a.IsPositional ? a.Name.ToUpperInvariant() : $"{a.Switches![0]} {a.Name.ToUpperInvariant()}";
            if (a.Repeatable) text += "…";
            parts.Add(a.Required ? text : $"[{text}]");
        }
        return string.Join(' ', parts);
    }

    /// <summary>Splits a line into words: whitespace separates, "double" or 'single' quotes keep spaces, \ escapes.</summary>
    public static List<string> Tokenize(string line)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is not null)
            {
                if (c == quote) quote = null;
                else if (c == '\\' && quote == '"' && i + 1 < line.Length) current.Append(line[++i]);
                else current.Append(c);
            }
            else if (c is '"' or '\'') { quote = c; inWord = true; }
            else if (c == '\\' && i + 1 < line.Length) { current.Append(line[++i]); inWord = true; }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(current.ToString());
                current.Clear();
                inWord = false;
            }
            else { current.Append(c); inWord = true; }
        }
        if (quote is not null) throw new CommandParseException($"unclosed {quote} quote");
        if (inWord) words.Add(current.ToString());
        return words;
    }

    private static void Check(PaletteDefinition palette, CommandDefinition command, ArgumentDefinition argument, string value)
    {
        var ok = argument.Kind switch
        {
            ArgumentKind.Number => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d),
            ArgumentKind.Integer => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            ArgumentKind.KeyValue => value.IndexOf('=') > 0,
            _ => value.Length > 0,
        };
        if (ok) return;
        var expected = argument.Kind switch
        {
            ArgumentKind.Number => "a number",
            ArgumentKind.Integer => "a whole number",
            ArgumentKind.KeyValue => "KEY=VALUE",
            _ => "a value",
        };
        throw new CommandParseException($"{argument.Name} must be {expected}, not '{value}'. Usage: {Usage(palette, command)}");
    }

    private static bool IsNumber(string word) => double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static (string Name, string? Inline) SplitOption(string word)
    {
        var equals = word.IndexOf('=');
        return equals > 0 && word.StartsWith("--", StringComparison.Ordinal) ? (word[..equals], word[(equals + 1)..]) : (word, null);
    }

    private static string FullName(PaletteDefinition palette, CommandDefinition command) => $"{palette.Name} {command.Name}";

    private static string PaletteList(IEnumerable<PaletteDefinition> palettes) =>
        $"expected one of {string.Join(", ", palettes.Select(p => p.Name))} (try 'help')";

    private static string Suggest(string word, IEnumerable<string> names)
    {
        var best = names.Select(n => (Name: n, Distance: Distance(word, n))).OrderBy(x => x.Distance).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, word.Length / 3) ? $" (did you mean '{best.Name}'?)" : "";
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }
        return row[b.Length];
    }
}
