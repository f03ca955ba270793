using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace JobQueue.Tests.Support;

/// <summary>
/// The program as a user starts it, <c>dotnet JobQueue.Dispatcher.dll</c> with its flags, in its own
/// process: standard output and standard error recorded line by line, stopped by real signals.
/// </summary>
internal sealed partial class ProgramProcess : IAsyncDisposable
{
    public const int SigTerm = 15;

    private readonly Process _process;

    private ProgramProcess(Process process) => _process = process;

    public LineRecorder Output { get; } = new();

    public LineRecorder Error { get; } = new();

    public static ProgramProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "JobQueue.Dispatcher.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var program = new ProgramProcess(Process.Start(start)!);
        program._process.OutputDataReceived += (_, e) => Record(program.Output, e.Data);
        program._process.ErrorDataReceived += (_, e) => Record(program.Error, e.Data);
        program._process.BeginOutputReadLine();
        program._process.BeginErrorReadLine();
        return program;
    }

    /// <summary>Waits for the server's "listening on" line and returns the address in it.</summary>
    public async Task<string> WhenListeningAsync()
    {
        await Error.WhenLine(l => Listening().IsMatch(l));
        return Error.Lines.Select(l => Listening().Match(l)).First(m => m.Success).Groups[1].Value;
    }

    public void Signal(int signal) => Assert.That(Kill(_process.Id, signal), Is.Zero);

    /// <summary>Waits for the process to exit; every line it wrote is recorded by then.</summary>
    public async Task<int> ExitCodeAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
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
