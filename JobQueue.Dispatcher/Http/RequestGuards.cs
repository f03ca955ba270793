using System.Net;

namespace JobQueue.Http;

/// <summary>
/// What a request must pass before any endpoint sees it, each refusal a 4xx with one line: a Host
/// that names this machine while on loopback (<see cref="LoopbackHost"/>), no cross-origin browser
/// request that changes state (<see cref="CrossOriginProtection"/>), and the token when there is one
/// (<see cref="BearerToken"/>).
/// </summary>
internal static class RequestGuards
{
    /// <param name="host">--host: on loopback, a request must name this machine.</param>
    /// <param name="token">--token: when set, every request that changes state must carry it.</param>
    public static IApplicationBuilder UseRequestGuards(this IApplicationBuilder app, IPAddress host, string? token)
    {
        var loopbackOnly = IPAddress.IsLoopback(host);
        var bearer = token is { Length: > 0 } ? new BearerToken(token) : null;
        return app.Use(next => context =>
        {
            var request = context.Request;
            if (loopbackOnly && !LoopbackHost.IsAllowed(request.Host))
            {
                return GoHttp.Error(context, LoopbackHost.Refused, StatusCodes.Status403Forbidden);
            }

            if (CrossOriginProtection.Check(request) is { } crossOrigin)
            {
                return GoHttp.Error(context, crossOrigin, StatusCodes.Status403Forbidden);
            }

            if (bearer is not null && bearer.IsRequiredFor(request) && !bearer.IsCarriedBy(request))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return GoHttp.Error(context, BearerToken.Missing, StatusCodes.Status401Unauthorized);
            }

            return next(context);
        });
    }

    /// <summary>The warning for a server anyone on the network can use, or null.</summary>
    public static string? ExposureWarning(IPAddress host, string? token)
    {
        if (IPAddress.IsLoopback(host) || token is { Length: > 0 })
        {
            return null;
        }

        var where = IPAddress.Any.Equals(host) || IPAddress.IPv6Any.Equals(host) ? "every interface" : host.ToString();
        return $"warning: listening on {where} without --token; anyone who can reach it can submit and cancel jobs";
    }
}
