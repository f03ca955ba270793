using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace JobQueue.Tests.Support;

/// <summary>
/// One node of a shared queue as a user runs it: <c>dotnet JobQueue.Dispatcher.dll --postgres ...</c> in its
/// own process, on port 0, stopped by real signals. Its standard output (the job lines) and standard
/// error are recorded line by line.
/// </summary>
internal sealed partial class NodeProcess : IAsyncDisposable
{
    public const int SigKill = 9;
    public const int SigTerm = ProgramProcess.SigTerm;
    public const int SigCont = 18;
    public const int SigStop = 19;

    private readonly ProgramProcess _program;

    private NodeProcess(ProgramProcess program, string name, HttpClient client)
    {
        _program = program;
        Name = name;
        Client = client;
    }

    public string Name { get; }

    public LineRecorder Output => _program.Output;

    public LineRecorder Errors => _program.Error;

    public HttpClient Client { get; }

    /// <summary>Starts a node named <paramref name="name"/> on <paramref name="connectionString"/> and waits until it listens.</summary>
    public static async Task<NodeProcess> StartAsync(string connectionString, string name, params string[] flags)
    {
        var program = ProgramProcess.Start(["--postgres", connectionString, "--node", name, "-port", "0", "-max_workers", "1", "--rescue-after", "3s", .. flags]);
        var address = await program.WhenListeningAsync();
        return new NodeProcess(program, name, new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) });
    }

    public async Task<long> PostAsync(string name, string delay)
    {
        using var response = await Client.PostAsync("/work", new FormUrlEncodedContent([new("name", name), new("delay", delay)]));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        return long.Parse(IdField().Match(body).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>GET /work/{id}?wait=: the job's JSON once it has ended or the wait has passed.</summary>
    public Task<string> GetAsync(long id, string wait = "0s") => Client.GetStringAsync($"/work/{id}?wait={wait}");

    /// <summary>Waits until GET on this node says the job is running on <paramref name="node"/>.</summary>
    public Task<string> WhenRunningOnAsync(long id, string node) =>
        WhenAsync(id, json => json.Contains($"\"node\":\"{node}\"", StringComparison.Ordinal), $"job {id} never ran on {node}");

    /// <summary>Waits until GET on this node says the job is running.</summary>
    public Task<string> WhenRunningAsync(long id) => WhenAsync(id, _ => true, $"job {id} never started");

    // Another process's state can only be polled: a GET every 10 ms, for a minute at most.
    private async Task<string> WhenAsync(long id, Func<string, bool> running, string failure)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            var json = await GetAsync(id);
            if (json.Contains("\"status\":\"running\"", StringComparison.Ordinal) && running(json))
            {
                return json;
            }

            await Task.Delay(10);
        }

        throw new AssertionException(failure);
    }

    public void Signal(int signal) => _program.Signal(signal);

    public Task<int> ExitCodeAsync() => _program.ExitCodeAsync();

    /// <summary>How many lines this node printed that are exactly <paramref name="line"/>.</summary>
    public int Count(string line) => Output.Lines.Count(l => l == line);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _program.DisposeAsync(); // SIGKILL ends a stopped process too
    }

    [GeneratedRegex("\"id\":(\\d+)")]
    private static partial Regex IdField();
}
