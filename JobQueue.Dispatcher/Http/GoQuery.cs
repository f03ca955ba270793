using System.Text;

namespace JobQueue.Http;

/// <summary>
/// Go's <c>url.ParseQuery</c> on bytes: pairs split on '&amp;'; a pair with ';' in it, an empty key or
/// a bad %-escape is skipped (Go records the error, and FormValue ignores it); '+' is a space.
/// Values stay bytes, so that a delay of <c>%ff</c> is quoted in the 400 exactly as Go quotes it.
/// </summary>
internal static class GoQuery
{
    public static void Parse(ReadOnlySpan<byte> query, FormValues into)
    {
        while (!query.IsEmpty)
        {
            var amp = query.IndexOf((byte)'&');
            var pair = amp < 0 ? query : query[..amp];
            query = amp < 0 ? [] : query[(amp + 1)..];

            // Go 1.17 and later reject semicolons as separators rather than guess.
            if (pair.IsEmpty || pair.Contains((byte)';'))
            {
                continue;
            }

            var eq = pair.IndexOf((byte)'=');
            var rawKey = eq < 0 ? pair : pair[..eq];
            var rawValue = eq < 0 ? [] : pair[(eq + 1)..];
            if (TryUnescape(rawKey, out var key) && TryUnescape(rawValue, out var value))
            {
                into.Add(Encoding.UTF8.GetString(key), value);
            }
        }
    }

    /// <summary>Go's <c>url.QueryUnescape</c>: "%" must be followed by two hex digits.</summary>
    private static bool TryUnescape(ReadOnlySpan<byte> s, out byte[] result)
    {
        if (s.IndexOfAny((byte)'%', (byte)'+') < 0)
        {
            result = s.ToArray(); // the common case, "name=job1": nothing to decode
            return true;
        }

        var buffer = new byte[s.Length];
        var n = 0;
        for (var i = 0; i < s.Length; i++)
        {
            switch (s[i])
            {
                case (byte)'%':
                    if (i + 2 >= s.Length || !IsHex(s[i + 1]) || !IsHex(s[i + 2]))
                    {
                        result = [];
                        return false;
                    }

                    buffer[n++] = (byte)((Hex(s[i + 1]) << 4) | Hex(s[i + 2]));
                    i += 2;
                    break;
                case (byte)'+':
                    buffer[n++] = (byte)' ';
                    break;
                default:
                    buffer[n++] = s[i];
                    break;
            }
        }

        result = buffer.AsSpan(0, n).ToArray();
        return true;
    }

    private static bool IsHex(byte c) => char.IsAsciiHexDigit((char)c);

    private static int Hex(byte c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
