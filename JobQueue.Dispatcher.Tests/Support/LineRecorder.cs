using System.Text;

namespace JobQueue.Tests.Support;

/// <summary>A TextWriter that keeps what is written as lines, for exact assertions on the console.</summary>
internal sealed class LineRecorder : TextWriter
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();
    private readonly List<(Func<string, bool> Matches, TaskCompletionSource Seen)> _waiters = [];

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
            var text = Text;
            var end = text.LastIndexOf('\n');
            return end < 0 ? [] : text[..end].Split('\n');
        }
    }

    public override void Write(char value) => Write(value.ToString());

    public override void Write(string? value)
    {
        lock (_gate)
        {
            _text.Append(value);
            if (value is not null && value.Contains('\n') && _waiters.Count > 0)
            {
                var lines = Lines;
                foreach (var waiter in _waiters.Where(w => lines.Any(w.Matches)).ToList())
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
            if (Lines.Any(matches))
            {
                return Task.CompletedTask;
            }

            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((matches, seen));
            return seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
