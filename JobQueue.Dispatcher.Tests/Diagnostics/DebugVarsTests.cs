using System.Net;
using System.Text.Json.Nodes;
using JobQueue.Engine;

namespace JobQueue.Tests.Diagnostics;

internal sealed class DebugVarsTests
{
    private static readonly string[] MemStatsFields =
    [
        "heapAllocatedBytes", "heapSizeBytes", "totalAllocatedBytes", "gcCount", "gen0Collections", "gen1Collections",
        "gen2Collections", "gcPauseTotalMs", "threads", "threadPoolThreads", "workingSetBytes", "peakWorkingSetBytes",
    ];

    [TestCase(EngineMode.Original, "original")]
    [TestCase(EngineMode.Refactored, "refactored")]
    public async Task An_idle_server_shows_gos_expvar_shape(EngineMode mode, string modeName)
    {
        await using var server = await DiagnosticsServer.StartAsync(mode);

        using var response = await server.Client.GetAsync("/debug/vars");
        var vars = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var jobQueue = vars["jobqueue"]!.AsObject();
        var memStats = vars["memstats"]!.AsObject();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("application/json; charset=utf-8"));

            // Go's expvar writes its variables sorted by name.
            Assert.That(vars.Select(p => p.Key), Is.EqualTo(new[] { "cmdline", "jobqueue", "memstats" }));
            Assert.That(vars["cmdline"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EqualTo(Environment.GetCommandLineArgs()));

            Assert.That(jobQueue["mode"]!.GetValue<string>(), Is.EqualTo(modeName));
            Assert.That(jobQueue["workers"]!.GetValue<int>(), Is.EqualTo(DiagnosticsServer.Workers));
            foreach (var counter in new[] { "busy", "queued", "accepted", "rejected", "started", "completed", "canceled", "neverStarted" })
            {
                Assert.That(jobQueue[counter]!.GetValue<long>(), Is.Zero, counter);
            }

            foreach (var latency in new[] { "queueWaitMs", "runTimeMs" })
            {
                Assert.That(Percentiles(jobQueue, latency), Is.EqualTo(new[] { 0.0, 0.0, 0.0, 0.0 }), latency);
            }

            Assert.That(memStats.Select(p => p.Key), Is.EqualTo(MemStatsFields));
            foreach (var positive in new[] { "heapAllocatedBytes", "totalAllocatedBytes", "threads", "threadPoolThreads", "workingSetBytes" })
            {
                Assert.That(memStats[positive]!.GetValue<double>(), Is.Positive, positive);
            }

            // Zero before the first collection; never negative.
            foreach (var field in MemStatsFields)
            {
                Assert.That(memStats[field]!.GetValue<double>(), Is.GreaterThanOrEqualTo(0), field);
            }

            Assert.That(memStats["peakWorkingSetBytes"]!.GetValue<long>(), Is.GreaterThanOrEqualTo(memStats["workingSetBytes"]!.GetValue<long>()));
            Assert.That(
                memStats["gen0Collections"]!.GetValue<int>() + memStats["gen1Collections"]!.GetValue<int>() + memStats["gen2Collections"]!.GetValue<int>(),
                Is.EqualTo(memStats["gcCount"]!.GetValue<int>()));
        }
    }

    [TestCase(EngineMode.Original)]
    [TestCase(EngineMode.Refactored)]
    public async Task Under_load_the_counters_match_the_answers_and_add_up(EngineMode mode)
    {
        await using var server = await DiagnosticsServer.StartAsync(mode);
        await server.LoadAsync();
        var accepted = server.Created.Count;

        var loaded = (await server.ReadVarsAsync())["jobqueue"]!.AsObject();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(accepted + server.Rejected, Is.EqualTo(DiagnosticsServer.JobsPosted));

            // Two running, the queue full, and one more held by the Dispatcher at most.
            Assert.That(accepted, Is.InRange(DiagnosticsServer.Workers + DiagnosticsServer.QueueSize, DiagnosticsServer.Workers + DiagnosticsServer.QueueSize + 1));
            Assert.That(Count(loaded, "accepted"), Is.EqualTo(accepted));
            Assert.That(Count(loaded, "rejected"), Is.EqualTo(server.Rejected));
            Assert.That(Count(loaded, "busy"), Is.EqualTo(DiagnosticsServer.Workers));
            Assert.That(Count(loaded, "started"), Is.EqualTo(DiagnosticsServer.Workers));
            Assert.That(Count(loaded, "queued"), Is.EqualTo(accepted - DiagnosticsServer.Workers));
            Assert.That(Count(loaded, "completed"), Is.Zero);
            Assert.That(Count(loaded, "canceled"), Is.Zero);
            AssertAddsUp(loaded);
            Assert.That(Percentiles(loaded, "queueWaitMs"), Is.EqualTo(new[] { 0.0, 0.0, 0.0, 0.0 }));
            Assert.That(Percentiles(loaded, "runTimeMs"), Is.EqualTo(new[] { 0.0, 0.0, 0.0, 0.0 }));
        }

        await server.FinishRunningJobsAsync();
        using var first = await server.Client.GetAsync(server.Created[0] + "?wait=10s");
        var firstJob = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;

        var moved = (await server.ReadVarsAsync())["jobqueue"]!.AsObject();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(firstJob["status"]!.GetValue<string>(), Is.EqualTo("completed"));
            Assert.That(Count(moved, "accepted"), Is.EqualTo(accepted));
            Assert.That(Count(moved, "rejected"), Is.EqualTo(server.Rejected));
            Assert.That(Count(moved, "completed"), Is.EqualTo(DiagnosticsServer.Workers));
            Assert.That(Count(moved, "started"), Is.EqualTo(2 * DiagnosticsServer.Workers));
            Assert.That(Count(moved, "busy"), Is.EqualTo(DiagnosticsServer.Workers));
            Assert.That(Count(moved, "queued"), Is.EqualTo(accepted - (2 * DiagnosticsServer.Workers)));
            Assert.That(Count(moved, "canceled"), Is.Zero);
            AssertAddsUp(moved);

            // Both finished jobs ran exactly 2 s of fake time; of the four started, two waited 0 s and two 2 s.
            Assert.That(Percentiles(moved, "runTimeMs"), Is.EqualTo(new[] { 2000.0, 2000.0, 2000.0, 2000.0 }));
            Assert.That(Percentiles(moved, "queueWaitMs"), Is.EqualTo(new[] { 0.0, 2000.0, 2000.0, 2000.0 }));
        }
    }

    [TestCase("POST")]
    [TestCase("PUT")]
    [TestCase("DELETE")]
    [TestCase("HEAD")]
    public async Task Any_other_method_gets_405_with_allow_get(string method)
    {
        await using var server = await DiagnosticsServer.StartAsync(EngineMode.Original);

        using var request = new HttpRequestMessage(new HttpMethod(method), "/debug/vars");
        using var response = await server.Client.SendAsync(request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(response.Content.Headers.Allow, Is.EqualTo(new[] { "GET" }));
            Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.Empty);
        }
    }

    internal static long Count(JsonObject jobQueue, string name) => jobQueue[name]!.GetValue<long>();

    internal static double[] Percentiles(JsonObject jobQueue, string name)
    {
        var latency = jobQueue[name]!.AsObject();
        return [.. new[] { "p50", "p90", "p99", "max" }.Select(p => latency[p]!.GetValue<double>())];
    }

    private static void AssertAddsUp(JsonObject jobQueue) =>
        Assert.That(
            Count(jobQueue, "completed") + Count(jobQueue, "canceled") + Count(jobQueue, "queued") + Count(jobQueue, "busy"),
            Is.EqualTo(Count(jobQueue, "accepted")),
            "accepted = completed + canceled + queued + busy");
}
