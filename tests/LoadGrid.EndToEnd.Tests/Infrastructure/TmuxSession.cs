using System.Diagnostics;

namespace LoadGrid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A program in a real pseudo-terminal: a private tmux server (its own socket) with one session, driven with
/// send-keys and read with capture-pane. The server is killed on dispose, whatever happened.
/// </summary>
public sealed class TmuxSession : IDisposable
{
    private readonly string _socket = $"loadgrid-test-{Guid.NewGuid():N}";
    private const string Session = "lg";

    public static bool Available => File.Exists("/usr/bin/tmux") || File.Exists("/usr/local/bin/tmux");

    private TmuxSession()
    {
    }

    /// <param name="command">The command line the pane runs (a shell command).</param>
    public static TmuxSession Start(string command, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var session = new TmuxSession();
        var env = environment.SelectMany(kv => new[] { "-e", $"{kv.Key}={kv.Value}" }).ToArray();
        session.Tmux(["new-session", "-d", "-s", Session, "-x", "180", "-y", "50", "-c", workingDirectory, .. env, command]);
        // keep the pane (and what it printed) when the program exits
        session.Tmux(["set-option", "-t", Session, "remain-on-exit", "on"]);
        return session;
    }

    public void SendKeys(params string[] keys) => Tmux(["send-keys", "-t", Session, .. keys]);

    /// <summary>Types text literally (no key names).</summary>
    public void Type(string text) => Tmux(["send-keys", "-t", Session, "-l", text]);

    /// <summary>The pane's text, with up to 500 lines of scroll-back.</summary>
    public string Capture() => Tmux(["capture-pane", "-p", "-J", "-t", Session, "-S", "-500"]);

    public bool PaneDead => Tmux(["display-message", "-p", "-t", Session, "#{pane_dead}"]).Trim() == "1";

    public async Task WaitForAsync(Func<string, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(Capture()))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the terminal did not show {what} within {timeout.TotalSeconds:0}s; it shows:\n{Capture()}");
            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        try
        {
            Tmux(["kill-server"]);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    private string Tmux(string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start tmux");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(10_000))
        {
            process.Kill();
            throw new InvalidOperationException($"tmux {string.Join(' ', args)} did not return");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"tmux {string.Join(' ', args)}: {error.Trim()}");
        return output;
    }
}
