using System.Globalization;

namespace JobQueue.Compare;

/// <summary>
/// A line on standard error every two seconds once a run has lasted three, so a long comparison shows
/// it is moving: per server, the POSTs answered and the jobs ended so far.
/// </summary>
internal sealed class Progress : IAsyncDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);
    private readonly TextWriter _error;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly List<Counts> _servers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reporting;

    public Progress(TextWriter error, TimeProvider time)
    {
        _error = error;
        _time = time;
        _started = time.GetTimestamp();
        _reporting = ReportAsync();
    }

    public Counts Track(string name, int jobs)
    {
        var counts = new Counts(name, jobs);
        lock (_servers)
        {
            _servers.Add(counts);
        }

        return counts;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reporting;
        _stop.Dispose();
    }

    private async Task ReportAsync()
    {
        try
        {
            await Task.Delay(Quiet, _time, _stop.Token);
            while (true)
            {
                string line;
                lock (_servers)
                {
                    line = string.Join("; ", _servers.Select(s => s.ToString()));
                }

                var elapsed = _time.GetElapsedTime(_started).TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
                await _error.WriteLineAsync($"compare: {elapsed} s: {line}");
                await Task.Delay(Every, _time, _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One server's counts, bumped from the senders and the job watchers at once.</summary>
    internal sealed class Counts(string name, int jobs)
    {
        private int _answered;
        private int _accepted;
        private int _ended;

        public void Answered(Answer answer)
        {
            Interlocked.Increment(ref _answered);
            if (answer.Accepted)
            {
                Interlocked.Increment(ref _accepted);
            }
        }

        public void Ended() => Interlocked.Increment(ref _ended);

        public override string ToString()
        {
            var answered = Interlocked.CompareExchange(ref _answered, 0, 0);
            var accepted = Interlocked.CompareExchange(ref _accepted, 0, 0);
            return answered == 0 ? $"{name} waiting"
                : answered < jobs ? $"{name} {answered}/{jobs} POSTs answered, {accepted} accepted"
                : $"{name} {Interlocked.CompareExchange(ref _ended, 0, 0)}/{accepted} accepted jobs ended";
        }
    }
}
