namespace JobQueue.Hosting;

/// <summary>
/// Lets the runtime finish a socket operation on the thread that polled it, instead of posting each
/// completion to the thread pool: a POST then costs fewer thread switches, as Go's netpoller readies
/// the waiting goroutine itself (BENCHMARKS.md, requests/s).
/// </summary>
/// <remarks>
/// Code that blocks on a polling thread stalls every socket polled there, so only code that never
/// waits may run there. With the queue in memory that holds: Kestrel runs request handlers on the
/// thread pool, and only its socket loops (accept, receive, send) run on the polling threads. Not
/// with --postgres: what follows a database read would run there too (a request handler's answer,
/// the shared queue's log lines, written to standard error as they come), so a stalled standard
/// error could stall the server.
/// </remarks>
internal static class InlineSocketCompletions
{
    private const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Call before the first socket: the runtime reads the variable once, and with it polls on one
    /// thread per core. A value the user set wins.
    /// </summary>
    public static void Enable()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
