using LoadGrid.Core.Metrics;
using Spectre.Console;

namespace LoadGrid.Reporting;

/// <summary>
/// A Spectre live display redrawn in place. Updates only store the latest progress and wake the render loop, so a
/// burst of updates costs one redraw and callers (the coordinator's event stream) never wait for the terminal.
/// </summary>
internal sealed class LiveProgressView : IProgressView
{
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Task _loop;
    private RunProgress? _latest;
    private int _wakePending;
    private int _completed;

    public LiveProgressView(IAnsiConsole console)
    {
        var glyphs = Glyphs.For(console);
        _loop = console.Live(ProgressRenderer.Waiting())
            .AutoClear(false)
            .Overflow(VerticalOverflow.Ellipsis)
            .StartAsync(ctx => RenderLoop(ctx, glyphs));
    }

    public void Update(RunProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (Volatile.Read(ref _completed) != 0) return;
        Volatile.Write(ref _latest, progress);
        Wake();
    }

    public void Complete()
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0) return;
        Wake();
        // The loop ends right after its last redraw; rethrow anything the console threw.
        _loop.GetAwaiter().GetResult();
        _wake.Dispose();
    }

    public void Dispose() => Complete();

    private void Wake()
    {
        if (Interlocked.Exchange(ref _wakePending, 1) == 0) _wake.Release();
    }

    private async Task RenderLoop(LiveDisplayContext ctx, Glyphs glyphs)
    {
        while (true)
        {
            await _wake.WaitAsync().ConfigureAwait(false);
            Interlocked.Exchange(ref _wakePending, 0);
            if (Volatile.Read(ref _latest) is { } progress)
            {
                ctx.UpdateTarget(ProgressRenderer.Render(progress, glyphs));
                ctx.Refresh();
            }
            if (Volatile.Read(ref _completed) != 0) return;
        }
    }
}
