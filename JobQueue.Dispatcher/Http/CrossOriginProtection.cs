namespace JobQueue.Http;

/// <summary>
/// Go 1.25's <c>http.CrossOriginProtection</c>: a browser request from another origin may read
/// (GET, HEAD, OPTIONS) but not submit or cancel jobs. A plain HTML form on any web site could
/// otherwise POST to a server on this machine. curl and scripts send neither header, and pass.
/// </summary>
internal static class CrossOriginProtection
{
    /// <summary>Go's own messages, so a reader can look them up.</summary>
    public const string FromSecFetchSite = "cross-origin request detected from Sec-Fetch-Site header";

    public const string FromOrigin =
        "cross-origin request detected, and/or browser is out of date: Sec-Fetch-Site is missing, and Origin does not match Host";

    /// <summary>Null when the request may go on, else why not (a 403).</summary>
    public static string? Check(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return null;
        }

        // Every browser since 2023 says where a request comes from; "none" is the user's own doing
        // (the address bar, a bookmark).
        switch (request.Headers["Sec-Fetch-Site"].ToString())
        {
            case "":
                break;
            case "same-origin" or "none":
                return null;
            default:
                return FromSecFetchSite;
        }

        // An older browser: its Origin must be this server. Neither header: not a browser, or same-origin.
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return null;
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Authority.Equals(request.Host.Value, StringComparison.OrdinalIgnoreCase)
            ? null
            : FromOrigin;
    }
}
