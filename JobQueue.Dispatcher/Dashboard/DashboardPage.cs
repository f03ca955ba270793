using JobQueue.Http;

namespace JobQueue.Dashboard;

/// <summary>
/// GET /: the dashboard, one self-contained page (its CSS and script inline) embedded in the binary, so
/// it needs no CDN, works offline and has no build step.
/// </summary>
internal static class DashboardPage
{
    private static readonly Lazy<byte[]> Html = new(Load);

    public static Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            return GoHttp.MethodNotAllowed(context, "GET");
        }

        var response = context.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-cache";
        // Everything the page needs is in it or on this server: nothing else may load, and no other site may frame it.
        response.Headers.ContentSecurityPolicy =
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        response.ContentLength = Html.Value.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(Html.Value).AsTask();
    }

    private static byte[] Load()
    {
        using var stream = typeof(DashboardPage).Assembly.GetManifestResourceStream("JobQueue.Dashboard.dashboard.html")
            ?? throw new InvalidOperationException("the dashboard page is not embedded in the binary");
        using MemoryStream bytes = new();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
