namespace JobQueue.Hosting;

/// <summary>
/// Lets the runtime finish a socket operation on the thread that polled it, instead of posting each
/// completion to the thread pool: a POST then costs one thread hop fewer, as Go's netpoller wakes the
/// goroutine directly (BENCHMARKS.md, requests/s).
/// </summary>
/// <remarks>
/// Code that blocks on a polling thread stalls every socket polled there, so what runs there must not
/// wait. Kestrel still runs request handlers on the thread pool: only its transport's loops run there,
/// and the shared queue's code between two database reads, which takes short locks only.
/// </remarks>
internal static class InlineSocketCompletions
{
    private const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Call before the first socket: the runtime reads the variable once. A value the user set wins.
    /// </summary>
    public static void Enable()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
