namespace JobQueue.Postgres;

/// <summary>
/// Requests on this node that wait for a job to end (GET ?wait=, DELETE of a running job), woken by the
/// NOTIFY the job's end sends from whichever node ran it.
/// </summary>
internal sealed class JobEndWaiters
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, List<TaskCompletionSource>> _byJob = [];

    /// <summary>Completes when <paramref name="id"/> may have ended (or every waiter is told to look again).</summary>
    public Waiter Register(long id)
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (!_byJob.TryGetValue(id, out var list))
            {
                _byJob[id] = list = [];
            }

            list.Add(ended);
        }

        return new Waiter(this, id, ended);
    }

    public void Ended(long id)
    {
        List<TaskCompletionSource>? list;
        lock (_lock)
        {
            _byJob.Remove(id, out list);
        }

        list?.ForEach(w => w.TrySetResult());
    }

    /// <summary>Notifications may have been missed (the LISTEN connection was down): every waiter looks again.</summary>
    public void All()
    {
        List<TaskCompletionSource> all;
        lock (_lock)
        {
            all = _byJob.Values.SelectMany(l => l).ToList();
            _byJob.Clear();
        }

        all.ForEach(w => w.TrySetResult());
    }

    private void Remove(long id, TaskCompletionSource ended)
    {
        lock (_lock)
        {
            if (_byJob.TryGetValue(id, out var list) && list.Remove(ended) && list.Count == 0)
            {
                _byJob.Remove(id);
            }
        }
    }

    internal sealed class Waiter(JobEndWaiters owner, long id, TaskCompletionSource ended) : IDisposable
    {
        public Task Ended => ended.Task;

        public void Dispose() => owner.Remove(id, ended);
    }
}
