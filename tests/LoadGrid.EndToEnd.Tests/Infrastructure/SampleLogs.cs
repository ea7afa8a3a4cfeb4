using System.Globalization;

namespace LoadGrid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Reads the raw latency samples every LoadGrid process wrote with LOADGRID_SAMPLE_LOG=prefix (one file per process,
/// <c>prefix.PID</c>): the exact truth the merged percentiles of a run must equal, whatever the machine's load.
/// </summary>
public static class SampleLogs
{
    public static IReadOnlyDictionary<string, string> Environment(string prefix) =>
        new Dictionary<string, string> { ["LOADGRID_SAMPLE_LOG"] = prefix };

    /// <summary>Every sample of the run, in ms, sorted.</summary>
    public static double[] Milliseconds(string prefix, string runId)
    {
        var folder = Path.GetDirectoryName(prefix)!;
        return Directory.GetFiles(folder, Path.GetFileName(prefix) + ".*")
            .SelectMany(File.ReadLines)
            .Select(line => line.Split(','))
            .Where(fields => fields.Length == 4 && fields[0] == runId)
            .Select(fields => long.Parse(fields[3], CultureInfo.InvariantCulture) / 1000.0)
            .Order()
            .ToArray();
    }

    /// <summary>
    /// The value at <paramref name="percentile"/> exactly as HdrHistogram ranks it (the sample at rank round(p·n), at
    /// least 1): on a lumpy distribution a rank-definition difference of one sample can be a jump of many ms.
    /// </summary>
    public static double At(double[] sorted, double percentile) =>
        sorted[Math.Clamp((int)(percentile / 100 * sorted.Length + 0.5), 1, sorted.Length) - 1];
}
