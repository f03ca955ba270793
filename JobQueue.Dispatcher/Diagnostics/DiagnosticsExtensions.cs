namespace JobQueue.Dispatcher.Diagnostics;

// STUB: /debug/vars and the JobQueue.Dispatcher meter are being written; WorkServer already calls these.
internal static class DiagnosticsExtensions
{
    public static IServiceCollection AddJobQueueDiagnostics(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapDebugVars(this IEndpointRouteBuilder routes) => routes;
}
