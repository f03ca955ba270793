using System.Globalization;
using System.Net;

namespace JobQueue.Compare;

/// <summary>The little that writing SVG by hand needs: numbers without a culture, text escaped, one colour per server.</summary>
internal static class Svg
{
    private static readonly string[] Palette = ["#2563eb", "#ea580c", "#0f766e", "#9333ea"];

    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Text(string text) => WebUtility.HtmlEncode(text);

    /// <summary>The colour of the <paramref name="index"/>-th server, the same in every chart.</summary>
    public static string Colour(int index) => Palette[index % Palette.Length];
}
