using System.Text;

namespace JobQueue.Http;

/// <summary>Go's <c>net/http</c> answers, byte for byte: what a client of the Go original sees.</summary>
internal static class GoHttp
{
    /// <summary>Go's <c>http.Error</c>: plain text, nosniff, the message and a newline.</summary>
    public static Task Error(HttpContext context, string message, int status)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.Headers.ContentType = "text/plain; charset=utf-8";
        response.Headers.XContentTypeOptions = "nosniff";
        var body = Encoding.UTF8.GetBytes(message + "\n");
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body).AsTask();
    }

    /// <summary>The gist's handler for any method but POST: <c>Allow: POST</c>, 405, no body.</summary>
    public static Task MethodNotAllowed(HttpContext context, string allow)
    {
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = allow;
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    /// <summary>Go's ServeMux for a path it has no handler for.</summary>
    public static Task NotFound(HttpContext context) => Error(context, "404 page not found", StatusCodes.Status404NotFound);
}
