using JobQueue.Http;

namespace JobQueue.Diagnostics;

/// <summary>
/// What Go's <c>import _ "expvar"</c> gives a server for free, in .NET terms: <c>GET /debug/vars</c>
/// for a browser or curl, and the <c>JobQueue.Dispatcher</c> meter for <c>dotnet-counters</c>.
/// </summary>
internal static class DiagnosticsExtensions
{
    public static IServiceCollection AddJobQueueDiagnostics(this IServiceCollection services)
    {
        // The host registers IMeterFactory already; TryAdd makes this a no-op then, and keeps it true if that changes.
        services.AddMetrics();
        services.AddSingleton<JobQueueMeter>();
        services.AddSingleton<SharedQueueMeter>();
        return services;
    }

    public static ServeMux MapDebugVars(this ServeMux mux, IServiceProvider services)
    {
        // Made now, not on first use: dotnet-counters attached before any request sees every instrument.
        services.GetRequiredService<JobQueueMeter>();
        services.GetRequiredService<SharedQueueMeter>();

        // Every method reaches the handler, which answers the Go-style 405 with its Allow header.
        mux.HandleFunc("/debug/vars", DebugVarsEndpoint.HandleAsync);
        return mux;
    }
}
