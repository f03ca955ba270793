using System.Net;
using System.Net.Http.Headers;
using JobQueue.Http;
using JobQueue.Tests.Support;

namespace JobQueue.Tests.Http;

/// <summary>
/// A web page cannot use the server: not through DNS rebinding (foreign Host), not through a
/// cross-site form or fetch (Origin, Sec-Fetch-Site), and with --token not without the token. curl,
/// which sends none of those headers, is unaffected.
/// </summary>
public sealed class RequestGuardTests
{
    private const string Token = "s3cret-token";

    private TestServer _server = null!;

    [TearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [TestCase("POST", "/work?name=a&delay=2s", "evil.example")]
    [TestCase("GET", "/debug/vars", "rebind.attacker.example:8080")]
    [TestCase("GET", "/work/1", "192.168.1.10")]
    [TestCase("GET", "/work/1", "localhost.evil.example")]
    public async Task A_foreign_host_gets_403_while_on_loopback(string method, string path, string host)
    {
        await StartAsync();
        using var created = await _server.PostAsync("job1", "2s");

        using var response = await SendAsync(method, path, r => r.Headers.Host = host);

        await PostWorkTests.AssertGoErrorAsync(response, LoopbackHost.Refused, HttpStatusCode.Forbidden);
        Assert.That(_server.Counters.Read().Accepted, Is.EqualTo(1));
    }

    [TestCase("localhost")]
    [TestCase("LOCALHOST:8080")]
    [TestCase("dashboard.localhost")]
    [TestCase("127.0.0.1")]
    [TestCase("127.1.2.3:9")]
    [TestCase("[::1]:8080")]
    public async Task A_host_that_names_this_machine_is_served(string host)
    {
        await StartAsync();

        using var response = await SendAsync("POST", "/work?name=a&delay=2s", r => r.Headers.Host = host);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [TestCase("cross-site")]
    [TestCase("same-site")]
    public async Task A_cross_origin_browser_post_gets_403_and_queues_nothing(string site)
    {
        await StartAsync();

        using var response = await SendAsync("POST", "/work?name=a&delay=2s", r => r.Headers.Add("Sec-Fetch-Site", site));

        await PostWorkTests.AssertGoErrorAsync(response, CrossOriginProtection.FromSecFetchSite, HttpStatusCode.Forbidden);
        Assert.That(_server.Counters.Read().Accepted, Is.Zero);
    }

    [Test]
    public async Task An_old_browsers_post_from_another_origin_gets_403()
    {
        await StartAsync();

        using var response = await SendAsync("POST", "/work?name=a&delay=2s", r => r.Headers.Add("Origin", "http://evil.example"));

        await PostWorkTests.AssertGoErrorAsync(response, CrossOriginProtection.FromOrigin, HttpStatusCode.Forbidden);
        Assert.That(_server.Counters.Read().Accepted, Is.Zero);
    }

    [Test]
    public async Task A_cross_site_delete_cancels_nothing_but_a_cross_site_get_still_reads()
    {
        await StartAsync();
        using var created = await _server.PostAsync("job1", "2s");

        using var delete = await SendAsync("DELETE", "/work/1", r => r.Headers.Add("Sec-Fetch-Site", "cross-site"));
        using var get = await SendAsync("GET", "/work/1", r => r.Headers.Add("Sec-Fetch-Site", "cross-site"));

        await PostWorkTests.AssertGoErrorAsync(delete, CrossOriginProtection.FromSecFetchSite, HttpStatusCode.Forbidden);
        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_server.Counters.Read().Canceled, Is.Zero);
    }

    [Test]
    public async Task The_same_origin_and_the_users_own_requests_are_served()
    {
        await StartAsync();
        var origin = _server.Client.BaseAddress!.GetLeftPart(UriPartial.Authority);

        using var sameOrigin = await SendAsync("POST", "/work?name=a&delay=2s", r =>
        {
            r.Headers.Add("Sec-Fetch-Site", "same-origin");
            r.Headers.Add("Origin", origin);
        });
        using var typed = await SendAsync("POST", "/work?name=b&delay=2s", r => r.Headers.Add("Sec-Fetch-Site", "none"));
        using var oldBrowser = await SendAsync("POST", "/work?name=c&delay=2s", r => r.Headers.Add("Origin", origin));

        Assert.That(new[] { sameOrigin.StatusCode, typed.StatusCode, oldBrowser.StatusCode }, Is.All.EqualTo(HttpStatusCode.Created));
    }

    [TestCase("POST", "/work?name=a&delay=2s")]
    [TestCase("GET", "/work/1")]
    [TestCase("GET", "/debug/vars")]
    [TestCase("GET", "/nowhere")]
    public async Task With_a_token_a_request_without_it_gets_401(string method, string path)
    {
        await StartAsync(Token);

        using var missing = await SendAsync(method, path, _ => { });
        using var wrong = await SendAsync(method, path, r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x"));

        foreach (var response in new[] { missing, wrong })
        {
            await PostWorkTests.AssertGoErrorAsync(response, BearerToken.Missing, HttpStatusCode.Unauthorized);
            Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
        }

        Assert.That(_server.Counters.Read().Accepted, Is.Zero);
    }

    [Test]
    public async Task With_a_token_a_request_that_carries_it_is_served_and_the_page_needs_none()
    {
        await StartAsync(Token);

        using var created = await SendAsync("POST", "/work?name=a&delay=2s", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token));
        using var page = await SendAsync("GET", "/", _ => { });

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(page.StatusCode, Is.Not.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public void Binding_beyond_loopback_without_a_token_is_warned_about()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(RequestGuards.ExposureWarning(IPAddress.Any, token: null),
                Is.EqualTo("warning: listening on every interface without --token; anyone who can reach it can submit and cancel jobs"));
            Assert.That(RequestGuards.ExposureWarning(IPAddress.Parse("192.168.1.5"), token: null),
                Is.EqualTo("warning: listening on 192.168.1.5 without --token; anyone who can reach it can submit and cancel jobs"));
            Assert.That(RequestGuards.ExposureWarning(IPAddress.Any, Token), Is.Null);
            Assert.That(RequestGuards.ExposureWarning(IPAddress.IPv6Loopback, token: null), Is.Null);
        }
    }

    private async Task StartAsync(string? token = null) =>
        _server = await TestServer.StartAsync(TestServer.Settings("original") with { Token = token });

    private async Task<HttpResponseMessage> SendAsync(string method, string path, Action<HttpRequestMessage> configure)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        configure(request);
        return await _server.Client.SendAsync(request);
    }
}
