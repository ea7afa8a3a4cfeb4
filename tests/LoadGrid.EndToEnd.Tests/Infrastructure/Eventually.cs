namespace LoadGrid.EndToEnd.Tests.Infrastructure;

/// <summary>Waits on a condition, polling, with a deadline (never a fixed sleep).</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not within {timeout.TotalSeconds:0}s: {describe()}");
            await Task.Delay(50);
        }
    }
}
