using LoadGrid.Core.Scenarios;
using LoadGrid.Core.Scenarios.Parsing;

namespace LoadGrid.Core.Data;

/// <summary>Reads a feeder's CSV file: a header line, then rows (RFC 4180 quotes within a line; blank lines skipped).</summary>
public static class CsvFeederReader
{
    /// <exception cref="InvalidDataException">A row cannot be split, naming the file and line.</exception>
    public static FeederTable Read(string path, string name, FeederPick pick)
    {
        var rows = new List<string[]>();
        IReadOnlyList<string>? columns = null;
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (!CsvHeaderReader.TrySplit(line, out var fields, out var error))
                throw new InvalidDataException($"{path}:{lineNumber}: {error}");
            if (columns is null)
            {
                columns = fields.Select(f => f.Trim()).ToArray();
                continue;
            }
            // Short rows are padded so every column exists; extra fields are ignored.
            var row = new string[columns.Count];
            for (var i = 0; i < row.Length; i++) row[i] = i < fields.Count ? fields[i].Trim() : string.Empty;
            rows.Add(row);
        }
        return new FeederTable(name, columns ?? [], rows, pick);
    }
}
