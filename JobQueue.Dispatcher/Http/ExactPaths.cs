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
        var patternSegments = pattern.PathSegments;
        var count = 0;

        // Walked in place, not split into strings: this runs on every request, each POST /work included.
        // "/" has no segment at all (a default enumerator yields none).
        foreach (var range in rest.IsEmpty ? default : rest.Split('/'))
        {
            if (count == patternSegments.Count)
            {
                return false;
            }

            var parts = patternSegments[count++].Parts;
            if (IsFallback(parts))
            {
                return true; // the fallback: it answers 404 itself
            }

            if (parts is [RoutePatternLiteralPart literal] && !rest[range].SequenceEqual(literal.Content))
            {
                return false;
            }
        }

        // "/debug/vars/" has one segment more than "/debug/vars": an empty one.
        return count == patternSegments.Count
            || (count < patternSegments.Count && IsFallback(patternSegments[count].Parts));
    }

    private static bool IsFallback(IReadOnlyList<RoutePatternPart> parts) => parts is [RoutePatternParameterPart { IsCatchAll: true }];
}
