using System.Text;

namespace JobQueue.Tests.Support;

/// <summary>
/// A TextWriter that keeps what is written as lines, for exact assertions on the console. It may be
/// read and awaited while another thread (the console's pump, a child process's reader) writes to it.
/// </summary>
internal sealed class LineRecorder : TextWriter
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Matches, TaskCompletionSource Seen)> _waiters = [];
    private int _lineStart;

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>Every complete line so far, split on "\n" only, as Go writes them.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public override void Write(char value) => Write(value.ToString());

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        lock (_gate)
        {
            var offset = _text.Length;
            _text.Append(value);
            for (var end = value.IndexOf('\n'); end >= 0; end = value.IndexOf('\n', end + 1))
            {
                var line = _text.ToString(_lineStart, offset + end - _lineStart);
                _lineStart = offset + end + 1;
                _lines.Add(line);
                foreach (var waiter in _waiters.Where(w => w.Matches(line)).ToList())
                {
                    waiter.Seen.TrySetResult();
                    _waiters.Remove(waiter);
                }
            }
        }
    }

    /// <summary>Completes when <paramref name="line"/> has been written as a whole line.</summary>
    public Task WhenLine(string line) => WhenLine(l => l == line);

    /// <summary>Completes when a whole line that matches has been written.</summary>
    public Task WhenLine(Func<string, bool> matches)
    {
        lock (_gate)
        {
            if (_lines.Any(matches))
            {
                return Task.CompletedTask;
            }

            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((matches, seen));
            return seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
