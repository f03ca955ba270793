using System.Net;

namespace JobQueue.Http;

/// <summary>
/// While the server listens on loopback only, a request must name this machine in its Host header.
/// A web page cannot reach 127.0.0.1 by its own name, but DNS rebinding points an attacker's name at
/// it: the page's requests then arrive with that name as their Host, and are refused here.
/// </summary>
/// <remarks>
/// Not the framework's HostFiltering: it answers 400 with an HTML page or an empty body, and takes
/// no "any loopback address" rule.
/// </remarks>
internal static class LoopbackHost
{
    public const string Refused =
        "Forbidden: while the server listens on loopback, the Host header must be localhost or a loopback address.";

    /// <summary>localhost, a name under .localhost (browsers keep those on this machine), or a loopback address.</summary>
    public static bool IsAllowed(HostString host)
    {
        if (!host.HasValue)
        {
            return true; // HTTP/1.0 without a Host: no browser sends that
        }

        var name = host.Host.TrimEnd('.');
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(name.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}
