using System.Text;
using LoadGrid.Core.Scenarios;

namespace LoadGrid.Core.Data;

/// <summary>
/// Reads a feeder's CSV file: a header line naming the columns, then one row per record. Fields follow RFC 4180
/// (double quotes around fields holding commas, quotes or line breaks; <c>""</c> for a quote inside). Unquoted
/// fields are trimmed, blank lines are skipped, and every row must have as many fields as the header.
/// </summary>
public static class CsvFeederReader
{
    /// <exception cref="FormatException">The file is not valid CSV; the message is <c>PATH:LINE: what is wrong</c>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static FeederTable Read(string path, string name, FeederPick pick) =>
        Parse(File.ReadAllText(path), path, name, pick);

    /// <summary>Parses CSV text; <paramref name="source"/> names it in error messages.</summary>
    public static FeederTable Parse(string text, string source, string name, FeederPick pick)
    {
        var parser = new Parser(text, source);
        string[]? columns = null;
        var rows = new List<string[]>();
        while (parser.TryReadRecord(out var fields, out var line))
        {
            if (columns is null)
            {
                columns = CheckHeader(fields, source, line);
                continue;
            }
            if (fields.Length != columns.Length)
                throw new FormatException($"{source}:{line}: {fields.Length} field(s), but the header has {columns.Length} column(s)");
            rows.Add(fields);
        }
        if (columns is null) throw new FormatException($"{source}:1: the file is empty; it needs a header line naming the columns");
        return new FeederTable(name, columns, rows, pick);
    }

    private static string[] CheckHeader(string[] columns, string source, int line)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (column.Length == 0) throw new FormatException($"{source}:{line}: the header has an empty column name");
            if (!seen.Add(column)) throw new FormatException($"{source}:{line}: column '{column}' appears twice in the header");
        }
        return columns;
    }

    /// <summary>A cursor over the text that yields one record (its fields and first line number) at a time.</summary>
    private sealed class Parser(string text, string source)
    {
        private readonly List<string> _fields = [];
        private readonly StringBuilder _field = new();
        private int _position;
        private int _line = 1;

        public bool TryReadRecord(out string[] fields, out int line)
        {
            SkipBlankLines();
            line = _line;
            if (_position >= text.Length)
            {
                fields = [];
                return false;
            }
            _fields.Clear();
            while (true)
            {
                _fields.Add(ReadField());
                if (_position >= text.Length) break;
                var c = text[_position++];
                if (c == ',') continue;
                EndLine(c);
                break;
            }
            fields = _fields.ToArray();
            return true;
        }

        private void SkipBlankLines()
        {
            while (true)
            {
                var end = _position;
                while (end < text.Length && text[end] is ' ' or '\t') end++;
                if (end >= text.Length)
                {
                    _position = end;
                    return;
                }
                if (text[end] is not ('\r' or '\n')) return;
                _position = end + 1;
                EndLine(text[end]);
            }
        }

        /// <summary>Counts a line break that starts with <paramref name="c"/> (just consumed), eating the \n of \r\n.</summary>
        private void EndLine(char c)
        {
            if (c == '\r' && _position < text.Length && text[_position] == '\n') _position++;
            _line++;
        }

        private string ReadField()
        {
            var start = _position;
            while (_position < text.Length && text[_position] is ' ' or '\t') _position++;
            if (_position < text.Length && text[_position] == '"') return ReadQuoted();

            _position = start;
            while (_position < text.Length && text[_position] is not (',' or '\r' or '\n')) _position++;
            return text.AsSpan(start, _position - start).Trim().ToString();
        }

        private string ReadQuoted()
        {
            var openLine = _line;
            _position++;
            _field.Clear();
            while (true)
            {
                if (_position >= text.Length)
                    throw new FormatException($"{source}:{openLine}: a quoted field is never closed (missing '\"')");
                var c = text[_position++];
                if (c == '"')
                {
                    if (_position < text.Length && text[_position] == '"')
                    {
                        _field.Append('"');
                        _position++;
                        continue;
                    }
                    break;
                }
                if (c == '\n' || (c == '\r' && (_position >= text.Length || text[_position] != '\n'))) _line++;
                _field.Append(c);
            }
            while (_position < text.Length && text[_position] is ' ' or '\t') _position++;
            if (_position < text.Length && text[_position] is not (',' or '\r' or '\n'))
                throw new FormatException($"{source}:{_line}: unexpected '{text[_position]}' after a closing quote (write \"\" for a quote inside a quoted field)");
            return _field.ToString();
        }
    }
}
