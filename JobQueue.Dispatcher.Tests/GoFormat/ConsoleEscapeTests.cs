using JobQueue.GoFormat;

namespace JobQueue.Tests.GoFormat;

public sealed class ConsoleEscapeTests
{
    // Every Cc character plus U+2028/U+2029, with the escape Go's strconv.Quote prints for it
    // (the table was printed by Go 1.19, quotes stripped).
    [TestCase(0x0000, "\\x00")]
    [TestCase(0x0001, "\\x01")]
    [TestCase(0x0002, "\\x02")]
    [TestCase(0x0003, "\\x03")]
    [TestCase(0x0004, "\\x04")]
    [TestCase(0x0005, "\\x05")]
    [TestCase(0x0006, "\\x06")]
    [TestCase(0x0007, "\\a")]
    [TestCase(0x0008, "\\b")]
    [TestCase(0x0009, "\\t")]
    [TestCase(0x000A, "\\n")]
    [TestCase(0x000B, "\\v")]
    [TestCase(0x000C, "\\f")]
    [TestCase(0x000D, "\\r")]
    [TestCase(0x000E, "\\x0e")]
    [TestCase(0x000F, "\\x0f")]
    [TestCase(0x0010, "\\x10")]
    [TestCase(0x0011, "\\x11")]
    [TestCase(0x0012, "\\x12")]
    [TestCase(0x0013, "\\x13")]
    [TestCase(0x0014, "\\x14")]
    [TestCase(0x0015, "\\x15")]
    [TestCase(0x0016, "\\x16")]
    [TestCase(0x0017, "\\x17")]
    [TestCase(0x0018, "\\x18")]
    [TestCase(0x0019, "\\x19")]
    [TestCase(0x001A, "\\x1a")]
    [TestCase(0x001B, "\\x1b")]
    [TestCase(0x001C, "\\x1c")]
    [TestCase(0x001D, "\\x1d")]
    [TestCase(0x001E, "\\x1e")]
    [TestCase(0x001F, "\\x1f")]
    [TestCase(0x007F, "\\x7f")]
    [TestCase(0x0080, "\\u0080")]
    [TestCase(0x0081, "\\u0081")]
    [TestCase(0x0082, "\\u0082")]
    [TestCase(0x0083, "\\u0083")]
    [TestCase(0x0084, "\\u0084")]
    [TestCase(0x0085, "\\u0085")]
    [TestCase(0x0086, "\\u0086")]
    [TestCase(0x0087, "\\u0087")]
    [TestCase(0x0088, "\\u0088")]
    [TestCase(0x0089, "\\u0089")]
    [TestCase(0x008A, "\\u008a")]
    [TestCase(0x008B, "\\u008b")]
    [TestCase(0x008C, "\\u008c")]
    [TestCase(0x008D, "\\u008d")]
    [TestCase(0x008E, "\\u008e")]
    [TestCase(0x008F, "\\u008f")]
    [TestCase(0x0090, "\\u0090")]
    [TestCase(0x0091, "\\u0091")]
    [TestCase(0x0092, "\\u0092")]
    [TestCase(0x0093, "\\u0093")]
    [TestCase(0x0094, "\\u0094")]
    [TestCase(0x0095, "\\u0095")]
    [TestCase(0x0096, "\\u0096")]
    [TestCase(0x0097, "\\u0097")]
    [TestCase(0x0098, "\\u0098")]
    [TestCase(0x0099, "\\u0099")]
    [TestCase(0x009A, "\\u009a")]
    [TestCase(0x009B, "\\u009b")]
    [TestCase(0x009C, "\\u009c")]
    [TestCase(0x009D, "\\u009d")]
    [TestCase(0x009E, "\\u009e")]
    [TestCase(0x009F, "\\u009f")]
    [TestCase(0x2028, "\\u2028")]
    [TestCase(0x2029, "\\u2029")]
    // The character is passed as its code point: NUnit would print most of them raw in the test
    // name, and `dotnet test --filter` then silently skips the row.
    public void A_control_character_is_escaped_as_strconv_quote_spells_it(int codePoint, string expected)
    {
        var c = (char)codePoint;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ConsoleEscape.Escape(c.ToString()), Is.EqualTo(expected));
            Assert.That(ConsoleEscape.Escape("a" + c + "b"), Is.EqualTo("a" + expected + "b"));
        }
    }

    [TestCase("job1")]
    [TestCase("")]
    [TestCase("job with spaces")]
    [TestCase("h\u00E9llo w\u00F6rld")]
    [TestCase("\u65E5\u672C\u8A9E")]
    [TestCase("\U0001F600 emoji")]
    [TestCase(@"back\slash ""quotes"" \n")]
    [TestCase("\u00A0nbsp and \u202Ertl override")]
    public void A_name_with_nothing_to_escape_is_returned_as_it_is(string name) =>
        Assert.That(ConsoleEscape.Escape(name), Is.SameAs(name));

    [TestCase("job1\r\nworker1: completed job1!", @"job1\r\nworker1: completed job1!")]
    [TestCase("\u001B[31mred\u001B[0m", @"\x1b[31mred\x1b[0m", TestName = "{m}(ESC[31mred ESC[0m)")]
    [TestCase("caf\u00E9\ttab", "caf\u00E9\\ttab")]
    [TestCase("end\n", @"end\n")]
    [TestCase("\u0085nel\u2028ls\u2029ps", @"\u0085nel\u2028ls\u2029ps")]
    [TestCase("\U0001F600\u0000", "\U0001F600\\x00")]
    public void Only_the_control_characters_of_a_name_are_escaped(string name, string expected) =>
        Assert.That(ConsoleEscape.Escape(name), Is.EqualTo(expected));

    [Test]
    public void A_null_name_is_refused() =>
        Assert.That(() => ConsoleEscape.Escape(null!), Throws.ArgumentNullException);
}
