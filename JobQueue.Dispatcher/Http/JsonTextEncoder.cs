using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;

namespace JobQueue.Http;

/// <summary>
/// Escapes only what JSON requires (<c>"</c>, <c>\</c>, control characters) plus what could drive a
/// terminal that prints the answer (DEL, C1 controls, U+2028/U+2029); every other character, 日本語,
/// <c>&amp;</c> and emoji included, is written as UTF-8.
/// </summary>
/// <remarks>
/// The framework's encoders all escape more: the default one every non-ASCII character and the HTML
/// ones (<c>&amp;</c> as <c>\u0026</c>), and even UnsafeRelaxedJsonEscaping every character outside
/// the Basic Multilingual Plane. These answers go to curl and scripts, never into an HTML page.
/// </remarks>
internal sealed class JsonTextEncoder : JavaScriptEncoder
{
    public static JsonTextEncoder Instance { get; } = new();

    private JsonTextEncoder()
    {
    }

    // "\uXXXX" twice for a scalar outside the Basic Multilingual Plane.
    public override int MaxOutputCharactersPerInputCharacter => 12;

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar < 0x20 || unicodeScalar is '"' or '\\' or 0x2028 or 0x2029 or (>= 0x7F and <= 0x9F);

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var span = new ReadOnlySpan<char>(text, textLength);
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (char.IsSurrogate(c))
            {
                // A pair is written as it is; a lone half is invalid text and goes through the
                // encoder, which replaces it with U+FFFD.
                if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
                {
                    i++;
                    continue;
                }

                return i;
            }

            if (WillEncode(c))
            {
                return i;
            }
        }

        return -1;
    }

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        var index = 0;
        while (index < utf8Text.Length)
        {
            // Invalid UTF-8 is reported as needing encoding too, so that it is replaced.
            if (Rune.DecodeFromUtf8(utf8Text[index..], out var rune, out var length) != OperationStatus.Done
                || WillEncode(rune.Value))
            {
                return index;
            }

            index += length;
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var output = new Span<char>(buffer, bufferLength);
        ReadOnlySpan<char> text = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            _ => null,
        };
        if (!text.IsEmpty)
        {
            numberOfCharactersWritten = text.Length;
            return text.TryCopyTo(output);
        }

        if (!WillEncode(unicodeScalar))
        {
            return new Rune(unicodeScalar).TryEncodeToUtf16(output, out numberOfCharactersWritten);
        }

        numberOfCharactersWritten = 6;
        return output.Length >= 6 && $"\\u{unicodeScalar:X4}".TryCopyTo(output);
    }
}
