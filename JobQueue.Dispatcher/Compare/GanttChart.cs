using System.Globalization;
using System.Text;

namespace JobQueue.Compare;

/// <summary>
/// One server's load as a Gantt chart: a row per worker, a bar per job from its start to its end, the
/// job's time in the queue drawn as a thin line before it, and each 503 marked on a row of its own
/// where it happened.
/// </summary>
internal static class GanttChart
{
    public const double Left = 80;
    public const double Width = 880;

    public static string Draw(RunFigures run, int index, TimeAxis axis)
    {
        var workers = run.PerWorker.Count;
        // Rows stay readable for a few workers and the chart stays on a screen for many.
        var rowHeight = workers <= 24 ? 22.0 : Math.Max(2, 528.0 / workers);
        var top = 6.0;
        var plotBottom = top + (rowHeight * (workers + 1));
        var height = plotBottom + 22;
        var colour = Svg.Colour(index);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"gantt\" data-mode=\"{Svg.Text(run.Run.Name)}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Svg.N(Left + Width + 20)}\" height=\"{Svg.N(height)}\" role=\"img\" aria-label=\"{Svg.Text(run.Run.Name)}: jobs per worker over time\">");
        axis.Draw(svg, top, plotBottom);

        Label(svg, "503", top, rowHeight);
        for (var w = 1; w <= workers; w++)
        {
            if (rowHeight >= 11)
            {
                Label(svg, $"worker{w}", top + (rowHeight * w), rowHeight);
            }
        }

        foreach (var (name, at) in run.Run.Refusals)
        {
            var x = Svg.N(axis.X(at));
            svg.Append(CultureInfo.InvariantCulture,
                $"<line class=\"refusal\" x1=\"{x}\" y1=\"{Svg.N(top + 3)}\" x2=\"{x}\" y2=\"{Svg.N(top + rowHeight - 3)}\"><title>{Svg.Text(name)}: 503 at {Units.Seconds(at)} s</title></line>");
        }

        foreach (var job in run.Run.Jobs.Where(j => j.Started is not null && j.Worker >= 1 && j.Worker <= workers))
        {
            var rowTop = top + (rowHeight * job.Worker);
            var start = job.Started!.Value;
            var end = job.Finished ?? axis.End;
            var barHeight = Math.Max(1, rowHeight - 9);
            svg.Append(CultureInfo.InvariantCulture,
                $"<line class=\"wait\" x1=\"{Svg.N(axis.X(job.Queued))}\" y1=\"{Svg.N(rowTop + rowHeight - 3)}\" x2=\"{Svg.N(axis.X(start))}\" y2=\"{Svg.N(rowTop + rowHeight - 3)}\" stroke=\"{colour}\"/>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"run{(job.Status == "completed" ? "" : " " + job.Status)}\" data-job=\"{Svg.Text(job.Name)}\" x=\"{Svg.N(axis.X(start))}\" y=\"{Svg.N(rowTop + 2)}\" width=\"{Svg.N(Math.Max(1, axis.X(end) - axis.X(start)))}\" height=\"{Svg.N(barHeight)}\" fill=\"{colour}\">");
            svg.Append(CultureInfo.InvariantCulture,
                $"<title>{Svg.Text(job.Name)} ({Units.Seconds(job.Delay)} s): queued at {Units.Seconds(job.Queued)} s, waited {Units.Seconds(start - job.Queued)} s, ran on worker{job.Worker} from {Units.Seconds(start)} s to {(job.Finished is { } f ? Units.Seconds(f) + " s" : "the end")} ({job.Status})</title></rect>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Label(StringBuilder svg, string text, double rowTop, double rowHeight) =>
        svg.Append(CultureInfo.InvariantCulture,
            $"<text class=\"row-label\" x=\"{Svg.N(Left - 8)}\" y=\"{Svg.N(rowTop + (rowHeight / 2) + 4)}\" text-anchor=\"end\">{text}</text>");
}
