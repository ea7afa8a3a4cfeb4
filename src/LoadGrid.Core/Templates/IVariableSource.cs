namespace LoadGrid.Core.Templates;

/// <summary>Where a template finds <c>${name}</c>: a VU's variables, its current feeder rows, <c>env.*</c>, built-ins.</summary>
public interface IVariableSource
{
    bool TryGet(string name, out string value);
}

/// <summary>A variable source over a dictionary; for tests and simple callers.</summary>
public sealed class DictionaryVariableSource(IReadOnlyDictionary<string, string> values) : IVariableSource
{
    public bool TryGet(string name, out string value) => values.TryGetValue(name, out value!);
}
