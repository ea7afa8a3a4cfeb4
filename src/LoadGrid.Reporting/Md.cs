namespace LoadGrid.Reporting;

/// <summary>Escaping for user text in Markdown tables (pipes, line breaks) and code spans (backticks).</summary>
internal static class Md
{
    public static string Cell(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal);

    public static string Code(string text) => Cell(text).Replace("`", "'", StringComparison.Ordinal);
}
