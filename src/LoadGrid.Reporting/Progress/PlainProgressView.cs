using LoadGrid.Core.Metrics;
using Spectre.Console;

namespace LoadGrid.Reporting;

/// <summary>
/// Progress for logs and pipes: a line at the first update, then at most one per <c>interval</c>; the last state
/// is printed on completion if it was held back, so the log always ends with the final figures.
/// </summary>
internal sealed class PlainProgressView(IAnsiConsole console, TimeProvider time, TimeSpan interval) : IProgressView
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _lastPrinted;
    private RunProgress? _heldBack;
    private bool _completed;

    public void Update(RunProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        lock (_gate)
        {
            if (_completed) return;
            var now = time.GetUtcNow();
            if (_lastPrinted is { } last && now - last < interval)
            {
                _heldBack = progress;
                return;
            }
            _lastPrinted = now;
            _heldBack = null;
            Print(progress);
        }
    }

    public void Complete()
    {
        lock (_gate)
        {
            if (_completed) return;
            _completed = true;
            if (_heldBack is { } last) Print(last);
            _heldBack = null;
        }
    }

    public void Dispose() => Complete();

    // WriteLine(string) writes plain text, not markup: the line starts with '['.
    private void Print(RunProgress progress) => console.WriteLine(ProgressLine.Format(progress));
}
