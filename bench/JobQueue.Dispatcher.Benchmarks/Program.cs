using BenchmarkDotNet.Running;
using JobQueue.Benchmarks;
using JobQueue.Engine;

// dotnet run -c Release --project bench/JobQueue.Dispatcher.Benchmarks -- --filter '*' [--job short]
// dotnet run -c Release --project bench/JobQueue.Dispatcher.Benchmarks -- profile original 1000 [seconds]
//   runs one engine as JobsPerSecond does, for a profiler to attach to (perf record -e cpu-clock)
if (args is ["profile", var mode, var workers, ..])
{
    var seconds = args.Length > 3 ? int.Parse(args[3]) : 10;
    var run = new EngineRun(Enum.Parse<EngineMode>(mode, ignoreCase: true), int.Parse(workers), JobsPerSecond.QueueSize);
    var until = DateTime.UtcNow.AddSeconds(seconds);
    var rounds = 0;
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var cpu = Environment.CpuUsage.TotalTime;
    var allocated = GC.GetTotalAllocatedBytes();
    while (DateTime.UtcNow < until)
    {
        await run.SubmitAndWaitAsync(JobsPerSecond.Jobs);
        rounds++;
    }

    double jobs = rounds * JobsPerSecond.Jobs;
    Console.WriteLine($"{mode} {workers}: {jobs / clock.Elapsed.TotalSeconds / 1e6:F2} M jobs/s, " +
        $"{(Environment.CpuUsage.TotalTime - cpu).TotalNanoseconds / jobs:F0} ns CPU and {(GC.GetTotalAllocatedBytes() - allocated) / jobs:F0} B per job");
    await run.StopAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(JobsPerSecond).Assembly).Run(args);
