namespace LoadGrid.Reporting;

/// <summary>Writes any rendered report (HTML, JSON, JUnit, Markdown) whole or not at all, for the CLI's commands.</summary>
public static class ReportFiles
{
    public static void Write(string path, string contents) => AtomicFile.WriteAllText(path, contents);
}
