using LoadGrid.Core.Metrics;

namespace LoadGrid.Reporting;

/// <summary>
/// Shows a run while it happens. <see cref="Update"/> may be called from any thread, as often as progress arrives;
/// <see cref="Complete"/> leaves the last state on screen (Dispose completes too). The live view owns the console
/// while it runs: complete it before writing anything else (the summary, errors).
/// </summary>
public interface IProgressView : IDisposable
{
    void Update(RunProgress progress);

    void Complete();
}
