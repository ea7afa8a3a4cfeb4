namespace LoadGrid.Core.Scenarios.Parsing;

/// <summary>Suggestions for misspelt keys and values: "unknown key 'duraton' (did you mean 'duration'?)".</summary>
internal static class DidYouMean
{
    /// <summary>
    /// The closest candidate within 2 edits (a swap of neighbours counts as one) or sharing a prefix of at least
    /// 3 characters, ignoring case so that <c>GET</c> finds <c>get</c>; null when nothing is close.
    /// </summary>
    public static string? Suggest(string input, IEnumerable<string> candidates)
    {
        var lowered = input.ToLowerInvariant();
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var other = candidate.ToLowerInvariant();
            var distance = Distance(lowered, other);
            // An edit count as long as the input itself would mean "replace everything", which is no hint.
            var close = distance <= 2 && distance < lowered.Length;
            if (!close && !SharesPrefix(lowered, other)) continue;
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary><c> (did you mean 'x'?)</c>, or an empty string.</summary>
    public static string Hint(string input, IEnumerable<string> candidates) =>
        Suggest(input, candidates) is { } suggestion ? $" (did you mean '{suggestion}'?)" : string.Empty;

    /// <summary>For a closed set of values: <c> (did you mean 'x'? one of: a, b, c)</c> or <c> (one of: a, b, c)</c>.</summary>
    public static string OneOf(string input, IReadOnlyCollection<string> candidates)
    {
        var list = string.Join(", ", candidates);
        return Suggest(input, candidates) is { } suggestion
            ? $" (did you mean '{suggestion}'? one of: {list})"
            : $" (one of: {list})";
    }

    private static bool SharesPrefix(string a, string b) =>
        Math.Min(a.Length, b.Length) >= 3 && (a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal));

    /// <summary>Levenshtein distance with adjacent transpositions (optimal string alignment).</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
