using System.Globalization;

namespace LoadGrid.Core.Load;

/// <summary>
/// An exact rational number, always normalized (lowest terms, positive denominator). Shares of the load are
/// fractions so that splitting never drifts: the parts of a whole add up to exactly the whole.
/// </summary>
public readonly record struct Fraction : IComparable<Fraction>
{
    public Fraction(long numerator, long denominator)
    {
        if (denominator == 0) throw new DivideByZeroException("a fraction's denominator cannot be 0");
        if (denominator < 0) (numerator, denominator) = (-numerator, -denominator);
        var gcd = Gcd(Math.Abs(numerator), denominator);
        Numerator = numerator / gcd;
        Denominator = denominator / gcd;
    }

    public long Numerator { get; }

    public long Denominator { get; }

    public static Fraction Zero => new(0, 1);

    public static Fraction One => new(1, 1);

    /// <summary>A weight as written in a file (e.g. 0.25 or 3), exact to 6 decimals.</summary>
    public static Fraction FromWeight(double weight)
    {
        if (!double.IsFinite(weight) || weight < 0) throw new ArgumentOutOfRangeException(nameof(weight), weight, "a weight must be a finite number ≥ 0");
        return new Fraction((long)Math.Round(weight * 1_000_000), 1_000_000);
    }

    public static Fraction operator +(Fraction a, Fraction b) => Combine(a, b, +1);

    public static Fraction operator -(Fraction a, Fraction b) => Combine(a, b, -1);

    public static Fraction operator *(Fraction a, Fraction b) => Checked((Int128)a.Numerator * b.Numerator, (Int128)a.Denominator * b.Denominator);

    public static Fraction operator /(Fraction a, Fraction b) => Checked((Int128)a.Numerator * b.Denominator, (Int128)a.Denominator * b.Numerator);

    public static bool operator <(Fraction a, Fraction b) => a.CompareTo(b) < 0;

    public static bool operator >(Fraction a, Fraction b) => a.CompareTo(b) > 0;

    public static bool operator <=(Fraction a, Fraction b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Fraction a, Fraction b) => a.CompareTo(b) >= 0;

    public int CompareTo(Fraction other) => ((Int128)Numerator * other.Denominator).CompareTo((Int128)other.Numerator * Denominator);

    /// <summary>⌊n · this⌋, exact for any n and fraction in range (no floating point).</summary>
    public long FloorOfTimes(long n)
    {
        var product = (Int128)n * Numerator;
        var quotient = product / Denominator;
        if (product % Denominator != 0 && product < 0) quotient -= 1;
        return (long)quotient;
    }

    public double ToDouble() => (double)Numerator / Denominator;

    public override string ToString() => Denominator == 1
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";

    private static Fraction Combine(Fraction a, Fraction b, int sign) =>
        Checked((Int128)a.Numerator * b.Denominator + sign * (Int128)b.Numerator * a.Denominator, (Int128)a.Denominator * b.Denominator);

    private static Fraction Checked(Int128 numerator, Int128 denominator)
    {
        if (denominator < 0) (numerator, denominator) = (-numerator, -denominator);
        var gcd = Gcd128(Int128.Abs(numerator), denominator);
        if (gcd > 1) (numerator, denominator) = (numerator / gcd, denominator / gcd);
        return new Fraction(checked((long)numerator), checked((long)denominator));
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a == 0 ? 1 : a;
    }

    private static Int128 Gcd128(Int128 a, Int128 b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a == 0 ? 1 : a;
    }
}
