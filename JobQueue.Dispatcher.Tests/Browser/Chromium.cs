using Microsoft.Playwright;

namespace JobQueue.Tests.Browser;

/// <summary>
/// One headless Chromium for every browser test of the run: Debian's /usr/bin/chromium driven by
/// Playwright, never a browser Playwright downloads. Each test opens its own context (its own cookies
/// and storage) in it. Without the browser a test is skipped on a developer's machine, and fails
/// under CI=true: CI must never pass by skipping.
/// </summary>
[SetUpFixture]
public sealed class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    /// <summary>A fresh context (cookies, storage) in the shared browser, which starts with the first test that needs it.</summary>
    public static async Task<IBrowserContext> NewContextAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            const string missing = $"no browser at {ExecutablePath}: apt-get install -y chromium";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(missing);
            }

            Assert.Ignore(missing);
        }

        await Gate.WaitAsync();
        try
        {
            // A page waits on what it shows; on a machine shared with other builds that can take more than the default 5 s.
            Assertions.SetDefaultExpectTimeout(15000);
            _playwright ??= await Playwright.CreateAsync();
            _browser ??= await _playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                // As root, without a GPU, and offline: Chromium's own background traffic is refused here.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
        }
        finally
        {
            Gate.Release();
        }

        return await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1100, Height = 900 } });
    }

    [OneTimeTearDown]
    public async Task CloseAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
