using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using JobQueue.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JobQueue.Tests.Browser;

/// <summary>
/// The dashboard at GET / in Chromium, against the real server on 127.0.0.1 and the real clock. Every
/// wait is on something the page shows; no test sleeps.
/// </summary>
internal sealed partial class DashboardTests
{
    private static readonly LocatorAssertionsToHaveCountOptions Long = new() { Timeout = 15000 };

    [Test]
    public async Task The_page_loads_live_with_no_console_error()
    {
        await using var server = await LiveServer.StartAsync("original", workers: 3, queue: 5);
        var (page, errors, context) = await OpenAsync(server);
        await using var _ = context;

        await Expect(page.Locator("#link")).ToHaveTextAsync("live");
        await Expect(page.Locator("#mode")).ToHaveTextAsync("original mode · 3 workers · queue of 5");
        await Expect(page.Locator(".lane.idle")).ToHaveCountAsync(3);
        await Expect(page.Locator("#queue-count")).ToHaveTextAsync("0 / 5");
        await Expect(page.Locator("#dispatcher-text")).ToContainTextAsync("waits on the queue for the next job");

        Assert.That(errors.All, Is.Empty);
    }

    [Test]
    public async Task The_dispatcher_shows_whose_channel_it_holds_and_whose_wait_in_its_pool()
    {
        await using var server = await LiveServer.StartAsync("original", workers: 3, queue: 2);
        var (page, errors, context) = await OpenAsync(server);
        await using var _ = context;
        await Expect(page.Locator("#holding .chan")).ToHaveTextAsync("worker1");
        await Expect(page.Locator("#pool .chan")).ToHaveTextAsync(["worker2", "worker3"]);
        await Expect(page.Locator(".lane[data-worker=\"1\"] .job")).ToHaveTextAsync("idle · channel held by the Dispatcher");

        await IdOf(await server.PostAsync("first", "10s"));

        // worker1 runs it; the Dispatcher takes the next channel from the pool, first in first out.
        await Expect(page.Locator(".lane[data-job-name=\"first\"]")).ToHaveAttributeAsync("data-worker", "1");
        await Expect(page.Locator("#holding .chan")).ToHaveTextAsync("worker2");
        await Expect(page.Locator("#pool .chan")).ToHaveTextAsync(["worker3"]);
        await Expect(page.Locator(".lane[data-worker=\"3\"] .job")).ToHaveTextAsync("idle · channel in workerPool");
        await Expect(page.Locator("#dispatcher-text")).ToContainTextAsync("taken worker2's channel");
        Assert.That(errors.All, Is.Empty);
    }

    [Test]
    public async Task A_posted_job_appears_in_a_worker_lane_and_then_leaves_it()
    {
        await using var server = await LiveServer.StartAsync("refactored", workers: 2, queue: 2);
        var (page, errors, context) = await OpenAsync(server);
        await using var _ = context;
        await Expect(page.Locator("#link")).ToHaveTextAsync("live");

        using var posted = await server.PostAsync("dash1", "1s");
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var lane = page.Locator(".lane[data-job-name=\"dash1\"]");
        await Expect(lane).ToHaveCountAsync(1);
        await Expect(lane.Locator(".job")).ToContainTextAsync("dash1 1s");
        await Expect(lane).ToHaveCountAsync(0, Long);
        await Expect(page.Locator(".lane.idle")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-total=completed] b")).ToHaveTextAsync("1");
        await Expect(page.Locator("#console-lines")).ToContainTextAsync(CompletedLine());

        // A 1 s job's run time, to the precision the server has: "1 s" or "1.01 s", never "1048.5759".
        await Expect(page.Locator("#run-time td").Nth(1)).ToHaveTextAsync(OneSecond());
        await Expect(page.Locator("#pool-note")).ToContainTextAsync("No Dispatcher");
        Assert.That(errors.All, Is.Empty);
    }

    [Test]
    public async Task A_click_cancels_a_running_job()
    {
        await using var server = await LiveServer.StartAsync("original", workers: 1, queue: 1);
        var (page, errors, context) = await OpenAsync(server);
        await using var _ = context;
        var id = await IdOf(await server.PostAsync("long", "10s"));
        var lane = page.Locator(".lane[data-job-name=\"long\"]");
        await Expect(lane).ToHaveCountAsync(1);

        await lane.Locator("button.cancel").ClickAsync();

        await Expect(page.Locator("#result")).ToHaveTextAsync("long canceled");
        await Expect(lane).ToHaveCountAsync(0);
        var state = await server.Client.GetStringAsync($"/work/{id}");
        Assert.That(JsonDocument.Parse(state).RootElement.GetProperty("status").GetString(), Is.EqualTo("canceled"));
        await Expect(page.Locator("[data-total=canceled] b")).ToHaveTextAsync("1");
        Assert.That(errors.All, Is.Empty);
    }

    [Test]
    public async Task The_queue_count_follows_the_queue_and_the_503s()
    {
        await using var server = await LiveServer.StartAsync("original", workers: 1, queue: 1);
        var (page, errors, context) = await OpenAsync(server);
        await using var _ = context;
        await Expect(page.Locator("#queue-count")).ToHaveTextAsync("0 / 1");

        await IdOf(await server.PostAsync("running", "10s"));
        var waiting = await IdOf(await server.PostAsync("waiting", "10s"));
        using var refused = await server.PostAsync("refused", "10s");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));

        await Expect(page.Locator("#queue-count")).ToHaveTextAsync("1 / 1");
        await Expect(page.Locator("[data-total=rejected] b")).ToHaveTextAsync("1");
        await Expect(page.Locator("#queued li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#queued li[data-job-name=\"waiting\"]")).ToHaveCountAsync(1);

        // A click on the waiting job frees its place: the count follows.
        await page.Locator($"#queued li[data-job-id=\"{waiting}\"] button.cancel").ClickAsync();
        await Expect(page.Locator("#queue-count")).ToHaveTextAsync("0 / 1");
        await Expect(page.Locator("#queued li")).ToHaveCountAsync(0);
        Assert.That(errors.All, Is.Empty);
    }

    [Test]
    public async Task The_form_submits_a_job_through_post_work()
    {
        await using var server = await LiveServer.StartAsync("original", workers: 4, queue: 4);
        var (page, errors, context) = await OpenAsync(server);
        await using var _ = context;
        await Expect(page.Locator("#link")).ToHaveTextAsync("live");

        // Some load first, so that the README's picture shows busy lanes, the pool and the queue.
        for (var i = 1; i <= 5; i++)
        {
            await IdOf(await server.PostAsync($"job{i}", $"{i + 5}s"));
        }

        await page.GetByLabel("name").FillAsync("from-the-form");
        await page.GetByLabel("delay").FillAsync("3s");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();

        await Expect(page.Locator("#result")).ToHaveTextAsync(ResultLine());
        await Expect(page.Locator("#queued li[data-job-name=\"from-the-form\"]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#queue-count")).ToHaveTextAsync("2 / 4");
        await Expect(page.Locator(".lane:not(.idle)")).ToHaveCountAsync(4);
        await Expect(page.Locator("#dispatcher-text")).ToContainTextAsync("Every worker is busy");
        Assert.That(errors.All, Is.Empty);

        if (Screenshots.PathOf("dashboard.png") is { } path)
        {
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        }
    }

    [Test]
    public async Task With_a_token_the_page_asks_for_it_once_then_follows_and_submits()
    {
        await using var server = await LiveServer.StartAsync("original", workers: 1, queue: 1, token: "s3cret-token");
        await using var context = await Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.Address + "/");
        await Expect(page.Locator("#link")).ToHaveTextAsync("this server needs its token");

        await page.GetByLabel("token").FillAsync("s3cret-token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();
        await Expect(page.Locator("#link")).ToHaveTextAsync("live");
        await page.GetByLabel("name").FillAsync("guarded");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();

        await Expect(page.Locator("#result")).ToHaveTextAsync("guarded accepted as job 1");
        await Expect(page.Locator(".lane[data-job-name=\"guarded\"]")).ToHaveCountAsync(1);
    }

    private static async Task<(IPage Page, PageErrors Errors, IBrowserContext Context)> OpenAsync(LiveServer server)
    {
        var context = await Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new PageErrors(page);
        var response = await page.GotoAsync(server.Address + "/");
        Assert.That(response!.Status, Is.EqualTo(200));
        return (page, errors, context);
    }

    private static async Task<long> IdOf(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        }
    }

    [GeneratedRegex(@"worker\d+: completed dash1!")]
    private static partial Regex CompletedLine();

    [GeneratedRegex(@"^1(\.\d{1,2})? s$")]
    private static partial Regex OneSecond();

    [GeneratedRegex(@"^from-the-form accepted as job 6$")]
    private static partial Regex ResultLine();
}
