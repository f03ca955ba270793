namespace JobQueue.Compare;

/// <summary>One contender while it runs: its process, what it prints, what it uses, and where it listens.</summary>
internal sealed class Server(Contender contender, ChildServer child, JobLines lines, ProcessWatch watch) : IAsyncDisposable
{
    public Contender Contender { get; } = contender;

    public ChildServer Child { get; } = child;

    public JobLines Lines { get; } = lines;

    public ProcessWatch Watch { get; } = watch;

    public Uri Address { get; private set; } = null!;

    public static Server Start(Contender contender, TimeProvider time)
    {
        var lines = new JobLines();
        var child = ChildServer.Start(contender.Name, contender.Start, time, lines.Read);
        return new Server(contender, child, lines, new ProcessWatch(child.Id, time));
    }

    public async Task ListenAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        var limit = TimeSpan.FromSeconds(30);
        Address = Contender.Port is { } port
            ? await Child.AcceptingAsync(port, limit, cancellationToken)
            : await Child.ListeningAsync(limit);
    }

    public async ValueTask DisposeAsync()
    {
        await Watch.DisposeAsync();
        await Child.DisposeAsync();
    }
}
