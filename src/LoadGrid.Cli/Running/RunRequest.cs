namespace LoadGrid.Cli.Running;

/// <summary>What the user asked <c>loadgrid run</c> (or <c>demo</c>) to do.</summary>
/// <param name="Database">The embedded run's journal (--db); unused with <paramref name="Cluster"/>.</param>
/// <param name="Cluster">HOST:PORT of a cluster's control endpoint (--cluster), or null for an embedded run.</param>
/// <param name="BaseUrl">Replaces the file's baseUrl (--base-url).</param>
/// <param name="JunitPath">Where to write the thresholds as JUnit XML (--junit).</param>
/// <param name="TraceSample">Fraction of iterations traced in an embedded run (--trace-sample); 0 = off.</param>
public sealed record RunRequest(
    string ScenarioPath,
    IReadOnlyDictionary<string, string> Env,
    string? SummaryJsonPath,
    string? ReportPath,
    bool NoProgress,
    string Database = LoadGrid.Cluster.Hosting.DatabaseLocation.Default,
    string? Cluster = null,
    string? BaseUrl = null,
    string? Token = null,
    string? JunitPath = null,
    double TraceSample = 0);
