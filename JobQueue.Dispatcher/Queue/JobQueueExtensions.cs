using System.Runtime.CompilerServices;

namespace JobQueue.Queue;

internal static class JobQueueExtensions
{
    /// <summary>
    /// Go's <c>for j := range jobs</c> over the queue: one job at a time, each taken only when the loop
    /// asks for the next, so a worker never holds a job it is not ready to run. Ends when the queue
    /// hands out no more, or when <paramref name="cancellationToken"/> stops the worker.
    /// </summary>
    public static async IAsyncEnumerable<Job> ReadAllAsync(this IJobQueue jobs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            Job? job;
            try
            {
                job = await jobs.TakeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            if (job is null)
            {
                yield break;
            }

            yield return job;
        }
    }
}
