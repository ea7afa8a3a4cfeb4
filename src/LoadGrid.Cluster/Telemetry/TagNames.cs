namespace LoadGrid.Cluster.Telemetry;

/// <summary>
/// The tags of LoadGrid's instruments. All have bounded values: run ids, scenario and step names and regions come
/// from the scenario file; request URLs never become tags (a templated URL would make a series per user).
/// </summary>
public static class TagNames
{
    public const string Run = "run";
    public const string Scenario = "scenario";
    public const string Step = "step";
    public const string Region = "region";
    /// <summary>1xx … 5xx, or "error" when no response arrived (refused, reset, timeout, DNS, TLS, protocol).</summary>
    public const string StatusClass = "status_class";
    /// <summary>A check's outcome: passed | failed.</summary>
    public const string Result = "result";
    /// <summary>A cluster member's status (up, joining, leaving, …).</summary>
    public const string Status = "status";
}
