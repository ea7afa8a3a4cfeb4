namespace LoadGrid.EndToEnd.Tests.Infrastructure;

/// <summary>Process-level tests run one at a time: they start real programs and measure real latencies.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCollection
{
    public const string Name = "loadgrid processes";
}
