namespace JobQueue.Postgres;

/// <summary>
/// Requests that many workers make at once, sent to the database together, as a group commit does:
/// while one statement runs the next requests gather, and all of them go in the one after it. A lone
/// request goes at once; under load one round trip serves every worker of the node.
/// </summary>
/// <remarks>
/// <paramref name="send"/> answers each request of its batch itself (a result, or the error that the
/// statement met) and never throws.
/// </remarks>
internal sealed class Batches<T>(Func<List<T>, Task> send)
{
    private readonly Lock _lock = new();
    private List<T> _gathering = [];
    private bool _sending;

    public void Add(T request)
    {
        lock (_lock)
        {
            _gathering.Add(request);
            if (_sending)
            {
                return; // the sender takes it with the next batch
            }

            _sending = true;
        }

        // Not inline: the caller is a worker, which should not send the batches of every other worker.
        _ = Task.Run(SendAllAsync);
    }

    private async Task SendAllAsync()
    {
        while (true)
        {
            List<T> batch;
            lock (_lock)
            {
                if (_gathering.Count == 0)
                {
                    _sending = false;
                    return;
                }

                batch = _gathering;
                _gathering = [];
            }

            await send(batch).ConfigureAwait(false);
        }
    }
}
