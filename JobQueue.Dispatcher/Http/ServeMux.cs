namespace JobQueue.Http;

/// <summary>
/// Go's <c>http.ServeMux</c>, as far as this server uses it: the gist's <c>http.HandleFunc("/work", ...)</c>.
/// A path is served by the handler registered for exactly that path, case and all; a pattern ending in
/// "/" serves itself and the paths below it (<c>/work/</c> for <c>/work/{id}</c>, its handler saying
/// which of them it answers), an exact path winning over a subtree and the first subtree registered
/// over a later one (Go takes the longest; here no two overlap); every other path, the empty one of
/// <c>OPTIONS *</c> included, gets Go's plain-text 404.
/// </summary>
/// <remarks>
/// Not ASP.NET Core's endpoint routing, which ignores case and forgives a trailing slash where Go
/// answers 404, and builds its matcher on the first request, time that a start up to its first 201 pays.
/// </remarks>
internal sealed class ServeMux
{
    private readonly Dictionary<string, RequestDelegate> _paths = new(StringComparer.Ordinal);
    private readonly List<(string Prefix, RequestDelegate Handler)> _subtrees = [];

    /// <summary>Go's <c>mux.HandleFunc(pattern, handler)</c>. "/" is one path here, not Go's catch-all.</summary>
    public void HandleFunc(string pattern, RequestDelegate handler)
    {
        if (pattern.Length > 1 && pattern.EndsWith('/'))
        {
            _subtrees.Add((pattern, handler));
        }
        else
        {
            _paths.Add(pattern, handler);
        }
    }

    /// <summary>Go's <c>mux.ServeHTTP</c>: the terminal middleware of the pipeline.</summary>
    public Task ServeHTTP(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (_paths.TryGetValue(path, out var handler))
        {
            return handler(context);
        }

        foreach (var (prefix, subtree) in _subtrees)
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                return subtree(context);
            }
        }

        return GoHttp.NotFound(context);
    }
}
