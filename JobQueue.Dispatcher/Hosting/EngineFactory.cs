using JobQueue.Engine;
using JobQueue.Original;
using JobQueue.Output;
using JobQueue.Queue;
using JobQueue.Refactored;

namespace JobQueue.Hosting;

/// <summary>The one place that builds an engine: the server and the engine tests get the same thing.</summary>
internal static class EngineFactory
{
    public static IJobEngine Create(EngineMode mode, int maxWorkers, IJobQueue jobQueue, JobCounters counters, JobConsole console, TimeProvider time)
    {
        var startedLine = mode == EngineMode.Original ? StartedLine.Original : StartedLine.Refactored;
        var runner = new JobRunner(jobQueue, counters, console, time, startedLine);
        return mode == EngineMode.Original
            ? new Dispatcher(jobQueue, maxWorkers, runner, console)
            : new WorkerPool(jobQueue, maxWorkers, runner, console);
    }
}
