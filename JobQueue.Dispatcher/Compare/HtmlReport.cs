using System.Globalization;
using System.Text;

namespace JobQueue.Compare;

/// <summary>
/// compare.html: one self-contained page (inline CSS and SVG, nothing fetched) with the sentences, a Gantt
/// chart per server on one time axis, the queue depth of each, and the table.
/// </summary>
internal static class HtmlReport
{
    private const string Style = """
        body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1000px; color: #1f2937; padding: 0 12px; }
        h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 28px; }
        code { background: #f3f4f6; padding: 1px 4px; }
        .tick { stroke: #e5e7eb; } .tick-label, .row-label { font-size: 11px; fill: #6b7280; }
        .run { stroke: #fff; stroke-width: 0.5; } .run.canceled { fill: #9ca3af; }
        .wait { stroke-width: 2; opacity: 0.45; }
        .refusal { stroke: #dc2626; stroke-width: 1.5; }
        .depth { fill: none; stroke-width: 1.5; } .limit { stroke: #dc2626; stroke-dasharray: 4 3; }
        .legend span { display: inline-block; margin-right: 16px; } .legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -1px; }
        table { border-collapse: collapse; margin-top: 8px; } td, th { border: 1px solid #e5e7eb; padding: 3px 8px; text-align: left; }
        td:not(:first-child) { font-variant-numeric: tabular-nums; }
        """;

    public static string Write(Report report)
    {
        var axis = TimeAxis.For(report.Runs, GanttChart.Left, GanttChart.Width);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append(CultureInfo.InvariantCulture, $"<title>{Svg.Text(report.Title)}</title><style>{Style}</style></head><body>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{Svg.Text(report.Title)}</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p><code>{Svg.Text(report.Invocation)}</code>, {report.When.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC. Load: {Svg.Text(report.Load)}.</p>\n");
        html.Append("<ul class=\"findings\">");
        foreach (var sentence in report.Sentences)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{Svg.Text(sentence)}</li>");
        }

        html.Append("</ul>\n");
        html.Append("<p>Each bar is a job, from its start to its end on that worker; the thin line before it is its time in the queue; red marks on the top row are 503s. Time runs from each server's first POST. Hover for a job's times.</p>\n");
        for (var i = 0; i < report.Runs.Count; i++)
        {
            var run = report.Runs[i];
            html.Append(CultureInfo.InvariantCulture,
                $"<h2>{Svg.Text(run.Run.Name)}: {run.Run.Accepted} accepted, {run.Run.Refused} refused</h2>\n");
            html.Append(GanttChart.Draw(run, i, axis)).Append('\n');
        }

        html.Append("<h2>Jobs waiting in the queue</h2>\n<p class=\"legend\">");
        for (var i = 0; i < report.Runs.Count; i++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<span><i style=\"background:{Svg.Colour(i)}\"></i>{Svg.Text(report.Runs[i].Run.Name)}</span>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<span><i style=\"background:#dc2626\"></i>--max-queue-size {report.Settings.QueueSize}</span></p>\n");
        html.Append(QueueDepthChart.Draw(report.Runs, report.Settings.QueueSize, axis)).Append('\n');
        html.Append("<h2>Figures</h2>\n");
        AppendTable(html, report.Table);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void AppendTable(StringBuilder html, CompareTable table)
    {
        html.Append("<table><thead><tr><th>metric</th>");
        foreach (var column in table.Columns)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{Svg.Text(column)}</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var (label, values) in table.Rows)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Svg.Text(label)}</td>");
            foreach (var value in values)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td>{Svg.Text(value)}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>\n");
    }
}
