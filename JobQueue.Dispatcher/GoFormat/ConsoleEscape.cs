using System.Buffers;
using System.Globalization;
using System.Text;

namespace JobQueue.GoFormat;

/// <summary>
/// Makes a job name safe to print inside a Go-format console line: a CR, LF, ESC or other control
/// character from a request would otherwise let a client forge lines or terminal escapes.
/// </summary>
internal static class ConsoleEscape
{
    // Unicode category Cc (C0, DEL, C1) plus the two Unicode line terminators; every other
    // character, non-ASCII letters included, is printed as it came.
    private static readonly SearchValues<char> NeedsEscape = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F" +
        "\u007F" +
        "\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F" +
        "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F" +
        "\u2028\u2029");

    /// <summary>
    /// Escapes the characters above the way Go's strconv.Quote spells them (\a \b \f \n \r \t \v,
    /// else \xNN below 0x80 and \uNNNN above). Returns <paramref name="name"/> itself when nothing
    /// needs escaping, which is the usual case on the per-job hot path.
    /// </summary>
    public static string Escape(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        var first = name.AsSpan().IndexOfAny(NeedsEscape);
        if (first < 0)
        {
            return name;
        }

        var sb = new StringBuilder(name.Length + 8);
        sb.Append(name, 0, first);
        foreach (var c in name.AsSpan(first))
        {
            if (!NeedsEscape.Contains(c))
            {
                sb.Append(c);
                continue;
            }
            switch (c)
            {
                case '\a': sb.Append(@"\a"); break;
                case '\b': sb.Append(@"\b"); break;
                case '\f': sb.Append(@"\f"); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\t': sb.Append(@"\t"); break;
                case '\v': sb.Append(@"\v"); break;
                case < '\u0080': sb.Append(CultureInfo.InvariantCulture, $@"\x{(int)c:x2}"); break;
                default: sb.Append(CultureInfo.InvariantCulture, $@"\u{(int)c:x4}"); break;
            }
        }
        return sb.ToString();
    }
}
