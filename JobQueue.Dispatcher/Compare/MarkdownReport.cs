using System.Globalization;
using System.Text;

namespace JobQueue.Compare;

/// <summary>compare.md: the sentences, the table, and a link to the picture.</summary>
internal static class MarkdownReport
{
    public static string Write(Report report)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# {report.Title}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"`{report.Invocation}`, {report.When.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Load: {report.Load}.\n\n");
        foreach (var sentence in report.Sentences)
        {
            md.Append("- ").Append(sentence).Append('\n');
        }

        md.Append(CultureInfo.InvariantCulture, $"\nThe timeline of every job, each 503 and the queue depth: [{Path.GetFileName(report.Settings.HtmlOut)}]({Uri.EscapeDataString(Path.GetFileName(report.Settings.HtmlOut))}).\n\n");
        md.Append(report.Table.ToMarkdown());
        return md.ToString();
    }
}
