using System.Text;

namespace LoadGrid.Core.Scenarios.Parsing;

/// <summary>Reads the header of a feeder's CSV file and makes sure at least one data row follows it.</summary>
internal static class CsvHeaderReader
{
    /// <summary>The header's column names, or null with a message saying what is wrong with the file.</summary>
    public static IReadOnlyList<string>? ReadColumns(string path, out string? error)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var header = reader.ReadLine();
        if (header is null || header.Trim().Length == 0)
        {
            error = "is empty: its first line must be a CSV header naming the columns, e.g. name,password";
            return null;
        }
        if (!TrySplit(header, out var columns, out error)) return null;

        var empty = columns.FindIndex(c => c.Length == 0);
        if (empty >= 0)
        {
            error = $"has an empty column name (column {empty + 1}) in its header line '{header}'";
            return null;
        }
        var duplicate = columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            error = $"names column '{duplicate.Key}' twice in its header line";
            return null;
        }

        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Trim().Length > 0) return columns;
        }
        error = "has a header but no data rows: add at least one row below the header";
        return null;
    }

    /// <summary>Splits one CSV line on commas; fields are trimmed and may be double-quoted ("" is a quote).</summary>
    public static bool TrySplit(string line, out List<string> fields, out string? error)
    {
        fields = [];
        error = null;
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            while (i < line.Length && line[i] is ' ' or '\t') i++;
            if (i < line.Length && line[i] == '"')
            {
                i++;
                var closed = false;
                while (i < line.Length)
                {
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    field.Append(line[i++]);
                }
                if (!closed)
                {
                    error = $"has an unterminated quoted field in its header line '{line}'";
                    return false;
                }
                while (i < line.Length && line[i] is ' ' or '\t') i++;
                if (i < line.Length && line[i] != ',')
                {
                    error = $"has text after a closing quote in its header line '{line}'";
                    return false;
                }
                fields.Add(field.ToString());
            }
            else
            {
                var start = i;
                while (i < line.Length && line[i] != ',') i++;
                fields.Add(line[start..i].Trim());
            }
            field.Clear();
            if (i >= line.Length) return true;
            i++; // the comma
        }
    }
}
