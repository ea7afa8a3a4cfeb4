using System.Text;

namespace LoadGrid.Cli.Operator;

/// <summary>
/// A small line editor for the shell: editing keys, history (Up/Down), Tab completion through
/// <see cref="Complete"/>, Ctrl+C to drop the line, Ctrl+D on an empty line to leave. Draws with ANSI sequences.
/// </summary>
public sealed class LineEditor(TextWriter output, List<string> history)
{
    /// <summary>Given the text before the cursor: where the word under the cursor starts, and its candidates.</summary>
    public Func<string, (int WordStart, IReadOnlyList<string> Candidates)>? Complete { get; init; }

    /// <returns>The line, or null when the user leaves (Ctrl+D on an empty line).</returns>
    public string? ReadLine(string prompt)
    {
        var buffer = new StringBuilder();
        var cursor = 0;
        var historyIndex = history.Count;
        output.Write(prompt);
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    output.WriteLine();
                    return buffer.ToString();
                case ConsoleKey.Backspace when cursor > 0:
                    buffer.Remove(--cursor, 1);
                    break;
                case ConsoleKey.Delete when cursor < buffer.Length:
                    buffer.Remove(cursor, 1);
                    break;
                case ConsoleKey.LeftArrow when cursor > 0: cursor--; break;
                case ConsoleKey.RightArrow when cursor < buffer.Length: cursor++; break;
                case ConsoleKey.Home: cursor = 0; break;
                case ConsoleKey.End: cursor = buffer.Length; break;
                case ConsoleKey.UpArrow when historyIndex > 0:
                    Replace(buffer, history[--historyIndex], ref cursor);
                    break;
                case ConsoleKey.DownArrow when historyIndex < history.Count:
                    historyIndex++;
                    Replace(buffer, historyIndex < history.Count ? history[historyIndex] : "", ref cursor);
                    break;
                case ConsoleKey.Tab:
                    if (Complete is not null) cursor = OnTab(prompt, buffer, cursor);
                    break;
                case ConsoleKey.C when key.Modifiers.HasFlag(ConsoleModifiers.Control):
                    output.WriteLine("^C");
                    buffer.Clear();
                    cursor = 0;
                    output.Write(prompt);
                    break;
                case ConsoleKey.D when key.Modifiers.HasFlag(ConsoleModifiers.Control):
                    if (buffer.Length == 0)
                    {
                        output.WriteLine();
                        return null;
                    }
                    break;
                case ConsoleKey.U when key.Modifiers.HasFlag(ConsoleModifiers.Control):
                    buffer.Remove(0, cursor);
                    cursor = 0;
                    break;
                default:
                    if (key.KeyChar >= ' ' && !key.Modifiers.HasFlag(ConsoleModifiers.Control))
                        buffer.Insert(cursor++, key.KeyChar);
                    break;
            }
            Redraw(prompt, buffer, cursor);
        }
    }

    private int OnTab(string prompt, StringBuilder buffer, int cursor)
    {
        var before = buffer.ToString(0, cursor);
        var (wordStart, candidates) = Complete!(before);
        if (candidates.Count == 0) return cursor;
        var word = before[wordStart..];
        var insert = candidates.Count == 1 ? candidates[0] + " " : CommonPrefix(candidates);
        if (insert.Length > word.Length)
        {
            buffer.Remove(wordStart, cursor - wordStart).Insert(wordStart, insert);
            return wordStart + insert.Length;
        }
        if (candidates.Count > 1)
        {
            // Nothing more to insert: show the choices.
            output.WriteLine();
            output.WriteLine(string.Join("  ", candidates));
            output.Write(prompt);
        }
        return cursor;
    }

    private void Redraw(string prompt, StringBuilder buffer, int cursor)
    {
        output.Write("\r" + prompt + buffer + "\x1b[K");
        var back = buffer.Length - cursor;
        if (back > 0) output.Write($"\x1b[{back}D");
        output.Flush();
    }

    private static void Replace(StringBuilder buffer, string text, ref int cursor)
    {
        buffer.Clear().Append(text);
        cursor = buffer.Length;
    }

    private static string CommonPrefix(IReadOnlyList<string> candidates)
    {
        var common = candidates[0];
        foreach (var c in candidates.Skip(1))
        {
            var n = 0;
            while (n < common.Length && n < c.Length && common[n] == c[n]) n++;
            common = common[..n];
        }
        return common;
    }
}
