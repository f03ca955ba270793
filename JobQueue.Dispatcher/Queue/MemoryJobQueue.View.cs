namespace JobQueue.Queue;

/// <summary>The dashboard's reading of the queue in memory, without a pass over the whole record.</summary>
internal sealed partial class MemoryJobQueue
{
    // Every job at or below this id has ended: none will run or wait again. The walk starts above it.
    private long _endedUpTo;

    /// <summary>
    /// Ids are handed out in order and jobs are taken in that order, so the unfinished jobs lie in one
    /// stretch of ids: the running ones (those started since the oldest still running), then the
    /// waiting ones. The walk goes up that stretch and stops at the last waiting job it lists, so a
    /// long queue costs no more than a short one.
    /// </summary>
    /// <remarks>
    /// A job that a worker started while an older one was still on its way to its own worker lies past
    /// the first waiting ones: one reading may miss it, the next finds it.
    /// </remarks>
    public ValueTask<QueueView> ViewAsync(int running, int waiting, CancellationToken cancellationToken)
    {
        // Every job up to this id is in the record: both are written under the lock.
        long last;
        long endedUpTo;
        lock (_lock)
        {
            last = _lastId;
            endedUpTo = _endedUpTo;
        }

        List<JobSnapshot> runningJobs = [];
        List<JobSnapshot> waitingJobs = [];
        for (var id = endedUpTo + 1; id <= last; id++)
        {
            // A job out of the record has left the history: it ended long ago.
            var status = _record.TryGetValue(id, out var job) ? job.Status : JobStatus.Completed;
            if (status is not (JobStatus.Running or JobStatus.Queued))
            {
                endedUpTo = endedUpTo == id - 1 ? id : endedUpTo;
                continue;
            }

            if (status == JobStatus.Queued && waitingJobs.Count >= waiting)
            {
                break;
            }

            if (status == JobStatus.Queued || runningJobs.Count < running)
            {
                // The status read above may have moved on since: the copy says where the job belongs.
                var snapshot = job!.Snapshot();
                if (snapshot.Status == JobStatus.Queued)
                {
                    waitingJobs.Add(snapshot);
                }
                else if (snapshot.Status == JobStatus.Running && runningJobs.Count < running)
                {
                    runningJobs.Add(snapshot);
                }
            }
        }

        // What one reader found stays true; of two readers racing, the one that got further wins.
        lock (_lock)
        {
            _endedUpTo = Math.Max(_endedUpTo, endedUpTo);
        }

        return ValueTask.FromResult(new QueueView(runningJobs, waitingJobs, WaitingCount: null));
    }
}
