using Npgsql;

namespace JobQueue.Postgres;

/// <summary>
/// Tells the other nodes that jobs are waiting, debounced: at most one NOTIFY in flight per node, and
/// one more after it if jobs came meanwhile. A burst of POSTs costs a few NOTIFYs, not one each, and
/// an idle node still hears of the first job at once.
/// </summary>
/// <remarks>
/// Sent after the job's commit, on its own: a NOTIFY inside every enqueue would serialise the commits
/// of all nodes on PostgreSQL's notification queue lock.
/// </remarks>
internal sealed class QueuedNotifier(NpgsqlDataSource db) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private bool _more;
    private Task? _sending;

    public void Notify()
    {
        // No sender: start one. A sender at work: ask it for one more round.
        lock (_lock)
        {
            if (_sending is null)
            {
                _sending = Task.Run(SendAsync);
            }
            else
            {
                _more = true;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task? sending;
        lock (_lock)
        {
            sending = _sending;
        }

        if (sending is not null)
        {
            await sending;
        }
    }

    private async Task SendAsync()
    {
        do
        {
            try
            {
                await using var command = db.CreateCommand("SELECT pg_notify('jobqueue_queued', '')");
                await command.ExecuteNonQueryAsync();
            }
            catch (Exception e) when (DatabaseFailure.Is(e))
            {
                // Missed: the takers' polling finds the jobs.
                db.Clear();
            }
        }
        while (OneMoreRound());
    }

    private bool OneMoreRound()
    {
        lock (_lock)
        {
            if (_more)
            {
                _more = false;
                return true;
            }

            _sending = null;
            return false;
        }
    }
}
