using System.Globalization;
using System.Text;

namespace JobQueue.Compare;

/// <summary>Jobs waiting in the queue over time, one step line per server, against --max-queue-size.</summary>
internal static class QueueDepthChart
{
    private const double PlotHeight = 160;

    public static string Draw(IReadOnlyList<RunFigures> runs, int queueSize, TimeAxis axis)
    {
        var depths = runs.Select(r => Occupancy.QueueDepth(r.Run.Jobs)).ToArray();
        var highest = Math.Max(queueSize, depths.SelectMany(d => d).Select(s => s.Depth).DefaultIfEmpty(0).Max());
        var top = 10.0;
        var bottom = top + PlotHeight;
        double Y(int depth) => bottom - (PlotHeight * depth / highest);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"queue-depth\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Svg.N(axis.Left + axis.Width + 20)}\" height=\"{Svg.N(bottom + 22)}\" role=\"img\" aria-label=\"jobs waiting in the queue over time\">");
        axis.Draw(svg, top, bottom);
        foreach (var depth in new[] { 0, queueSize, highest }.Distinct())
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"row-label\" x=\"{Svg.N(axis.Left - 8)}\" y=\"{Svg.N(Y(depth) + 4)}\" text-anchor=\"end\">{depth}</text>");
        }

        var limit = Svg.N(Y(queueSize));
        svg.Append(CultureInfo.InvariantCulture,
            $"<line class=\"limit\" x1=\"{Svg.N(axis.Left)}\" y1=\"{limit}\" x2=\"{Svg.N(axis.Left + axis.Width)}\" y2=\"{limit}\"><title>--max-queue-size {queueSize}</title></line>");
        for (var i = 0; i < runs.Count; i++)
        {
            var path = new StringBuilder();
            path.Append(CultureInfo.InvariantCulture, $"M{Svg.N(axis.X(TimeSpan.Zero))},{Svg.N(Y(0))}");
            foreach (var (at, depth) in depths[i])
            {
                path.Append(CultureInfo.InvariantCulture, $"H{Svg.N(axis.X(at))}V{Svg.N(Y(depth))}");
            }

            path.Append(CultureInfo.InvariantCulture, $"H{Svg.N(axis.X(axis.End))}");
            svg.Append(CultureInfo.InvariantCulture,
                $"<path class=\"depth\" data-mode=\"{Svg.Text(runs[i].Run.Name)}\" d=\"{path}\" stroke=\"{Svg.Colour(i)}\"><title>{Svg.Text(runs[i].Run.Name)}: jobs waiting</title></path>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }
}
