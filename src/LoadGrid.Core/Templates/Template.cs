using System.Text;

namespace LoadGrid.Core.Templates;

/// <summary>
/// A string with <c>${name}</c> placeholders, parsed once when the scenario is loaded so the hot path only
/// concatenates. <c>$${</c> writes a literal <c>${</c>.
/// </summary>
public sealed class Template
{
    private readonly TemplatePart[] _parts;

    private Template(string source, TemplatePart[] parts)
    {
        Source = source;
        _parts = parts;
        Variables = parts.Where(p => p.IsVariable).Select(p => p.Text).Distinct().ToArray();
        IsConstant = Variables.Count == 0;
    }

    /// <summary>The text as written in the file.</summary>
    public string Source { get; }

    /// <summary>Every variable name the template reads, e.g. <c>token</c>, <c>users.name</c>, <c>env.HOST</c>.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>True when there is nothing to substitute (rendering returns the literal without allocating).</summary>
    public bool IsConstant { get; }

    public static Template Literal(string text) => new(text, [new TemplatePart(false, text)]);

    /// <summary>Parses <paramref name="source"/>; returns false with a message for an unterminated or empty placeholder.</summary>
    public static bool TryParse(string source, out Template template, out string? error)
    {
        var parts = new List<TemplatePart>();
        var literal = new StringBuilder();
        var i = 0;
        error = null;
        while (i < source.Length)
        {
            if (source[i] == '$' && i + 2 < source.Length && source[i + 1] == '$' && source[i + 2] == '{')
            {
                literal.Append("${");
                i += 3;
                continue;
            }
            if (source[i] == '$' && i + 1 < source.Length && source[i + 1] == '{')
            {
                var end = source.IndexOf('}', i + 2);
                if (end < 0)
                {
                    error = $"unterminated placeholder '{source[i..]}' (expected '}}')";
                    template = Literal(source);
                    return false;
                }
                var name = source[(i + 2)..end].Trim();
                if (name.Length == 0)
                {
                    error = "empty placeholder '${}'";
                    template = Literal(source);
                    return false;
                }
                if (literal.Length > 0)
                {
                    parts.Add(new TemplatePart(false, literal.ToString()));
                    literal.Clear();
                }
                parts.Add(new TemplatePart(true, name));
                i = end + 1;
                continue;
            }
            literal.Append(source[i]);
            i++;
        }
        if (literal.Length > 0 || parts.Count == 0) parts.Add(new TemplatePart(false, literal.ToString()));
        template = new Template(source, parts.ToArray());
        return true;
    }

    /// <summary>Parses or throws; for code paths where the validator already accepted the text.</summary>
    public static Template Parse(string source) =>
        TryParse(source, out var template, out var error) ? template : throw new FormatException(error);

    /// <summary>Renders with <paramref name="variables"/>; an unknown variable renders as an empty string.</summary>
    /// <param name="escape">Applied to substituted values only (e.g. JSON string escaping for <c>json:</c> bodies).</param>
    public string Render(IVariableSource variables, Func<string, string>? escape = null)
    {
        if (IsConstant) return _parts[0].Text;
        if (_parts.Length == 1)
        {
            var only = variables.TryGet(_parts[0].Text, out var value0) ? value0 : string.Empty;
            return escape is null ? only : escape(only);
        }
        var builder = new StringBuilder(Source.Length + 32);
        foreach (var part in _parts)
        {
            if (!part.IsVariable) builder.Append(part.Text);
            else if (variables.TryGet(part.Text, out var value)) builder.Append(escape is null ? value : escape(value));
        }
        return builder.ToString();
    }

    public override string ToString() => Source;

    private readonly record struct TemplatePart(bool IsVariable, string Text);
}
