namespace LoadGrid.Core.Load;

/// <summary>One live change of a run's load: from <see cref="AtRunSeconds"/> on the run clock, the plan times <see cref="Factor"/>.</summary>
/// <param name="Factor">0 pauses (no iteration starts), 1 is the plan, 1.5 is half as much again.</param>
public readonly record struct LoadChange(double AtRunSeconds, double Factor);

/// <summary>
/// The factor the operator has put on a region's planned load over time (<c>run pause | resume | scale</c>), as a
/// step function of the run clock: 1 until the first change, then each change's factor until the next one. Every
/// shard of the region gets the same list, so applying it keeps the exact split of the load between them.
/// </summary>
public sealed class LoadFactors
{
    public static readonly LoadFactors Plan = new([]);

    public LoadFactors(IReadOnlyList<LoadChange> changes)
    {
        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i].Factor < 0 || double.IsNaN(changes[i].Factor) || double.IsInfinity(changes[i].Factor))
                throw new ArgumentOutOfRangeException(nameof(changes), $"a load factor must be a finite number ≥ 0, not {changes[i].Factor}");
            if (i > 0 && changes[i].AtRunSeconds < changes[i - 1].AtRunSeconds)
                throw new ArgumentException("load changes must be in time order", nameof(changes));
        }
        Changes = changes.ToArray();
    }

    public IReadOnlyList<LoadChange> Changes { get; }

    public bool IsPlan => Changes.Count == 0;

    public double FactorAt(double runSeconds)
    {
        var factor = 1.0;
        foreach (var change in Changes)
        {
            if (change.AtRunSeconds > runSeconds) break;
            factor = change.Factor;
        }
        return factor;
    }

    /// <summary>The last factor that was not a pause (what <c>resume</c> goes back to); 1 if there is none.</summary>
    public double LastRunningFactor()
    {
        for (var i = Changes.Count - 1; i >= 0; i--)
            if (Changes[i].Factor > 0) return Changes[i].Factor;
        return 1.0;
    }

    public LoadFactors With(LoadChange change) => new([.. Changes.Where(c => c.AtRunSeconds < change.AtRunSeconds), change]);
}
