using System.Text;

namespace LoadGrid.Reporting;

/// <summary>
/// Encodes text for HTML element content and quoted attributes. Only the five characters with a meaning in HTML
/// are replaced; everything else (×, ✓, accented names) stays readable in the file, which is UTF-8.
/// </summary>
internal static class HtmlText
{
    public static string Encode(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0) return text;
        var encoded = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': encoded.Append("&amp;"); break;
                case '<': encoded.Append("&lt;"); break;
                case '>': encoded.Append("&gt;"); break;
                case '"': encoded.Append("&quot;"); break;
                case '\'': encoded.Append("&#39;"); break;
                default: encoded.Append(c); break;
            }
        }
        return encoded.ToString();
    }
}
