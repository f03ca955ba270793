using System.Text;
using System.Threading.Channels;

namespace JobQueue.Output;

/// <summary>
/// The per-job console lines (Go's <c>fmt.Printf</c> to standard output). Lines are queued and one
/// pump writes them through a buffer, flushing whenever the queue runs dry: a quiet server shows
/// each line at once, a busy one pays one write system call per batch instead of one per line.
/// </summary>
internal sealed class JobConsole : IAsyncDisposable
{
    private readonly Channel<Entry> _entries = Channel.CreateUnbounded<Entry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TextWriter _writer;
    private readonly Task _pump;
    private readonly RecentLines _recent = new(RecentCapacity);

    public JobConsole(TextWriter writer, bool quiet = false)
    {
        _writer = writer;
        Quiet = quiet;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>How many of the last lines <see cref="Recent"/> keeps: what the dashboard shows.</summary>
    public const int RecentCapacity = 20;

    /// <summary>--quiet: per-job lines are dropped, the rest of the program is unchanged.</summary>
    public bool Quiet { get; }

    /// <summary>Standard output through a 64 KiB buffer; the pump decides when to flush, not each write.</summary>
    public static JobConsole ForStandardOutput(bool quiet) =>
        new(new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false }, quiet);

    /// <summary>
    /// Formats the line only when it will be written: with --quiet, a busy engine would otherwise
    /// build a string per line only to throw it away. Pass a static lambda.
    /// </summary>
    public void WriteLine<TState>(TState state, Func<TState, string> format)
    {
        if (!Quiet)
        {
            _entries.Writer.TryWrite(new Entry(format(state), null));
        }
    }

    /// <summary>The last lines written, oldest first: the tail of standard output, for the dashboard.</summary>
    public IReadOnlyList<string> Recent() => _recent.Read();

    /// <summary>Completes once every line written before the call is on the underlying writer.</summary>
    public Task FlushAsync()
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_entries.Writer.TryWrite(new Entry(null, flushed)))
        {
            // Already disposed: everything was written by the pump's last flush.
            flushed.TrySetResult();
        }

        return flushed.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _entries.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }

    private async Task PumpAsync()
    {
        var reader = _entries.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            List<TaskCompletionSource>? flushed = null;
            while (reader.TryRead(out var entry))
            {
                if (entry.Line is not null)
                {
                    // Go's Printf ends lines with "\n" on every platform, not Environment.NewLine.
                    _writer.Write(entry.Line);
                    _writer.Write('\n');
                    _recent.Add(entry.Line);
                }
                else
                {
                    (flushed ??= []).Add(entry.Flushed!);
                }
            }

            await _writer.FlushAsync().ConfigureAwait(false);
            flushed?.ForEach(f => f.TrySetResult());
        }
    }

    private readonly record struct Entry(string? Line, TaskCompletionSource? Flushed);
}
