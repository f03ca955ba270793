using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace JobQueue.Http;

/// <summary>
/// The port's JSON answers (POST /work's 201, GET /work, /work/{id}, /debug/vars), through
/// source-generated type info for Native AOT.
/// </summary>
internal static class JsonResponse
{
    // The serializer's options decide the escaping, and a source-generated context cannot name an
    // encoder: each context's options get one copy with JsonTextEncoder, made on first use. With an
    // encoder the serializer takes its metadata path, not the generated fast one; in exchange an
    // answer needs no writer or buffer of its own (BENCHMARKS.md, what limits requests/s).
    private static readonly ConcurrentDictionary<JsonSerializerOptions, JsonSerializerOptions> Escaping = new(ReferenceEqualityComparer.Instance);

    /// <param name="type">A source-generated context's type info; its escaping is replaced by the answers'.</param>
    public static async Task WriteAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> type)
    {
        var options = Escaping.GetOrAdd(type.Options, static defaults => new(defaults) { Encoder = JsonTextEncoder.Instance });

        // Serialized whole first, into one array of the answer's size (the serializer pools its own
        // buffer): a body of a few hundred bytes is cheaper with a Content-Length than chunked.
        var body = JsonSerializer.SerializeToUtf8Bytes(value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length + 1;
        context.Response.BodyWriter.Write(body);

        // Go's json.Encoder ends each value with a newline: curl's output and the shell prompt that
        // follows it stay on lines of their own.
        context.Response.BodyWriter.Write("\n"u8);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
