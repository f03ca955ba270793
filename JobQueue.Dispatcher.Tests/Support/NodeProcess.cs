using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
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
    public const int SigTerm = 15;
    public const int SigCont = 18;
    public const int SigStop = 19;

    private readonly Process _process;

    private NodeProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public LineRecorder Output { get; } = new();

    public LineRecorder Errors { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Starts a node named <paramref name="name"/> on <paramref name="connectionString"/> and waits until it listens.</summary>
    public static async Task<NodeProcess> StartAsync(string connectionString, string name, params string[] flags)
    {
        var node = Launch(["--postgres", connectionString, "--node", name, "-port", "0", "-max_workers", "1", "--rescue-after", "1s", .. flags], name);
        await node.Errors.WhenLine(l => Listening().IsMatch(l) || node._process.HasExited);
        var listening = node.Errors.Lines.FirstOrDefault(l => Listening().IsMatch(l))
            ?? throw new AssertionException($"node {name} did not start: {node.Errors.Text}");
        node.Client = new HttpClient { BaseAddress = new Uri(Listening().Match(listening).Groups[1].Value), Timeout = TimeSpan.FromSeconds(60) };
        return node;
    }

    /// <summary>The program with exactly these arguments, for runs that end by themselves (migrate, a failed start).</summary>
    public static NodeProcess Launch(string[] arguments, string name = "run")
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "JobQueue.Dispatcher.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var node = new NodeProcess(Process.Start(start)!, name);
        node._process.OutputDataReceived += (_, e) => node.Output.Write(e.Data is null ? "" : e.Data + "\n");
        node._process.ErrorDataReceived += (_, e) => node.Errors.Write(e.Data is null ? "" : e.Data + "\n");
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        return node;
    }

    public async Task<long> PostAsync(string name, string delay)
    {
        using var response = await Client.PostAsync("/work", new FormUrlEncodedContent([new("name", name), new("delay", delay)]));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadAsStringAsync();
        return long.Parse(IdField().Match(body).Groups[1].Value);
    }

    /// <summary>GET /work/{id}?wait=: the job's JSON once it has ended or the wait has passed.</summary>
    public Task<string> GetAsync(long id, string wait = "0s") => Client.GetStringAsync($"/work/{id}?wait={wait}");

    /// <summary>Waits until GET on this node says the job is running on <paramref name="node"/>.</summary>
    public async Task<string> WhenRunningOnAsync(long id, string node)
    {
        for (var attempt = 0; attempt < 3000; attempt++)
        {
            var json = await GetAsync(id);
            if (json.Contains("\"status\":\"running\"", StringComparison.Ordinal) && json.Contains($"\"node\":\"{node}\"", StringComparison.Ordinal))
            {
                return json;
            }
        }

        throw new AssertionException($"job {id} never ran on {node}");
    }

    public void Signal(int signal) => Assert.That(Kill(_process.Id, signal), Is.Zero);

    public async Task<int> ExitCodeAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        // The last lines arrive after the exit: wait for the end of both streams.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>How many lines this node printed that are exactly <paramref name="line"/>.</summary>
    public int Count(string line) => Output.Lines.Count(l => l == line);

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (!_process.HasExited)
        {
            Kill(_process.Id, SigCont); // a stopped process cannot die of SIGKILL until it runs
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    // .NET can send SIGKILL (Process.Kill) but not SIGTERM, SIGSTOP or SIGCONT; libc's kill(2) can.
    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"^listening on (http://\S+)")]
    private static partial Regex Listening();

    [GeneratedRegex("\"id\":(\\d+)")]
    private static partial Regex IdField();
}
