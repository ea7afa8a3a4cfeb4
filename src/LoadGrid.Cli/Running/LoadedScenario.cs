using LoadGrid.Cluster.Protocol;
using LoadGrid.Core.Data;
using LoadGrid.Core.Scenarios;

namespace LoadGrid.Cli.Running;

/// <summary>A validated scenario file and its feeders' rows, read on the client: what a submitted run carries.</summary>
public sealed record LoadedScenario(ScenarioFile File, IReadOnlyList<FeederTable> Feeders)
{
    /// <summary>Null (after printing every error as FILE:LINE:COL: message) when the file or a feeder is invalid.</summary>
    public static LoadedScenario? Load(string path, IReadOnlyDictionary<string, string> env, TextWriter errors)
    {
        var loaded = ScenarioLoader.LoadFile(path, env);
        if (!loaded.IsValid)
        {
            foreach (var error in loaded.Errors) errors.WriteLine(error.ToString());
            return null;
        }
        var file = loaded.Scenario!;
        return new LoadedScenario(file, file.Data.Select(d => CsvFeederReader.Read(d.ResolvedPath, d.Name, d.Pick)).ToArray());
    }

    public SubmitRun ToSubmission(string runId, IReadOnlyDictionary<string, string> env, string? baseUrl) => new(
        runId, File.SourcePath, File.SourceText, new Dictionary<string, string>(env),
        Feeders.Select(f => new FeederPayload(f.Name, f.Columns.ToArray(), f.Rows.ToArray(), (int)f.Pick)).ToArray(),
        baseUrl, SubmittedBy());

    public static string SubmittedBy() => $"{Environment.UserName}@{Environment.MachineName}";
}
