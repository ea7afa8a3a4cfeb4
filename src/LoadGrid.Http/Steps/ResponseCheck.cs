using System.Text;
using System.Text.Json;
using LoadGrid.Core.Scenarios;
using LoadGrid.Core.Templates;
using LoadGrid.Http.Json;

namespace LoadGrid.Http.Steps;

/// <summary>A step's <c>check:</c> entry, prepared once. A check of a response that never arrived fails.</summary>
internal abstract class ResponseCheck
{
    public abstract bool NeedsBody { get; }

    public abstract bool Evaluate(ref ResponseView response, IVariableSource variables);

    public static ResponseCheck From(Check check) => check switch
    {
        StatusCheck status => new StatusIn(status.Allowed.ToArray()),
        BodyContainsCheck contains => new BodyContains(contains.Text),
        JsonPathCheck json => new JsonEquals(JsonPath.Parse(json.Path), json.ExpectedJson),
        _ => throw new ArgumentException($"unknown check type {check.GetType().Name}", nameof(check)),
    };

    private sealed class StatusIn(int[] allowed) : ResponseCheck
    {
        public override bool NeedsBody => false;

        public override bool Evaluate(ref ResponseView response, IVariableSource variables) =>
            response.Arrived && Array.IndexOf(allowed, response.Status) >= 0;
    }

    /// <summary>Searches the raw bytes for the UTF-8 text, so the body is never decoded for this check.</summary>
    private sealed class BodyContains(Template text) : ResponseCheck
    {
        private readonly byte[]? _constant = text.IsConstant ? Encoding.UTF8.GetBytes(text.Source) : null;

        public override bool NeedsBody => true;

        public override bool Evaluate(ref ResponseView response, IVariableSource variables)
        {
            if (!response.Arrived) return false;
            var needle = _constant ?? Encoding.UTF8.GetBytes(text.Render(variables));
            return response.Body.IndexOf(needle) >= 0;
        }
    }

    /// <summary>Compares as JSON values: 200 equals 200.0, "a" equals "\u0061", objects and arrays element by element.</summary>
    private sealed class JsonEquals(JsonPath path, string expectedJson) : ResponseCheck
    {
        private readonly JsonElement _expected = ParseExpected(expectedJson);

        public override bool NeedsBody => true;

        public override bool Evaluate(ref ResponseView response, IVariableSource variables) =>
            response.Arrived
            && response.TryGetJson(out var root)
            && path.TryFind(root, out var found)
            && JsonElement.DeepEquals(found, _expected);

        private static JsonElement ParseExpected(string json)
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
    }
}
