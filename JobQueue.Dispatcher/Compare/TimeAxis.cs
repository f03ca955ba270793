using System.Globalization;
using System.Text;

namespace JobQueue.Compare;

/// <summary>
/// The one time axis every chart of compare.html shares: zero is each server's first POST, the end is
/// the last thing any server did, so that the same x is the same moment of the load everywhere.
/// </summary>
internal sealed class TimeAxis(TimeSpan end, double left, double width)
{
    private static readonly double[] Steps = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600];

    public double Left { get; } = left;

    public double Width { get; } = width;

    public static TimeAxis For(IEnumerable<RunFigures> runs, double left, double width)
    {
        var end = TimeSpan.FromSeconds(1);
        foreach (var run in runs)
        {
            foreach (var job in run.Run.Jobs)
            {
                end = Max(end, job.Finished ?? job.Started ?? job.Queued);
            }

            foreach (var (_, at) in run.Run.Refusals)
            {
                end = Max(end, at);
            }
        }

        return new TimeAxis(end, left, width);
    }

    public TimeSpan End { get; } = end;

    /// <summary>The x of a moment, clamped to the axis.</summary>
    public double X(TimeSpan t) => Left + (Width * Math.Clamp(t / End, 0, 1));

    /// <summary>Tick lines and labels under a plot from <paramref name="top"/> to <paramref name="bottom"/>.</summary>
    public void Draw(StringBuilder svg, double top, double bottom)
    {
        var seconds = End.TotalSeconds;
        var step = Steps.FirstOrDefault(s => seconds / s <= 12, Steps[^1]);
        for (var t = 0.0; t <= seconds + 1e-9; t += step)
        {
            var x = Svg.N(X(TimeSpan.FromSeconds(t)));
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"tick\" x1=\"{x}\" y1=\"{Svg.N(top)}\" x2=\"{x}\" y2=\"{Svg.N(bottom)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick-label\" x=\"{x}\" y=\"{Svg.N(bottom + 14)}\" text-anchor=\"middle\">{t.ToString("0.#", CultureInfo.InvariantCulture)} s</text>");
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
