using System.Diagnostics;

namespace LoadGrid.Http.Tests;

/// <summary>The wheel on a clock the test moves by hand: no real time passes, so nothing here is timing-sensitive.</summary>
public sealed class ThinkWheelTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);
    private long _now = Stopwatch.Frequency * 1000;
    private readonly ThinkWheel _wheel;

    public ThinkWheelTests() => _wheel = new ThinkWheel(Tick, () => _now, startTimer: false);

    private void Move(TimeSpan by)
    {
        _now += (long)(by.TotalSeconds * Stopwatch.Frequency);
        _wheel.Advance();
    }

    private static async Task<bool> Result(ValueTask<bool> sleep) => await sleep.AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task Sleepers_wake_in_the_order_of_their_deadlines()
    {
        var sleeps = new[] { 300, 100, 200 }.Select(ms => (ms, sleep: _wheel.SleepAsync(TimeSpan.FromMilliseconds(ms), CancellationToken.None))).ToArray();
        var woken = new List<int>();

        for (var step = 0; step < 40; step++)
        {
            Move(Tick);
            // A wake completes the sleep within Advance; only its continuation runs later.
            woken.AddRange(sleeps.Where(s => s.sleep.IsCompleted && !woken.Contains(s.ms)).Select(s => s.ms));
        }

        Assert.Equal([100, 200, 300], woken);
        foreach (var (_, sleep) in sleeps) Assert.True(await sleep);
        Assert.Equal(0, _wheel.Sleepers);
    }

    [Fact]
    public async Task A_sleep_ends_within_one_tick_after_its_duration_and_never_before()
    {
        var sleep = _wheel.SleepAsync(TimeSpan.FromMilliseconds(95), CancellationToken.None);

        Move(TimeSpan.FromMilliseconds(90));
        Assert.False(sleep.IsCompleted);
        Move(TimeSpan.FromMilliseconds(4));
        Assert.False(sleep.IsCompleted);
        Move(Tick);

        Assert.True(await Result(sleep));
    }

    [Fact]
    public async Task A_sleep_longer_than_a_turn_of_the_wheel_waits_its_whole_time()
    {
        // 4096 buckets of 10 ms: one turn is ~41 s; this sleep passes its bucket several times before it is due.
        var sleep = _wheel.SleepAsync(TimeSpan.FromMinutes(2), CancellationToken.None);

        for (var i = 0; i < 119; i++) Move(TimeSpan.FromSeconds(1));
        Assert.False(sleep.IsCompleted);
        Move(TimeSpan.FromSeconds(1) + Tick);

        Assert.True(await Result(sleep));
    }

    [Fact]
    public async Task Cancellation_wakes_every_sleeper_of_its_token_at_once_and_no_other()
    {
        using var stop = new CancellationTokenSource();
        using var other = new CancellationTokenSource();
        var stopped = Enumerable.Range(1, 1000).Select(i => _wheel.SleepAsync(TimeSpan.FromSeconds(i), stop.Token).AsTask()).ToArray();
        var unaffected = _wheel.SleepAsync(TimeSpan.FromSeconds(5), other.Token).AsTask();

        await stop.CancelAsync();

        var results = await Task.WhenAll(stopped).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(results, Assert.False);
        Assert.False(unaffected.IsCompleted);
        Assert.Equal(1, _wheel.Sleepers);
        Move(TimeSpan.FromSeconds(5) + Tick);
        Assert.True(await unaffected.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task An_already_cancelled_token_or_no_duration_does_not_sleep()
    {
        Assert.False(await _wheel.SleepAsync(TimeSpan.FromSeconds(1), new CancellationToken(canceled: true)));
        Assert.True(await _wheel.SleepAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.Equal(0, _wheel.Sleepers);
    }

    [Fact]
    public async Task Nodes_are_reused_after_a_sleep_and_a_cancelled_token_leaves_nothing_behind()
    {
        using var stop = new CancellationTokenSource();
        for (var round = 0; round < 3; round++)
        {
            var sleep = _wheel.SleepAsync(TimeSpan.FromMilliseconds(20), stop.Token);
            Move(TimeSpan.FromMilliseconds(30));
            Assert.True(await Result(sleep));
        }
        var last = _wheel.SleepAsync(TimeSpan.FromSeconds(1), stop.Token);
        await stop.CancelAsync();

        Assert.False(await Result(last));
        Assert.Equal(0, _wheel.Sleepers);
    }

    [Fact]
    public async Task The_shared_wheel_runs_on_its_own_timer()
    {
        // Real time, but only "it wakes at all, and not early": no bound on lateness (that is the hand-moved tests' job).
        var clock = Stopwatch.StartNew();
        Assert.True(await ThinkWheel.Shared.SleepAsync(TimeSpan.FromMilliseconds(30), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(30));
    }
}
