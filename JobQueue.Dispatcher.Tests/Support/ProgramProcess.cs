using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace JobQueue.Tests.Support;

/// <summary>
/// The program as a user starts it, <c>dotnet JobQueue.Dispatcher.dll</c> with its flags, in its own
/// process: standard output and standard error recorded line by line, stopped by real signals. Also
/// for what only a real process shows: a standard output nobody reads, file descriptor limits.
/// </summary>
internal sealed partial class ProgramProcess : IAsyncDisposable
{
    public const int SigTerm = 15;
    private const int SigKill = 9;

    private readonly Process _process;
    private readonly bool _ownGroup;

    private ProgramProcess(Process process, bool ownGroup)
    {
        _process = process;
        _ownGroup = ownGroup;
    }

    /// <summary>Standard output, line by line, when it is read (see <see cref="Start(string[], string?, bool, bool, IDictionary{string, string}?)"/>).</summary>
    public LineRecorder Output { get; } = new();

    public LineRecorder Error { get; } = new();

    /// <summary>The process started: the program itself, or the shell that starts it.</summary>
    public int Id => _process.Id;

    /// <summary>A client for the server's address, once <see cref="ListeningAsync"/> has seen it.</summary>
    public HttpClient Client { get; private set; } = null!;

    public static ProgramProcess Start(params string[] args) => Start(args, shell: null);

    /// <summary>
    /// Starts the program with <paramref name="flags"/>. With <paramref name="shell"/>, a sh script runs
    /// it instead, the program's command line being its "$@" (e.g. <c>ulimit -n 1024; exec "$@"</c>).
    /// <paramref name="readOutput"/> false leaves standard output a pipe nobody reads, as
    /// <c>| sleep 30</c> does. <paramref name="ownGroup"/> starts it in a process group of its own
    /// (setsid), so that <see cref="SignalGroup"/> reaches it and nothing else. <paramref name="environment"/>
    /// adds variables to the test's own.
    /// </summary>
    public static ProgramProcess Start(
        string[] flags, string? shell = null, bool readOutput = true, bool ownGroup = false, IDictionary<string, string>? environment = null)
    {
        List<string> command = ["dotnet", Path.Combine(AppContext.BaseDirectory, "JobQueue.Dispatcher.dll"), .. flags];
        if (shell is not null)
        {
            command = ["sh", "-c", shell, "sh", .. command];
        }

        if (ownGroup)
        {
            command = ["setsid", .. command];
        }

        var start = new ProcessStartInfo(command[0]) { RedirectStandardError = true, RedirectStandardOutput = true };
        command.Skip(1).ToList().ForEach(start.ArgumentList.Add);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var program = new ProgramProcess(Process.Start(start)!, ownGroup);
        program._process.ErrorDataReceived += (_, e) => Record(program.Error, e.Data);
        program._process.BeginErrorReadLine();
        if (readOutput)
        {
            program._process.OutputDataReceived += (_, e) => Record(program.Output, e.Data);
            program._process.BeginOutputReadLine();
        }

        return program;
    }

    /// <summary>Waits for the server's "listening on" line and returns the address in it.</summary>
    public async Task<string> WhenListeningAsync()
    {
        await Error.WhenLine(l => Listening().IsMatch(l));
        return Error.Lines.Select(l => Listening().Match(l)).First(m => m.Success).Groups[1].Value;
    }

    /// <summary>Waits for the "listening on" line, and points <see cref="Client"/> at that address.</summary>
    public async Task<HttpClient> ListeningAsync()
    {
        Client = new HttpClient { BaseAddress = new Uri(await WhenListeningAsync()), Timeout = TimeSpan.FromSeconds(30) };
        return Client;
    }

    public void Signal(int signal) => Assert.That(Kill(_process.Id, signal), Is.Zero);

    /// <summary>What <c>kill -TERM -- -PGID</c> does: the signal reaches every process of the group at once.</summary>
    public void SignalGroup(int signal) => Assert.That(Kill(-_process.Id, signal), Is.Zero);

    /// <summary>Waits for the process to exit; every line it wrote is recorded by then.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan? within = null)
    {
        await _process.WaitForExitAsync().WaitAsync(within ?? TimeSpan.FromSeconds(30));
        return _process.ExitCode;
    }

    public string[] ErrorLines(string prefix) => [.. Error.Lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal))];

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (!_process.HasExited)
        {
            if (_ownGroup)
            {
                Kill(-_process.Id, SigKill);
            }

            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Record(LineRecorder recorder, string? line)
    {
        if (line is not null)
        {
            recorder.Write(line + "\n");
        }
    }

    // .NET can send SIGKILL (Process.Kill) but not SIGTERM; libc's kill(2) can.
    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"^listening on (http://\S+)")]
    private static partial Regex Listening();
}
