using System.Security.Cryptography;
using System.Text;

namespace JobQueue.Http;

/// <summary>
/// The optional shared secret (<c>--token</c> or <c>JOBQUEUE_TOKEN</c>) that every request but the
/// page itself must carry as <c>Authorization: Bearer &lt;token&gt;</c>: the page holds no data, and a
/// browser must be able to load it before it is given the token.
/// </summary>
internal sealed class BearerToken(string token)
{
    public const string Variable = "JOBQUEUE_TOKEN";

    public const string Missing = "Unauthorized: this server needs its token, as the header Authorization: Bearer <token>.";

    private readonly byte[] _expected = Encoding.UTF8.GetBytes(token);

    public bool IsRequiredFor(HttpRequest request) =>
        !(request.Path.Value == "/" && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)));

    public bool IsCarriedBy(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // In constant time: how long a refusal takes says nothing about how much of the token was right.
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), _expected);
    }

    /// <summary>The command line with the token's value hidden, for /debug/vars' cmdline.</summary>
    public static string[] Redact(string[] args)
    {
        var redacted = (string[])args.Clone();
        for (var i = 0; i < redacted.Length; i++)
        {
            if (redacted[i] == "--token" && i + 1 < redacted.Length)
            {
                redacted[++i] = Hidden;
            }
            else if (redacted[i].StartsWith("--token=", StringComparison.Ordinal) || redacted[i].StartsWith("--token:", StringComparison.Ordinal))
            {
                redacted[i] = redacted[i][.."--token=".Length] + Hidden;
            }
        }

        return redacted;
    }

    private const string Hidden = "********";
}
