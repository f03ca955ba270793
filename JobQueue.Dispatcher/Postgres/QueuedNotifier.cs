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
    private const int Idle = 0;
    private const int Sending = 1;
    private const int SendingAndMore = 2;

    private int _state;
    private Task _sending = Task.CompletedTask;

    public void Notify()
    {
        // Idle → Sending starts a sender; Sending → SendingAndMore asks it for one more round.
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state == SendingAndMore
                || (state == Sending && Interlocked.CompareExchange(ref _state, SendingAndMore, Sending) == Sending))
            {
                return;
            }

            if (state == Idle && Interlocked.CompareExchange(ref _state, Sending, Idle) == Idle)
            {
                _sending = Task.Run(SendAsync);
                return;
            }
        }
    }

    public async ValueTask DisposeAsync() => await _sending;

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
        while (Interlocked.Decrement(ref _state) != Idle);
    }
}
