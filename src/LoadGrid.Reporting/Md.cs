namespace LoadGrid.Reporting;

/// <summary>Escaping for user text in Markdown tables (pipes, line breaks) and code spans (backticks).</summary>
internal static class Md
{
    public static string Cell(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal);

    /// <summary>Inside a code span Markdown shows entities literally, so only what would end the span or the cell is replaced.</summary>
    public static string Code(string text) =>
        text.Replace("`", "'", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
