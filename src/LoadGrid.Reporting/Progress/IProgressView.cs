using LoadGrid.Core.Metrics;

namespace LoadGrid.Reporting;

/// <summary>
/// Shows a run while it happens. <see cref="Update"/> may be called from any thread, as often as progress arrives;
/// <see cref="Complete"/> leaves the last state on screen (Dispose completes too).
/// </summary>
public interface IProgressView : IDisposable
{
    void Update(RunProgress progress);

    void Complete();
}
