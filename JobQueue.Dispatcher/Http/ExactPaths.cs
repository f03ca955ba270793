using Microsoft.AspNetCore.Routing.Patterns;

namespace JobQueue.Http;

/// <summary>
/// Paths match as Go's ServeMux matches them: exactly and case-sensitively. ASP.NET routing ignores
/// case and forgives a trailing slash, so <c>POST /WORK</c> would queue a job where Go answers 404.
/// </summary>
internal static class ExactPaths
{
    /// <summary>Runs after routing has chosen an endpoint: a path that only matched loosely gets Go's 404.</summary>
    public static IApplicationBuilder UseExactPaths(this IApplicationBuilder app) =>
        app.Use(next => context =>
            context.GetEndpoint() is RouteEndpoint endpoint && !Matches(endpoint.RoutePattern, context.Request.Path.Value ?? "/")
                ? GoHttp.NotFound(context)
                : next(context));

    private static bool Matches(RoutePattern pattern, string path)
    {
        var rest = path.AsSpan().TrimStart('/');
        var segments = rest.IsEmpty ? [] : rest.ToString().Split('/');
        var patternSegments = pattern.PathSegments;
        for (var i = 0; i < patternSegments.Count; i++)
        {
            var parts = patternSegments[i].Parts;
            if (parts is [RoutePatternParameterPart { IsCatchAll: true }])
            {
                return true; // the fallback: it answers 404 itself
            }

            if (i >= segments.Length)
            {
                return false;
            }

            if (parts is [RoutePatternLiteralPart literal] && !string.Equals(literal.Content, segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        // "/debug/vars/" has one segment more than "/debug/vars": an empty one.
        return segments.Length == patternSegments.Count;
    }
}
