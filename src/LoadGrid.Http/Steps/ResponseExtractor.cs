using System.Text.Json;
using System.Text.RegularExpressions;
using LoadGrid.Core.Scenarios;
using LoadGrid.Http.Json;

namespace LoadGrid.Http.Steps;

/// <summary>A step's <c>extract:</c> entry, prepared once. When nothing matches the variable is left as it was.</summary>
internal abstract class ResponseExtractor(string variable)
{
    // A pathological pattern against a large body must not stall a VU for long.
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    public string Variable { get; } = variable;

    public abstract bool TryExtract(ref ResponseView response, out string value);

    public static ResponseExtractor From(Extraction extraction) => extraction.Kind switch
    {
        ExtractionKind.JsonPath => new JsonValue(extraction.Variable, JsonPath.Parse(extraction.Expression)),
        ExtractionKind.Regex => new RegexMatch(extraction.Variable,
            new Regex(extraction.Expression, RegexOptions.Compiled | RegexOptions.CultureInvariant, RegexTimeout)),
        _ => throw new ArgumentException($"unknown extraction kind {extraction.Kind}", nameof(extraction)),
    };

    /// <summary>A string value unquoted; any other value (number, bool, object…) as its JSON text.</summary>
    private sealed class JsonValue(string variable, JsonPath path) : ResponseExtractor(variable)
    {
        public override bool TryExtract(ref ResponseView response, out string value)
        {
            value = string.Empty;
            if (!response.TryGetJson(out var root) || !path.TryFind(root, out var found)) return false;
            value = found.ValueKind == JsonValueKind.String ? found.GetString()! : found.GetRawText();
            return true;
        }
    }

    /// <summary>The first capture group when the pattern has one, otherwise the whole match.</summary>
    private sealed class RegexMatch(string variable, Regex regex) : ResponseExtractor(variable)
    {
        public override bool TryExtract(ref ResponseView response, out string value)
        {
            value = string.Empty;
            Match match;
            try
            {
                match = regex.Match(response.Text);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
            if (!match.Success) return false;
            value = match.Groups.Count > 1 ? match.Groups[1].Value : match.Value;
            return true;
        }
    }
}
