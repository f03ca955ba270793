using System.Net;
using JobQueue.Hosting;

namespace JobQueue.Http;

/// <summary>
/// What a request must pass before any endpoint sees it, each refusal a 4xx with one line: a Host
/// that names this machine while on loopback (<see cref="LoopbackHost"/>), no cross-origin browser
/// request that changes state (<see cref="CrossOriginProtection"/>), and the token when there is one
/// (<see cref="BearerToken"/>).
/// </summary>
internal static class RequestGuards
{
    public static IApplicationBuilder UseRequestGuards(this IApplicationBuilder app, ServerSettings settings)
    {
        var loopbackOnly = IPAddress.IsLoopback(settings.Host);
        var token = settings.Token is { Length: > 0 } secret ? new BearerToken(secret) : null;
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

            if (token is not null && token.IsRequiredFor(request) && !token.IsCarriedBy(request))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return GoHttp.Error(context, BearerToken.Missing, StatusCodes.Status401Unauthorized);
            }

            return next(context);
        });
    }

    /// <summary>The warning for a server anyone on the network can use, or null.</summary>
    public static string? ExposureWarning(ServerSettings settings)
    {
        if (IPAddress.IsLoopback(settings.Host) || settings.Token is { Length: > 0 })
        {
            return null;
        }

        var where = IPAddress.Any.Equals(settings.Host) || IPAddress.IPv6Any.Equals(settings.Host)
            ? "every interface"
            : settings.Host.ToString();
        return $"warning: listening on {where} without --token; anyone who can reach it can submit and cancel jobs";
    }
}
