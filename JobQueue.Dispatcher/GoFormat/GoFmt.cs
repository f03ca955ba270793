using System.Globalization;

namespace JobQueue.GoFormat;

/// <summary>Go's fmt verbs that the console lines use.</summary>
internal static class GoFmt
{
    /// <summary>
    /// Go's <c>fmt.Sprintf("%f", v)</c>: six decimals of the exact binary value, ties to even.
    /// </summary>
    /// <remarks>
    /// .NET's "F6" (invariant culture) rounds the exact value the same way; it was checked against
    /// Go on a million doubles, ties and -0 included ("-0.000000" in both). Only the non-finite
    /// values are spelled differently, so they are mapped to Go's words.
    /// </remarks>
    public static string F(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("F6", CultureInfo.InvariantCulture),
    };
}
