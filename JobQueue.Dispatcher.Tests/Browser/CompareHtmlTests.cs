using JobQueue.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace JobQueue.Tests.Browser;

/// <summary>
/// compare.html of a real comparison (<see cref="ShortCompare"/>: both modes as child processes, the load
/// over HTTP), opened in Chromium as a user opens the file: a bar per accepted job and a mark per 503, per mode.
/// </summary>
/// <remarks>
/// A real run rather than recorded data: the picture is only right if the whole chain is, from the
/// servers' answers and job times to the SVG. The renderer's arithmetic is pinned by FindingsTests and
/// OccupancyTests over recorded runs.
/// </remarks>
internal sealed class CompareHtmlTests
{
    [Test]
    public async Task Compare_html_shows_one_bar_per_job_and_one_mark_per_503_for_each_mode()
    {
        var run = await ShortCompare.ResultAsync();
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        await using var context = await Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new PageErrors(page);

        await page.GotoAsync(new Uri(run.Settings.HtmlOut).AbsoluteUri);

        foreach (var result in run.Report.Runs.Select(r => r.Run))
        {
            var chart = page.Locator($"svg.gantt[data-mode=\"{result.Name}\"]");
            await Expect(chart).ToBeVisibleAsync();
            await Expect(chart.Locator("rect.run")).ToHaveCountAsync(result.Accepted);
            await Expect(chart.Locator("line.refusal")).ToHaveCountAsync(result.Refused);
            var jobs = await chart.Locator("rect.run").EvaluateAllAsync<string[]>("bars => bars.map(b => b.dataset.job)");
            Assert.That(jobs, Is.EquivalentTo(result.Answers.Where(a => a.Accepted).Select(a => a.Name)), $"{result.Name}: the jobs it accepted, each once");
            await Expect(page.Locator($"path.depth[data-mode=\"{result.Name}\"]")).ToHaveCountAsync(1);
        }

        Assert.That(errors.All, Is.Empty);
        if (Screenshots.PathOf("compare.png") is { } path)
        {
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        }
    }
}
