using System.Diagnostics;

namespace JobQueue.Diagnostics;

/// <summary>
/// The <c>memstats</c> object of /debug/vars: what the .NET runtime says in place of Go's
/// <c>runtime.MemStats</c>. heapAllocatedBytes is Go's HeapAlloc, totalAllocatedBytes its TotalAlloc,
/// gcCount its NumGC, gcPauseTotalMs its PauseTotalNs in milliseconds.
/// </summary>
internal sealed record MemStats(
    long HeapAllocatedBytes,
    long HeapSizeBytes,
    long TotalAllocatedBytes,
    int GcCount,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    double GcPauseTotalMs,
    int Threads,
    int ThreadPoolThreads,
    long WorkingSetBytes,
    long PeakWorkingSetBytes)
{
    public static MemStats Read()
    {
        using var process = Process.GetCurrentProcess();

        // Oldest generation first: a collection counted in an older generation is already counted in
        // the younger ones, so no difference below is ever negative. Each generation is counted on its
        // own (as the runtime's dotnet.gc.collections does), and the three add up to gcCount.
        var gen2 = GC.CollectionCount(2);
        var gen1 = GC.CollectionCount(1);
        var gen0 = GC.CollectionCount(0);
        return new MemStats(
            HeapAllocatedBytes: GC.GetTotalMemory(forceFullCollection: false),
            // As of the last collection; zero before the first one.
            HeapSizeBytes: GC.GetGCMemoryInfo().HeapSizeBytes,
            TotalAllocatedBytes: GC.GetTotalAllocatedBytes(precise: false),
            // Every collection, whatever its generation, collects generation 0 too.
            GcCount: gen0,
            Gen0Collections: gen0 - gen1,
            Gen1Collections: gen1 - gen2,
            Gen2Collections: gen2,
            GcPauseTotalMs: GC.GetTotalPauseDuration().TotalMilliseconds,
            Threads: process.Threads.Count,
            ThreadPoolThreads: ThreadPool.ThreadCount,
            WorkingSetBytes: process.WorkingSet64,
            PeakWorkingSetBytes: process.PeakWorkingSet64);
    }
}
