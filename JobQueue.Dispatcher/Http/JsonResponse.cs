using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace JobQueue.Http;

/// <summary>
/// The port's JSON answers (POST /work's 201, GET /work, /work/{id}, /debug/vars), through
/// source-generated type info for Native AOT.
/// </summary>
internal static class JsonResponse
{
    /// <summary>
    /// Options for a context whose answers escape as <see cref="JsonTextEncoder"/> does: the
    /// serializer's options decide the escaping, and a source-generated context cannot name an encoder.
    /// </summary>
    /// <remarks>
    /// With an encoder in its options the serializer takes its metadata path, not the generated fast
    /// one; in exchange an answer needs no writer or buffer of its own (BENCHMARKS.md, what a POST allocates).
    /// </remarks>
    public static JsonSerializerOptions Options(JsonSerializerContext defaults) => new(defaults.Options) { Encoder = JsonTextEncoder.Instance };

    /// <param name="type">From a context made with <see cref="Options"/>.</param>
    public static async Task WriteAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> type)
    {
        Debug.Assert(type.Options.Encoder == JsonTextEncoder.Instance, "a context's Default escapes every non-ASCII character: use its Answers");

        // Serialized whole first, into one array of the answer's size (the serializer pools its own
        // buffer): a body of a few hundred bytes is cheaper with a Content-Length than chunked.
        var body = JsonSerializer.SerializeToUtf8Bytes(value, type);
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
