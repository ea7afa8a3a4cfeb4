using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LoadGrid.Core.Scenarios.Parsing;

/// <summary>Turns the file's text into one YAML node tree, or reports why it cannot.</summary>
internal static class YamlDocumentReader
{
    /// <summary>The root node, or null after reporting malformed YAML, an empty file or several documents.</summary>
    public static YamlNode? Read(string text, ParseContext ctx)
    {
        var scanner = new Scanner(new StringReader(text));
        var filter = new DuplicateKeyFilter(new Parser(scanner));
        var stream = new YamlStream();
        // Past a syntax error the parser cannot tell what follows, so that error is the only one worth giving.
        try
        {
            stream.Load(filter);
        }
        catch (YamlException e)
        {
            ctx.Error(e.Start, $"invalid YAML: {e.Message}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, on some unclosed flow collections.
            ctx.Error(scanner.CurrentPosition, "invalid YAML: the text cannot be read from here on; check for an unclosed [ or { before this point");
            return null;
        }

        foreach (var duplicate in filter.Duplicates)
            ctx.Error(duplicate.Start, $"duplicate key '{duplicate.Value}': a key may appear only once in a mapping; remove or merge the repeated one");

        if (stream.Documents.Count == 0)
        {
            ctx.Error(1, 1, "the file is empty: it needs at least 'name' and 'scenarios'");
            return null;
        }
        if (stream.Documents.Count > 1)
        {
            ctx.Error(stream.Documents[1].RootNode, "the file holds more than one YAML document ('---'): put everything in one");
            return null;
        }
        return stream.Documents[0].RootNode;
    }
}
