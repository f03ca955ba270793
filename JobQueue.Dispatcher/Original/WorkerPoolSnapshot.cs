namespace JobQueue.Original;

/// <summary>
/// One reading of the Dispatcher's <c>workerPool</c>, for the dashboard. Each idle worker's channel is
/// either in the pool or, one at a time, in the Dispatcher's hands while it waits for a job.
/// </summary>
/// <param name="InPool">Idle workers' channels waiting in the pool.</param>
/// <param name="Holding">The worker whose channel the Dispatcher holds while the queue is empty; null when it holds none.</param>
internal readonly record struct WorkerPoolSnapshot(int InPool, int? Holding);
