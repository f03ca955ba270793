using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace JobQueue.GoFormat;

/// <summary>
/// Go's <c>time.Duration</c> text forms: <c>time.ParseDuration</c>, <c>Duration.String()</c> and
/// <c>Duration.Seconds()</c>, ported line by line from Go's src/time/format.go and time.go so that
/// the HTTP 400 bodies and console lines are byte for byte those of the Go original.
/// </summary>
/// <remarks>
/// Go strings are bytes, so the parser works on bytes: unit lengths ("µs" is three bytes) and the
/// <c>\xNN</c> escapes of <c>quote()</c> then match Go exactly. POST /work hands
/// <see cref="TryParseUtf8"/> the bytes the client sent, so a form value with an invalid byte such
/// as %ff is quoted back as <c>\xff</c>, as Go quotes it. <see cref="TryParse"/> takes a .NET string
/// (a flag, the <c>?wait=</c> of GET /work/{id}), which cannot hold invalid UTF-8: there a byte Go
/// would see raw has already become U+FFFD, quoted as <c>\xef\xbf\xbd</c> where Go writes <c>\xff</c>.
/// </remarks>
internal static class GoDuration
{
    private const ulong Nanosecond = 1;
    private const ulong Microsecond = 1000 * Nanosecond;
    private const ulong Millisecond = 1000 * Microsecond;
    private const ulong Second = 1000 * Millisecond;
    private const ulong Minute = 60 * Second;
    private const ulong Hour = 60 * Minute;

    // Go's constant 1<<63: one more than long.MaxValue, the magnitude of long.MinValue.
    private const ulong OneShl63 = 1UL << 63;

    // A flag or a ?wait= value fits on the stack; a longer string goes to the heap instead.
    private const int StackLimit = 256;

    /// <summary>Go's time.ParseDuration of a .NET string. On failure, error is Go's err.Error() text.</summary>
    public static bool TryParse(string s, out long nanoseconds, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(s);

        // Encoding.UTF8 writes a lone surrogate as U+FFFD: the string holds no invalid bytes to quote.
        var length = Encoding.UTF8.GetByteCount(s);
        var bytes = length <= StackLimit ? stackalloc byte[StackLimit] : new byte[length];
        bytes = bytes[..Encoding.UTF8.GetBytes(s, bytes)];
        return TryParseUtf8(bytes, out nanoseconds, out error);
    }

    /// <summary>
    /// ParseDuration from format.go on bytes, as Go sees a string: they need not be valid UTF-8,
    /// and an invalid byte such as 0xFF is quoted back as \xff, exactly as Go quotes it.
    /// The grammar is [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+
    /// </summary>
    public static bool TryParseUtf8(ReadOnlySpan<byte> orig, out long nanoseconds, [NotNullWhen(false)] out string? error)
    {
        var s = orig;
        ulong d = 0;
        var neg = false;
        nanoseconds = 0;
        error = null;

        // Consume [-+]?
        if (!s.IsEmpty && (s[0] == '-' || s[0] == '+'))
        {
            neg = s[0] == '-';
            s = s[1..];
        }

        // Special case: if all that is left is "0", this is zero.
        if (s.SequenceEqual("0"u8))
        {
            return true;
        }
        if (s.IsEmpty)
        {
            error = "time: invalid duration " + Quote(orig);
            return false;
        }

        while (!s.IsEmpty)
        {
            ulong f = 0;       // digits after the decimal point
            double scale = 1;  // value = v + f/scale

            // The next character must be [0-9.]
            if (!(s[0] == '.' || IsDigit(s[0])))
            {
                error = "time: invalid duration " + Quote(orig);
                return false;
            }

            // Consume [0-9]*
            var pl = s.Length;
            if (!LeadingInt(ref s, out var v))
            {
                error = "time: invalid duration " + Quote(orig);
                return false;
            }
            var pre = pl != s.Length; // whether we consumed anything before a period

            // Consume (\.[0-9]*)?
            var post = false;
            if (!s.IsEmpty && s[0] == '.')
            {
                s = s[1..];
                var fl = s.Length;
                (f, scale) = LeadingFraction(ref s);
                post = fl != s.Length;
            }
            if (!pre && !post)
            {
                // no digits (e.g. ".s" or "-.s")
                error = "time: invalid duration " + Quote(orig);
                return false;
            }

            // Consume unit: everything up to the next number, so "5x" names the unknown unit "x".
            var i = 0;
            while (i < s.Length && !(s[i] == '.' || IsDigit(s[i])))
            {
                i++;
            }
            if (i == 0)
            {
                error = "time: missing unit in duration " + Quote(orig);
                return false;
            }
            var u = s[..i];
            s = s[i..];
            var unit = UnitOf(u);
            if (unit == 0)
            {
                error = "time: unknown unit " + Quote(u) + " in duration " + Quote(orig);
                return false;
            }

            // Go's uint64 arithmetic wraps; unchecked keeps that even in a checked build. The
            // checks below keep every step in range except d += v, where Go wraps 2^63 + 2^63 to 0
            // ("9223372036854775808ns9223372036854775808ns" parses as 0s in Go, and so here).
            unchecked
            {
                if (v > OneShl63 / unit)
                {
                    // overflow
                    error = "time: invalid duration " + Quote(orig);
                    return false;
                }
                v *= unit;
                if (f > 0)
                {
                    // float64 is needed to be nanosecond accurate for fractions of hours (Go's comment);
                    // the product is at most 3.6e12, so the truncating cast is in range.
                    v += (ulong)((double)f * ((double)unit / scale));
                    if (v > OneShl63)
                    {
                        // overflow
                        error = "time: invalid duration " + Quote(orig);
                        return false;
                    }
                }
                d += v;
                if (d > OneShl63)
                {
                    error = "time: invalid duration " + Quote(orig);
                    return false;
                }
            }
        }

        if (neg)
        {
            // -Duration(d): 1<<63 becomes long.MinValue, the one value whose magnitude has no positive twin.
            nanoseconds = unchecked(-(long)d);
            return true;
        }
        if (d > long.MaxValue)
        {
            error = "time: invalid duration " + Quote(orig);
            return false;
        }
        nanoseconds = (long)d;
        return true;
    }

    // leadingInt from format.go: consumes the leading [0-9]*; false on overflow past 1<<63.
    private static bool LeadingInt(ref ReadOnlySpan<byte> s, out ulong x)
    {
        x = 0;
        var i = 0;
        for (; i < s.Length && IsDigit(s[i]); i++)
        {
            if (x > OneShl63 / 10)
            {
                return false;
            }
            x = x * 10 + (ulong)(s[i] - '0');
            if (x > OneShl63)
            {
                return false;
            }
        }
        s = s[i..];
        return true;
    }

    // leadingFraction from format.go: consumes the leading [0-9]*. Used only for fractions, so on
    // overflow it does not fail; it just stops accumulating precision (the extra digits truncate).
    private static (ulong X, double Scale) LeadingFraction(ref ReadOnlySpan<byte> s)
    {
        ulong x = 0;
        double scale = 1;
        var overflow = false;
        var i = 0;
        for (; i < s.Length && IsDigit(s[i]); i++)
        {
            if (overflow)
            {
                continue;
            }
            if (x > (OneShl63 - 1) / 10)
            {
                // It's possible for overflow to give a positive number, so take care.
                overflow = true;
                continue;
            }
            var y = x * 10 + (ulong)(s[i] - '0');
            if (y > OneShl63)
            {
                overflow = true;
                continue;
            }
            x = y;
            scale *= 10;
        }
        s = s[i..];
        return (x, scale);
    }

    // unitMap from format.go; 0 means "not a unit". Both micro signs are accepted, as in Go.
    private static ulong UnitOf(ReadOnlySpan<byte> u) => u switch
    {
        [(byte)'n', (byte)'s'] => Nanosecond,
        [(byte)'u', (byte)'s'] => Microsecond,
        [0xC2, 0xB5, (byte)'s'] => Microsecond, // U+00B5 = micro symbol
        [0xCE, 0xBC, (byte)'s'] => Microsecond, // U+03BC = Greek letter mu
        [(byte)'m', (byte)'s'] => Millisecond,
        [(byte)'s'] => Second,
        [(byte)'m'] => Minute,
        [(byte)'h'] => Hour,
        _ => 0,
    };

    private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';

    /// <summary>
    /// Go's <c>quote()</c> from format.go. Go walks runes and writes every byte of a rune that is
    /// non-ASCII or below ' ' as <c>\xNN</c> (an invalid byte counts as a one-byte rune), escapes
    /// <c>"</c> and <c>\</c>, and copies the rest (DEL included). Per byte that is exactly: bytes
    /// &gt;= 0x80 or &lt; 0x20 become <c>\xNN</c>. The result is therefore pure ASCII.
    /// </summary>
    private static string Quote(ReadOnlySpan<byte> s)
    {
        const string LowerHex = "0123456789abcdef";
        var buf = new StringBuilder(s.Length + 2);
        buf.Append('"');
        foreach (var c in s)
        {
            if (c >= 0x80 || c < ' ')
            {
                buf.Append(@"\x").Append(LowerHex[c >> 4]).Append(LowerHex[c & 0xF]);
            }
            else
            {
                if (c == '"' || c == '\\')
                {
                    buf.Append('\\');
                }
                buf.Append((char)c);
            }
        }
        buf.Append('"');
        return buf.ToString();
    }

    /// <summary>Go's Duration.String(), e.g. "2s", "1.5s", "81ms", "1h2m3.5s", "-1µs", "0s".</summary>
    public static string Format(long nanoseconds)
    {
        // Largest time is 2540400h10m10.000000000s (Go's comment; 32 chars covers long.MinValue too).
        Span<char> buf = stackalloc char[32];
        var w = buf.Length;

        // Go takes the magnitude in uint64, where negating long.MinValue gives 1<<63 exactly.
        var u = unchecked((ulong)nanoseconds);
        var neg = nanoseconds < 0;
        if (neg)
        {
            u = unchecked(0 - u);
        }

        if (u < Second)
        {
            // Special case: if duration is smaller than a second, use smaller units, like 1.2ms.
            int prec;
            buf[--w] = 's';
            w--;
            switch (u)
            {
                case 0:
                    return "0s";
                case < Microsecond:
                    // print nanoseconds
                    prec = 0;
                    buf[w] = 'n';
                    break;
                case < Millisecond:
                    // print microseconds, with U+00B5 micro sign as Go does
                    prec = 3;
                    buf[w] = '\u00B5';
                    break;
                default:
                    // print milliseconds
                    prec = 6;
                    buf[w] = 'm';
                    break;
            }
            (w, u) = FmtFrac(buf[..w], u, prec);
            w = FmtInt(buf[..w], u);
        }
        else
        {
            buf[--w] = 's';
            (w, u) = FmtFrac(buf[..w], u, 9);

            // u is now integer seconds
            w = FmtInt(buf[..w], u % 60);
            u /= 60;

            // u is now integer minutes
            if (u > 0)
            {
                buf[--w] = 'm';
                w = FmtInt(buf[..w], u % 60);
                u /= 60;

                // u is now integer hours. Stop at hours because days can be different lengths.
                if (u > 0)
                {
                    buf[--w] = 'h';
                    w = FmtInt(buf[..w], u);
                }
            }
        }

        if (neg)
        {
            buf[--w] = '-';
        }
        return new string(buf[w..]);
    }

    // fmtFrac from time.go: formats the fraction of v/10**prec (e.g., ".12345") into the tail of
    // buf, omitting trailing zeros, and the decimal point too when the fraction is 0.
    private static (int W, ulong V) FmtFrac(Span<char> buf, ulong v, int prec)
    {
        var w = buf.Length;
        var print = false;
        for (var i = 0; i < prec; i++)
        {
            var digit = v % 10;
            print = print || digit != 0;
            if (print)
            {
                buf[--w] = (char)('0' + (int)digit);
            }
            v /= 10;
        }
        if (print)
        {
            buf[--w] = '.';
        }
        return (w, v);
    }

    // fmtInt from time.go: formats v into the tail of buf.
    private static int FmtInt(Span<char> buf, ulong v)
    {
        var w = buf.Length;
        if (v == 0)
        {
            buf[--w] = '0';
        }
        else
        {
            for (; v > 0; v /= 10)
            {
                buf[--w] = (char)('0' + (int)(v % 10));
            }
        }
        return w;
    }

    /// <summary>
    /// Go's Duration.Seconds(): whole seconds and the nanosecond remainder are converted apart, so
    /// the result rounds as Go's does, not as <c>nanoseconds / 1e9</c> would.
    /// </summary>
    public static double Seconds(long nanoseconds)
    {
        var sec = nanoseconds / (long)Second;
        var nsec = nanoseconds % (long)Second;
        return sec + nsec / 1e9;
    }
}
