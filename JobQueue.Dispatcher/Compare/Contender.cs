using System.Diagnostics;

namespace JobQueue.Compare;

/// <summary>One server the load is sent to: a design of this program, or a Go original.</summary>
/// <param name="Name">As the table and the picture name it: original, refactored, go-original, go-refactored.</param>
/// <param name="IsGo">A Go original: no job ids, no GET /work/{id}; its times come from the lines it prints.</param>
internal sealed record Contender(string Name, bool IsGo, ProcessStartInfo Start, int? Port)
{
    /// <summary>This program (the port of the gist) in <paramref name="mode"/>, on a free loopback port it picks itself.</summary>
    public static Contender Mode(string mode, CompareSettings settings)
    {
        var start = ThisProgram();
        string[] flags =
        [
            "--mode", mode, "--host", "127.0.0.1", "--port", "0",
            "--max-workers", Text(settings.Workers), "--max-queue-size", Text(settings.QueueSize),
        ];
        foreach (var flag in flags)
        {
            start.ArgumentList.Add(flag);
        }

        if (settings.Quiet)
        {
            start.ArgumentList.Add("--quiet");
        }

        if (settings.ShutdownTimeout is { } timeout)
        {
            start.ArgumentList.Add("--shutdown-timeout");
            start.ArgumentList.Add($"{(long)timeout.TotalMilliseconds}ms");
        }

        foreach (var flag in settings.ServerArgs)
        {
            start.ArgumentList.Add(flag);
        }

        return new Contender(mode, IsGo: false, start, Port: null);
    }

    /// <summary>
    /// A Go original built from <paramref name="program"/>. It takes only -port and binds every interface
    /// (Go's ":port"); the load still goes to 127.0.0.1.
    /// </summary>
    public static Contender Go(string name, string program, int port, CompareSettings settings)
    {
        var start = new ProcessStartInfo(program);
        foreach (var flag in new[] { "-max_workers", Text(settings.Workers), "-max_queue_size", Text(settings.QueueSize), "-port", Text(port) })
        {
            start.ArgumentList.Add(flag);
        }

        return new Contender(name, IsGo: true, start, port);
    }

    // The same program that runs the comparison: under `dotnet JobQueue.Dispatcher.dll` (or a test
    // host) the dll, started by the dotnet host; as a native executable, the executable itself.
    private static ProcessStartInfo ThisProgram()
    {
        var assembly = Path.Combine(AppContext.BaseDirectory, "JobQueue.Dispatcher.dll");
        if (!File.Exists(assembly))
        {
            return new ProcessStartInfo(Environment.ProcessPath!);
        }

        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host);
        start.ArgumentList.Add(assembly);
        return start;
    }

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
