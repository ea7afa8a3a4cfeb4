using System.Diagnostics;

namespace LoadGrid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Chromium's headless command line (<c>/usr/bin/chromium</c>, or <c>LOADGRID_TEST_CHROMIUM</c>): the DOM as the
/// browser built it and a screenshot. A profile folder of its own per call; killed at the timeout.
/// </summary>
public static class HeadlessChromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static string? ExecutablePath
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("LOADGRID_TEST_CHROMIUM") ?? "/usr/bin/chromium";
            return File.Exists(path) ? path : null;
        }
    }

    /// <summary>The page's DOM after the browser parsed, styled and laid it out (stdout of --dump-dom).</summary>
    public static async Task<string> DumpDomAsync(string htmlPath) =>
        (await RunAsync(["--dump-dom", new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri])).Stdout;

    public static async Task ScreenshotAsync(string htmlPath, string pngPath, int width, int height)
    {
        var (_, stderr) = await RunAsync([$"--screenshot={pngPath}", $"--window-size={width},{height}", "--hide-scrollbars",
            new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri]);
        if (!File.Exists(pngPath)) throw new InvalidOperationException($"chromium wrote no screenshot:\n{stderr}");
    }

    private static async Task<(string Stdout, string Stderr)> RunAsync(string[] args)
    {
        var profile = Directory.CreateTempSubdirectory("loadgrid-chromium-");
        try
        {
            var start = new ProcessStartInfo(ExecutablePath ?? throw new InvalidOperationException("no chromium"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            // --no-sandbox: CI containers run as root, where Chromium's sandbox refuses to start.
            foreach (var arg in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                         $"--user-data-dir={profile.FullName}", .. args])
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium {string.Join(' ', args)} did not finish within {Timeout.TotalSeconds:0}s");
            }
            return (await stdout, await stderr);
        }
        finally
        {
            try { profile.Delete(recursive: true); } catch (IOException) { /* a helper process may hold a file a moment longer */ }
        }
    }
}
