using System.Text;
using JobQueue.Output;
using JobQueue.Tests.Support;

namespace JobQueue.Tests.Output;

/// <summary>
/// Job lines can never hold up the program: a standard output that stops taking them costs dropped,
/// counted lines and one warning, and a flush that gives up; one that fails stops them with one warning.
/// </summary>
public sealed class JobConsoleTests
{
    private const string DroppingWarning =
        "warning: standard output is not keeping up: job lines are dropped and counted (jobLinesDropped in /debug/vars)";

    [Test]
    public async Task A_stdout_that_takes_nothing_drops_and_counts_the_lines_beyond_the_buffer_and_says_so_once()
    {
        using var stdout = new BlockingWriter();
        using var error = new LineRecorder();
        var console = new JobConsole(stdout, error: error);
        console.WriteLine(0, Line);
        await stdout.Blocked; // the pump holds line 0 in a write that does not return

        // A line of 1023 characters and its "\n" take 1 KiB of the buffer: 1024 of them fill it.
        for (var i = 1; i <= 1500; i++)
        {
            console.WriteLine(i, Line);
        }

        await error.WhenLine(DroppingWarning);
        Assert.That(console.DroppedLines, Is.EqualTo(1500 - (JobConsole.MaxBufferedChars / 1024)));
        Assert.That(error.Lines, Is.EqualTo(new[] { DroppingWarning }));

        // Nothing waits on a stuck stdout for long: the flush and the end give up.
        await console.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await console.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(error.Lines[^1], Is.EqualTo("warning: 1025 job lines were not written: standard output did not take them"));
        stdout.Release();
    }

    [Test]
    public async Task A_stdout_that_catches_up_gets_every_line_that_was_kept_in_order()
    {
        using var stdout = new BlockingWriter();
        await using var console = new JobConsole(stdout);
        console.WriteLine(0, Line);
        await stdout.Blocked;
        for (var i = 1; i <= 1100; i++)
        {
            console.WriteLine(i, Line);
        }

        stdout.Release();
        await console.FlushAsync();

        var written = stdout.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(written.Select(l => int.Parse(l.TrimEnd('.'), System.Globalization.CultureInfo.InvariantCulture)),
            Is.EqualTo(Enumerable.Range(0, 1025)));
        Assert.That(console.DroppedLines, Is.EqualTo(76));
    }

    [Test]
    public async Task A_write_error_stops_the_job_lines_with_one_warning()
    {
        using var error = new LineRecorder();
        await using var console = new JobConsole(new FailingWriter(), error: error);

        for (var i = 0; i < 3; i++)
        {
            console.WriteLine(i, Line);
        }

        await console.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 3; i < 10; i++)
        {
            console.WriteLine(i, Line);
        }

        await console.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(error.Lines, Is.EqualTo(new[] { "warning: job lines stopped: cannot write to standard output (IOException: No space left on device)" }));
        Assert.That(console.DroppedLines, Is.EqualTo(10));
    }

    [Test]
    public async Task Quiet_drops_nothing_it_would_count()
    {
        using var stdout = new StringWriter();
        await using var console = new JobConsole(stdout, quiet: true);

        console.WriteLine(1, Line);
        await console.FlushAsync();

        Assert.That(stdout.ToString(), Is.Empty);
        Assert.That(console.DroppedLines, Is.Zero);
    }

    // 1023 characters: the number, padded with dots.
    private static string Line(int i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture).PadRight(1023, '.');

    /// <summary>Standard output that nobody reads: the first write blocks until released.</summary>
    private sealed class BlockingWriter : TextWriter
    {
        private readonly TaskCompletionSource _blocked = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ManualResetEventSlim _released = new();
        private readonly StringBuilder _text = new();

        public override Encoding Encoding => Encoding.UTF8;

        public Task Blocked => _blocked.Task;

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public void Release() => _released.Set();

        public override void Write(char value) => Write(value.ToString());

        public override void Write(string? value)
        {
            _blocked.TrySetResult();
            _released.Wait();
            lock (_text)
            {
                _text.Append(value);
            }
        }

        protected override void Dispose(bool disposing)
        {
            _released.Set();
            _released.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>Standard output on /dev/full.</summary>
    private sealed class FailingWriter : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => throw new IOException("No space left on device");

        public override void Write(string? value) => throw new IOException("No space left on device");
    }
}
