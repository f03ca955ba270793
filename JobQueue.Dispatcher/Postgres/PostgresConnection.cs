using System.Data.Common;
using System.Net;
using Npgsql;

namespace JobQueue.Postgres;

/// <summary>
/// Where the shared queue lives: --postgres (an Npgsql connection string or a postgres:// URL), else
/// JOBQUEUE_POSTGRES, else nowhere (the in-memory queue). What the string leaves out comes from the
/// standard PG* variables, as for psql.
/// </summary>
internal static class PostgresConnection
{
    public const string EnvironmentVariable = "JOBQUEUE_POSTGRES";

    /// <summary>The flag's value, else the environment's; null when neither is set.</summary>
    public static string? Choose(string? flag, Func<string, string?> environment) =>
        flag ?? (environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);

    /// <summary>
    /// The connection string builder for <paramref name="text"/>, or false with a one-line reason that
    /// never repeats the text (it may hold a password).
    /// </summary>
    public static bool TryParse(string text, Func<string, string?> environment, out NpgsqlConnectionStringBuilder builder, out string error)
    {
        builder = new NpgsqlConnectionStringBuilder();
        error = "";
        try
        {
            if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
                || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            {
                if (!TryParseUrl(text, builder, out error))
                {
                    return false;
                }
            }
            else
            {
                builder.ConnectionString = text;
            }

            FillFromEnvironment(builder, environment);
        }
        catch (ArgumentException e)
        {
            // Npgsql names the bad keyword, never the value.
            error = e.Message.Split('\n')[0].Trim();
            return false;
        }

        ApplyQueueDefaults(builder);
        return true;
    }

    /// <summary>The data source for <paramref name="builder"/>: the slim builder, so Native AOT keeps only what the queue uses.</summary>
    public static NpgsqlDataSource CreateDataSource(NpgsqlConnectionStringBuilder builder)
    {
        // A node sends the same dozen statements all day: prepared on each connection at their fifth use,
        // PostgreSQL stops parsing and planning them anew. A connection string that asks for more keeps it.
        var prepared = new NpgsqlConnectionStringBuilder(builder.ConnectionString);
        prepared.MaxAutoPrepare = Math.Max(prepared.MaxAutoPrepare, 32);
        return new NpgsqlSlimDataSourceBuilder(prepared.ConnectionString).EnableArrays().Build(); // = ANY(@ids)
    }

    /// <summary>"host:port", for a message about the server: never the user or the password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"{builder.Host}:{builder.Port}";

    private static bool TryParseUrl(string text, NpgsqlConnectionStringBuilder builder, out string error)
    {
        error = "";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Host.Length == 0)
        {
            error = "not a valid postgres://user:password@host:port/database URL";
            return false;
        }

        builder.Host = url.Host.Trim('[', ']');
        if (url.Port > 0)
        {
            builder.Port = url.Port;
        }

        if (url.UserInfo.Length > 0)
        {
            var colon = url.UserInfo.IndexOf(':');
            builder.Username = WebUtility.UrlDecode(colon < 0 ? url.UserInfo : url.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = WebUtility.UrlDecode(url.UserInfo[(colon + 1)..]);
            }
        }

        var database = WebUtility.UrlDecode(url.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var key = WebUtility.UrlDecode(equals < 0 ? pair : pair[..equals]);
            var value = WebUtility.UrlDecode(equals < 0 ? "" : pair[(equals + 1)..]);
            switch (key)
            {
                case "sslmode":
                    builder["SSL Mode"] = value;
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                case "connect_timeout":
                    builder["Timeout"] = value;
                    break;
                default:
                    error = $"unsupported URL parameter '{key}' (sslmode, application_name and connect_timeout are)";
                    return false;
            }
        }

        return true;
    }

    // libpq's variables, for what the string left out.
    private static void FillFromEnvironment(NpgsqlConnectionStringBuilder builder, Func<string, string?> environment)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = builder.ConnectionString };
        foreach (var (key, variable) in EnvironmentKeys)
        {
            if (!given.ContainsKey(key) && environment(variable) is { Length: > 0 } value)
            {
                builder[key] = value;
            }
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            builder.Host = "localhost"; // psql's default too, when the socket directory is not set
        }
    }

    private static readonly (string Key, string Variable)[] EnvironmentKeys =
    [
        ("Host", "PGHOST"), ("Port", "PGPORT"), ("Database", "PGDATABASE"), ("Username", "PGUSER"),
        ("Password", "PGPASSWORD"), ("Passfile", "PGPASSFILE"), ("SSL Mode", "PGSSLMODE"),
        ("Application Name", "PGAPPNAME"), ("Timeout", "PGCONNECT_TIMEOUT"),
    ];

    // A database that stops answering must turn a POST into a quick 503, not a hang: short timeouts,
    // and keepalives so a dead server is noticed on the idle LISTEN connection too.
    private static void ApplyQueueDefaults(NpgsqlConnectionStringBuilder builder)
    {
        if (!ExplicitKey(builder, "Timeout"))
        {
            builder.Timeout = 3;
        }

        if (!ExplicitKey(builder, "Command Timeout"))
        {
            builder.CommandTimeout = 5;
        }

        if (!ExplicitKey(builder, "Keepalive"))
        {
            builder.KeepAlive = 5;
        }

        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "jobqueue";
        }
    }

    private static bool ExplicitKey(NpgsqlConnectionStringBuilder builder, string key) =>
        new DbConnectionStringBuilder { ConnectionString = builder.ConnectionString }.ContainsKey(key);
}
