using LoadGrid.Core.Metrics;

namespace LoadGrid.Reporting;

/// <summary>
/// The summary JSON of the public contract (<c>--summary-json PATH</c>): camelCase names, latencies in ms, rates as
/// fractions. Fields beyond the contract (bytes, status codes of the whole run, transport errors, iteration
/// durations, peak VUs, warnings) are additions; nothing the contract names is renamed or dropped.
/// </summary>
public static class SummaryJson
{
    public static string Serialize(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return SummaryJsonWriter.Write(summary);
    }

    /// <summary>Writes the file atomically (a temporary file in the same folder, then a rename), creating the folder.</summary>
    public static void Write(RunSummary summary, string path) => AtomicFile.WriteAllText(path, Serialize(summary));

    /// <summary>Reads a file written by <see cref="Write"/>; fields added after v1 may be missing and read as empty.</summary>
    /// <exception cref="InvalidDataException">The file is not a summary JSON (the message says which field is wrong).</exception>
    public static RunSummary Read(string path) => Parse(File.ReadAllText(path));

    /// <inheritdoc cref="Read"/>
    public static RunSummary Parse(string json) => SummaryJsonReader.Read(json);
}
