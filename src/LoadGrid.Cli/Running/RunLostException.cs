namespace LoadGrid.Cli.Running;

/// <summary>A followed run ended without a result (the cluster failed it, or the client lost the cluster).</summary>
public sealed class RunLostException(string message) : Exception(message);
