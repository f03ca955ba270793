using System.Net.Sockets;
using Npgsql;

namespace JobQueue.Postgres;

/// <summary>Telling "the database cannot be reached" from a bug, and saying it in one line without secrets.</summary>
internal static class DatabaseFailure
{
    /// <summary>The server is down, restarting, unreachable or too slow: worth a retry later, never a crash.</summary>
    public static bool Is(Exception e) => e switch
    {
        NpgsqlException or SocketException or TimeoutException or IOException => true,
        OperationCanceledException => false,
        InvalidOperationException when e.InnerException is not null => Is(e.InnerException),
        _ => e.InnerException is { } inner && Is(inner),
    };

    /// <summary>
    /// The first line of the innermost useful message, e.g. "Connection refused" or "57P01: terminating
    /// connection due to administrator command". Npgsql's messages never carry the password.
    /// </summary>
    public static string Reason(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null && inner is not PostgresException && inner is not SocketException)
        {
            inner = inner.InnerException;
        }

        var message = inner is PostgresException pg ? $"{pg.SqlState}: {pg.MessageText}" : inner.Message;
        return message.Split('\n')[0].Trim();
    }
}
