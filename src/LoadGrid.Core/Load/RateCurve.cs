using LoadGrid.Core.Scenarios;

namespace LoadGrid.Core.Load;

/// <summary>
/// An arrival-rate executor's rate as a piecewise-linear function of time (iterations per second), with the
/// cumulative count N(t) = ∫₀ᵗ r and its inverse, so iteration j is scheduled exactly at N⁻¹(j).
/// </summary>
public sealed class RateCurve
{
    private readonly Piece[] _pieces;

    public RateCurve(ScenarioDefinition s)
    {
        var perSecond = 1.0 / s.TimeUnit.TotalSeconds;
        var pieces = new List<Piece>();
        double time = 0, count = 0;
        if (s.Executor == ExecutorKind.ConstantArrivalRate)
        {
            pieces.Add(new Piece(0, s.Duration.TotalSeconds, 0, s.Rate * perSecond, 0));
        }
        else
        {
            var rate = s.StartRate * perSecond;
            foreach (var stage in s.Stages)
            {
                var duration = stage.Duration.TotalSeconds;
                var target = stage.Target * perSecond;
                var slope = duration > 0 ? (target - rate) / duration : 0;
                pieces.Add(new Piece(time, duration, count, rate, slope));
                count += (rate + target) / 2 * duration;
                time += duration;
                rate = target;
            }
        }
        _pieces = pieces.ToArray();
        End = _pieces.Length == 0 ? 0 : _pieces[^1].Start + _pieces[^1].Duration;
    }

    /// <summary>The curve's end in seconds; no iteration is scheduled at or after it.</summary>
    public double End { get; }

    /// <summary>N(t): iterations due by <paramref name="seconds"/> (real-valued).</summary>
    public double CountBy(double seconds)
    {
        foreach (var piece in _pieces)
        {
            if (seconds < piece.Start + piece.Duration || ReferenceEquals(piece, _pieces[^1]))
            {
                var tau = Math.Clamp(seconds - piece.Start, 0, piece.Duration);
                return piece.CountAtStart + piece.Rate * tau + piece.Slope * tau * tau / 2;
            }
        }
        return 0;
    }

    /// <summary>r(t): the planned rate at <paramref name="seconds"/>, iterations per second (0 outside the curve).</summary>
    public double RateAt(double seconds)
    {
        foreach (var piece in _pieces)
            if (seconds >= piece.Start && seconds < piece.Start + piece.Duration)
                return piece.Rate + piece.Slope * (seconds - piece.Start);
        return 0;
    }

    /// <summary>
    /// The time in seconds at which N reaches <paramref name="count"/>, searching from piece
    /// <paramref name="pieceHint"/> on (calls come in increasing order, so the search is O(1) amortized);
    /// null when the curve ends first.
    /// </summary>
    public double? TimeOf(double count, ref int pieceHint)
    {
        for (; pieceHint < _pieces.Length; pieceHint++)
        {
            var piece = _pieces[pieceHint];
            var needed = count - piece.CountAtStart;
            var tau = SolveTau(piece, needed);
            if (tau is { } t && t < piece.Duration) return piece.Start + Math.Max(0, t);
        }
        return null;
    }

    /// <summary>τ ≥ 0 with rate·τ + slope·τ²/2 = needed, in the numerically stable form 2n / (r + √(r² + 2·a·n)).</summary>
    private static double? SolveTau(Piece piece, double needed)
    {
        if (needed <= 0) return 0;
        var discriminant = piece.Rate * piece.Rate + 2 * piece.Slope * needed;
        if (discriminant < 0) return null; // a ramp down that ends before reaching the count
        var denominator = piece.Rate + Math.Sqrt(discriminant);
        return denominator <= 0 ? null : 2 * needed / denominator;
    }

    private sealed record Piece(double Start, double Duration, double CountAtStart, double Rate, double Slope);
}
