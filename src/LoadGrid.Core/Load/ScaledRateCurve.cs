namespace LoadGrid.Core.Load;

/// <summary>
/// An arrival-rate curve with the operator's <see cref="LoadFactors"/> on it: the cumulative count becomes
/// C(t) = Σₖ fₖ·(N(min(t, tₖ₊₁)) − N(tₖ)), so iteration j starts at C⁻¹(j). Iteration numbers stay global and
/// every shard computes the same C, so the shards' partition of the iterations (<see cref="IterationOwnership"/>)
/// stays exact through every pause and scale.
/// </summary>
public sealed class ScaledRateCurve
{
    private readonly RateCurve _curve;
    private Piece[] _pieces;

    /// <param name="scenarioStartSeconds">The scenario's startTime: changes are on the run clock, the curve on the scenario's.</param>
    public ScaledRateCurve(RateCurve curve, LoadFactors factors, double scenarioStartSeconds)
    {
        _curve = curve;
        _pieces = Build(curve, factors, scenarioStartSeconds);
    }

    public double End => _curve.End;

    public void Apply(LoadFactors factors, double scenarioStartSeconds) => _pieces = Build(_curve, factors, scenarioStartSeconds);

    /// <summary>C(t): iterations due by <paramref name="seconds"/> of the scenario's clock.</summary>
    public double CountBy(double seconds)
    {
        var piece = _pieces[0];
        foreach (var p in _pieces)
        {
            if (p.Start > seconds) break;
            piece = p;
        }
        return piece.CountAtStart + piece.Factor * (_curve.CountBy(seconds) - piece.PlanCountAtStart);
    }

    /// <summary>The time (scenario seconds) at which C reaches <paramref name="count"/>; null if it never does (the curve ends, or a pause lasts).</summary>
    public double? TimeOf(double count)
    {
        for (var k = 0; k < _pieces.Length; k++)
        {
            var piece = _pieces[k];
            var last = k == _pieces.Length - 1;
            if (!last && _pieces[k + 1].CountAtStart <= count) continue;
            if (piece.Factor <= 0) return null;
            var planCount = piece.PlanCountAtStart + (count - piece.CountAtStart) / piece.Factor;
            var hint = 0;
            var time = _curve.TimeOf(planCount, ref hint);
            if (time is null) return null;
            var t = Math.Max(time.Value, piece.Start);
            // Floating point can put the answer a hair past the next change; the next piece then owns it.
            if (!last && t >= _pieces[k + 1].Start) continue;
            return t;
        }
        return null;
    }

    private static Piece[] Build(RateCurve curve, LoadFactors factors, double scenarioStartSeconds)
    {
        var pieces = new List<Piece> { new(0, 1, 0, 0) };
        foreach (var change in factors.Changes)
        {
            var start = Math.Max(0, change.AtRunSeconds - scenarioStartSeconds);
            var previous = pieces[^1];
            var planCount = curve.CountBy(start);
            var count = previous.CountAtStart + previous.Factor * (planCount - previous.PlanCountAtStart);
            if (start <= previous.Start) pieces[^1] = previous with { Factor = change.Factor };
            else pieces.Add(new Piece(start, change.Factor, count, planCount));
        }
        return pieces.ToArray();
    }

    private sealed record Piece(double Start, double Factor, double CountAtStart, double PlanCountAtStart);
}
