using JobQueue.GoFormat;

namespace JobQueue.Tests.GoFormat;

// Every expected answer below was printed by Go 1.19's time.ParseDuration (and Duration.String()
// for the round trip), not worked out by hand; the first rows are Go's own parseDurationTests and
// parseDurationErrorTests from src/time/time_test.go.
public sealed class GoDurationParseTests
{
    [TestCase("0", 0L, "0s")]
    [TestCase("5s", 5000000000L, "5s")]
    [TestCase("30s", 30000000000L, "30s")]
    [TestCase("1478s", 1478000000000L, "24m38s")]
    [TestCase("-5s", -5000000000L, "-5s")]
    [TestCase("+5s", 5000000000L, "5s")]
    [TestCase("-0", 0L, "0s")]
    [TestCase("+0", 0L, "0s")]
    [TestCase("5.0s", 5000000000L, "5s")]
    [TestCase("5.6s", 5600000000L, "5.6s")]
    [TestCase("5.s", 5000000000L, "5s")]
    [TestCase(".5s", 500000000L, "500ms")]
    [TestCase("1.0s", 1000000000L, "1s")]
    [TestCase("1.00s", 1000000000L, "1s")]
    [TestCase("1.004s", 1004000000L, "1.004s")]
    [TestCase("1.0040s", 1004000000L, "1.004s")]
    [TestCase("100.00100s", 100001000000L, "1m40.001s")]
    [TestCase("10ns", 10L, "10ns")]
    [TestCase("11us", 11000L, "11\u00B5s")]
    [TestCase("12\u00B5s", 12000L, "12\u00B5s")]
    [TestCase("12\u03BCs", 12000L, "12\u00B5s")]
    [TestCase("13ms", 13000000L, "13ms")]
    [TestCase("14s", 14000000000L, "14s")]
    [TestCase("15m", 900000000000L, "15m0s")]
    [TestCase("16h", 57600000000000L, "16h0m0s")]
    [TestCase("3h30m", 12600000000000L, "3h30m0s")]
    [TestCase("10.5s4m", 250500000000L, "4m10.5s")]
    [TestCase("-2m3.4s", -123400000000L, "-2m3.4s")]
    [TestCase("1h2m3s4ms5us6ns", 3723004005006L, "1h2m3.004005006s")]
    [TestCase("39h9m14.425s", 140954425000000L, "39h9m14.425s")]
    [TestCase("52763797000ns", 52763797000L, "52.763797s")]
    [TestCase("0.3333333333333333333h", 1200000000000L, "20m0s")]
    [TestCase("9007199254740993ns", 9007199254740993L, "2501h59m59.254740993s")]
    [TestCase("9223372036854775807ns", 9223372036854775807L, "2562047h47m16.854775807s")]
    [TestCase("9223372036854775.807us", 9223372036854775807L, "2562047h47m16.854775807s")]
    [TestCase("9223372036s854ms775us807ns", 9223372036854775807L, "2562047h47m16.854775807s")]
    [TestCase("-9223372036854775808ns", -9223372036854775808L, "-2562047h47m16.854775808s")]
    [TestCase("-9223372036854775.808us", -9223372036854775808L, "-2562047h47m16.854775808s")]
    [TestCase("-9223372036s854ms775us808ns", -9223372036854775808L, "-2562047h47m16.854775808s")]
    [TestCase("-2562047h47m16.854775808s", -9223372036854775808L, "-2562047h47m16.854775808s")]
    [TestCase("0.100000000000000000000h", 360000000000L, "6m0s")]
    [TestCase("0.830103483285477580700h", 2988372539827L, "49m48.372539827s")]
    [TestCase("11s", 11000000000L, "11s")]
    [TestCase("1.5s", 1500000000L, "1.5s")]
    [TestCase("1500ms", 1500000000L, "1.5s")]
    [TestCase("1.s", 1000000000L, "1s")]
    [TestCase("+2s", 2000000000L, "2s")]
    [TestCase("1s500ms", 1500000000L, "1.5s")]
    [TestCase("2s", 2000000000L, "2s")]
    [TestCase("1s", 1000000000L, "1s")]
    [TestCase("10s", 10000000000L, "10s")]
    [TestCase("10.000000001s", 10000000001L, "10.000000001s")]
    [TestCase("999999999ns", 999999999L, "999.999999ms")]
    [TestCase("-.5s", -500000000L, "-500ms")]
    [TestCase("+.5s", 500000000L, "500ms")]
    [TestCase("-0s", 0L, "0s")]
    [TestCase("+0s", 0L, "0s")]
    [TestCase("000s", 0L, "0s")]
    [TestCase("-0.0s", 0L, "0s")]
    [TestCase("1ns", 1L, "1ns")]
    [TestCase("1us", 1000L, "1\u00B5s")]
    [TestCase("1\u00B5s", 1000L, "1\u00B5s")]
    [TestCase("1\u03BCs", 1000L, "1\u00B5s")]
    [TestCase("1ms", 1000000L, "1ms")]
    [TestCase("1m", 60000000000L, "1m0s")]
    [TestCase("1h", 3600000000000L, "1h0m0s")]
    [TestCase("1.5h", 5400000000000L, "1h30m0s")]
    [TestCase("1.5m", 90000000000L, "1m30s")]
    [TestCase("1.5ms", 1500000L, "1.5ms")]
    [TestCase("1.5us", 1500L, "1.5\u00B5s")]
    [TestCase("1.5\u00B5s", 1500L, "1.5\u00B5s")]
    [TestCase("1.5ns", 1L, "1ns")]
    [TestCase("0.5ns", 0L, "0s")]
    [TestCase("1.0000000001s", 1000000000L, "1s")]
    [TestCase("0.9999999999ns", 0L, "0s")]
    [TestCase("0.999999999s", 999999999L, "999.999999ms")]
    [TestCase("0.9999999999s", 999999999L, "999.999999ms")]
    [TestCase("1.9999999999s", 1999999999L, "1.999999999s")]
    [TestCase("0.0000000005s", 0L, "0s")]
    [TestCase("0.000000001s", 1L, "1ns")]
    [TestCase("0.0000000015s", 1L, "1ns")]
    [TestCase("1.00000000000000000000000000001s", 1000000000L, "1s")]
    [TestCase("0.123456789123456789123456789s", 123456789L, "123.456789ms")]
    [TestCase("0.5h", 1800000000000L, "30m0s")]
    [TestCase("0.1h", 360000000000L, "6m0s")]
    [TestCase("0.01h", 36000000000L, "36s")]
    [TestCase("1.1\u00B5s", 1100L, "1.1\u00B5s")]
    [TestCase("2.2ms", 2200000L, "2.2ms")]
    [TestCase("3.3s", 3300000000L, "3.3s")]
    [TestCase("1.123456789h", 4044444440400L, "1h7m24.4444404s")]
    [TestCase("99.99999999999999999999999999999999999999999999m", 5999999999999L, "1h39m59.999999999s")]
    [TestCase("0.00000000000000000000000000000000000000001h", 0L, "0s")]
    [TestCase(".000000001s", 1L, "1ns")]
    [TestCase(".0000000001s", 0L, "0s")]
    [TestCase("1h1h", 7200000000000L, "2h0m0s")]
    [TestCase("1s1s1s", 3000000000L, "3s")]
    [TestCase("1m60s", 120000000000L, "2m0s")]
    [TestCase("1h.5m", 3630000000000L, "1h0m30s")]
    [TestCase("5m.5s", 300500000000L, "5m0.5s")]
    [TestCase("1ms1ns1us1h", 3600001001001L, "1h0m0.001001001s")]
    [TestCase("1h2m3.5s", 3723500000000L, "1h2m3.5s")]
    [TestCase("2540400h10m10s", 9145440610000000000L, "2540400h10m10s")]
    [TestCase("4m5.001s", 245001000000L, "4m5.001s")]
    [TestCase("5h6m7.001s", 18367001000000L, "5h6m7.001s")]
    [TestCase("8m0.000000001s", 480000000001L, "8m0.000000001s")]
    [TestCase("2562047h47m16.854775807s", 9223372036854775807L, "2562047h47m16.854775807s")]
    [TestCase("2562047h", 9223369200000000000L, "2562047h0m0s")]
    [TestCase("153722867m", 9223372020000000000L, "2562047h47m0s")]
    [TestCase("9223372036s", 9223372036000000000L, "2562047h47m16s")]
    [TestCase("9223372036.854775807s", 9223372036854775807L, "2562047h47m16.854775807s")]
    [TestCase("-9223372036.854775808s", -9223372036854775808L, "-2562047h47m16.854775808s")]
    [TestCase("-9223372036854775807ns1ns", -9223372036854775808L, "-2562047h47m16.854775808s")]
    [TestCase("9223372036854775808ns9223372036854775808ns", 0L, "0s")]
    [TestCase("-9223372036854775808ns9223372036854775808ns", 0L, "0s")]
    [TestCase("0.9999999999999999999999999999999999h", 3600000000000L, "1h0m0s")]
    [TestCase("2562047.7880152155h", 9223372036854775800L, "2562047h47m16.8547758s")]
    [TestCase("1h30m", 5400000000000L, "1h30m0s")]
    [TestCase("90m", 5400000000000L, "1h30m0s")]
    [TestCase("5400s", 5400000000000L, "1h30m0s")]
    [TestCase("0.25s", 250000000L, "250ms")]
    [TestCase("250ms", 250000000L, "250ms")]
    [TestCase("12.345678912s", 12345678912L, "12.345678912s")]
    [TestCase("0.000001ms", 1L, "1ns")]
    [TestCase("1000000000ns", 1000000000L, "1s")]
    [TestCase("60m", 3600000000000L, "1h0m0s")]
    [TestCase("24h", 86400000000000L, "24h0m0s")]
    [TestCase("0h", 0L, "0s")]
    [TestCase("0m0s", 0L, "0s")]
    [TestCase("-1ns", -1L, "-1ns")]
    [TestCase("-1us", -1000L, "-1\u00B5s")]
    [TestCase("-999ms", -999000000L, "-999ms")]
    [TestCase("-1.000000001s", -1000000001L, "-1.000000001s")]
    public void Parsing_accepts_what_go_accepts(string input, long expectedNanoseconds, string goString)
    {
        var parsed = GoDuration.TryParse(input, out var nanoseconds, out var error);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(parsed, Is.True);
            Assert.That(error, Is.Null);
            Assert.That(nanoseconds, Is.EqualTo(expectedNanoseconds));
            Assert.That(GoDuration.Format(nanoseconds), Is.EqualTo(goString));
        }
    }

    [TestCase("", "time: invalid duration \"\"")]
    [TestCase("3", "time: missing unit in duration \"3\"")]
    [TestCase("-", "time: invalid duration \"-\"")]
    [TestCase("s", "time: invalid duration \"s\"")]
    [TestCase(".", "time: invalid duration \".\"")]
    [TestCase("-.", "time: invalid duration \"-.\"")]
    [TestCase(".s", "time: invalid duration \".s\"")]
    [TestCase("+.s", "time: invalid duration \"+.s\"")]
    [TestCase("1d", "time: unknown unit \"d\" in duration \"1d\"")]
    [TestCase("\uFFFD", "time: invalid duration \"\\xef\\xbf\\xbd\"")]
    [TestCase("\uFFFD hello \uFFFD world", "time: invalid duration \"\\xef\\xbf\\xbd hello \\xef\\xbf\\xbd world\"")]
    [TestCase("9223372036854775810ns", "time: invalid duration \"9223372036854775810ns\"")]
    [TestCase("9223372036854775808ns", "time: invalid duration \"9223372036854775808ns\"")]
    [TestCase("-9223372036854775809ns", "time: invalid duration \"-9223372036854775809ns\"")]
    [TestCase("9223372036854776us", "time: invalid duration \"9223372036854776us\"")]
    [TestCase("3000000h", "time: invalid duration \"3000000h\"")]
    [TestCase("9223372036854775.808us", "time: invalid duration \"9223372036854775.808us\"")]
    [TestCase("9223372036854ms775us808ns", "time: invalid duration \"9223372036854ms775us808ns\"")]
    [TestCase("5", "time: missing unit in duration \"5\"")]
    [TestCase("5x", "time: unknown unit \"x\" in duration \"5x\"")]
    [TestCase("+", "time: invalid duration \"+\"")]
    [TestCase("--5s", "time: invalid duration \"--5s\"")]
    [TestCase("+-5s", "time: invalid duration \"+-5s\"")]
    [TestCase("-+5s", "time: invalid duration \"-+5s\"")]
    [TestCase("++5s", "time: invalid duration \"++5s\"")]
    [TestCase("-5", "time: missing unit in duration \"-5\"")]
    [TestCase("+5", "time: missing unit in duration \"+5\"")]
    [TestCase("00", "time: missing unit in duration \"00\"")]
    [TestCase("-00", "time: missing unit in duration \"-00\"")]
    [TestCase("0.0", "time: missing unit in duration \"0.0\"")]
    [TestCase("0.", "time: missing unit in duration \"0.\"")]
    [TestCase(".0", "time: missing unit in duration \".0\"")]
    [TestCase("1S", "time: unknown unit \"S\" in duration \"1S\"")]
    [TestCase("1H", "time: unknown unit \"H\" in duration \"1H\"")]
    [TestCase("1Ms", "time: unknown unit \"Ms\" in duration \"1Ms\"")]
    [TestCase("1MS", "time: unknown unit \"MS\" in duration \"1MS\"")]
    [TestCase("1NS", "time: unknown unit \"NS\" in duration \"1NS\"")]
    [TestCase("1sec", "time: unknown unit \"sec\" in duration \"1sec\"")]
    [TestCase("1min", "time: unknown unit \"min\" in duration \"1min\"")]
    [TestCase("1hr", "time: unknown unit \"hr\" in duration \"1hr\"")]
    [TestCase("1w", "time: unknown unit \"w\" in duration \"1w\"")]
    [TestCase("1y", "time: unknown unit \"y\" in duration \"1y\"")]
    [TestCase("1\u00B5", "time: unknown unit \"\\xc2\\xb5\" in duration \"1\\xc2\\xb5\"")]
    [TestCase("1\u03BC", "time: unknown unit \"\\xce\\xbc\" in duration \"1\\xce\\xbc\"")]
    [TestCase("1\u00B5S", "time: unknown unit \"\\xc2\\xb5S\" in duration \"1\\xc2\\xb5S\"")]
    [TestCase("1mss", "time: unknown unit \"mss\" in duration \"1mss\"")]
    [TestCase("1nss", "time: unknown unit \"nss\" in duration \"1nss\"")]
    [TestCase("1s s", "time: unknown unit \"s s\" in duration \"1s s\"")]
    [TestCase("1..5s", "time: missing unit in duration \"1..5s\"")]
    [TestCase("1.5.5s", "time: missing unit in duration \"1.5.5s\"")]
    [TestCase("5.5.5", "time: missing unit in duration \"5.5.5\"")]
    [TestCase("1.2.3s", "time: missing unit in duration \"1.2.3s\"")]
    [TestCase("..5s", "time: invalid duration \"..5s\"")]
    [TestCase(".5.s", "time: missing unit in duration \".5.s\"")]
    [TestCase("1.e3s", "time: unknown unit \"e\" in duration \"1.e3s\"")]
    [TestCase("1h-1m", "time: unknown unit \"h-\" in duration \"1h-1m\"")]
    [TestCase("1h+1m", "time: unknown unit \"h+\" in duration \"1h+1m\"")]
    [TestCase("1h 1m", "time: unknown unit \"h \" in duration \"1h 1m\"")]
    [TestCase("1h.m", "time: invalid duration \"1h.m\"")]
    [TestCase("1h1", "time: missing unit in duration \"1h1\"")]
    [TestCase("1h.", "time: invalid duration \"1h.\"")]
    [TestCase("1h1.", "time: missing unit in duration \"1h1.\"")]
    [TestCase("2562048h", "time: invalid duration \"2562048h\"")]
    [TestCase("-2562048h", "time: invalid duration \"-2562048h\"")]
    [TestCase("2562047h48m", "time: invalid duration \"2562047h48m\"")]
    [TestCase("153722868m", "time: invalid duration \"153722868m\"")]
    [TestCase("9223372037s", "time: invalid duration \"9223372037s\"")]
    [TestCase("9223372036.854775808s", "time: invalid duration \"9223372036.854775808s\"")]
    [TestCase("-9223372036.854775809s", "time: invalid duration \"-9223372036.854775809s\"")]
    [TestCase("9223372036854775807ns1ns", "time: invalid duration \"9223372036854775807ns1ns\"")]
    [TestCase("99999999999999999999ns", "time: invalid duration \"99999999999999999999ns\"")]
    [TestCase("18446744073709551616ns", "time: invalid duration \"18446744073709551616ns\"")]
    [TestCase("18446744073709551615ns", "time: invalid duration \"18446744073709551615ns\"")]
    [TestCase("1e3s", "time: unknown unit \"e\" in duration \"1e3s\"")]
    [TestCase("1E3s", "time: unknown unit \"E\" in duration \"1E3s\"")]
    [TestCase("1e-3s", "time: unknown unit \"e-\" in duration \"1e-3s\"")]
    [TestCase("0x10s", "time: unknown unit \"x\" in duration \"0x10s\"")]
    [TestCase("1_000s", "time: unknown unit \"_\" in duration \"1_000s\"")]
    [TestCase("1,5s", "time: unknown unit \",\" in duration \"1,5s\"")]
    [TestCase("100000000000000000000000000000000000000000000h", "time: invalid duration \"100000000000000000000000000000000000000000000h\"")]
    [TestCase("2562047.788015216h", "time: invalid duration \"2562047.788015216h\"")]
    [TestCase("5\u0001", "time: unknown unit \"\\x01\" in duration \"5\\x01\"", TestName = "{m}(5 U+0001)")]
    [TestCase("5\u0000", "time: unknown unit \"\\x00\" in duration \"5\\x00\"")]
    [TestCase("5\u001F", "time: unknown unit \"\\x1f\" in duration \"5\\x1f\"", TestName = "{m}(5 U+001F)")]
    [TestCase("5\u0009", "time: unknown unit \"\\x09\" in duration \"5\\x09\"")]
    [TestCase("5\u000A", "time: unknown unit \"\\x0a\" in duration \"5\\x0a\"")]
    [TestCase("5\u000D\u000A", "time: unknown unit \"\\x0d\\x0a\" in duration \"5\\x0d\\x0a\"")]
    [TestCase("5\u001B[31m", "time: unknown unit \"\\x1b[\" in duration \"5\\x1b[31m\"", TestName = "{m}(5 ESC[31m)")]
    [TestCase("5\u007F", "time: unknown unit \"\u007F\" in duration \"5\u007F\"")]
    [TestCase("5\u00E9", "time: unknown unit \"\\xc3\\xa9\" in duration \"5\\xc3\\xa9\"")]
    [TestCase("5\u00C3\u00A9", "time: unknown unit \"\\xc3\\x83\\xc2\\xa9\" in duration \"5\\xc3\\x83\\xc2\\xa9\"")]
    [TestCase("\"5\"", "time: invalid duration \"\\\"5\\\"\"")]
    [TestCase("5\"", "time: unknown unit \"\\\"\" in duration \"5\\\"\"")]
    [TestCase("5\\", "time: unknown unit \"\\\\\" in duration \"5\\\\\"")]
    [TestCase("5\\n", "time: unknown unit \"\\\\n\" in duration \"5\\\\n\"")]
    [TestCase("\\5s", "time: invalid duration \"\\\\5s\"")]
    [TestCase("5 s", "time: unknown unit \" s\" in duration \"5 s\"")]
    [TestCase(" 5s", "time: invalid duration \" 5s\"")]
    [TestCase("5s ", "time: unknown unit \"s \" in duration \"5s \"")]
    [TestCase(" ", "time: invalid duration \" \"")]
    [TestCase("\u00095s", "time: invalid duration \"\\x095s\"")]
    [TestCase("5s\u000A", "time: unknown unit \"s\\x0a\" in duration \"5s\\x0a\"")]
    [TestCase("5\u00A0s", "time: unknown unit \"\\xc2\\xa0s\" in duration \"5\\xc2\\xa0s\"")]
    [TestCase("5\u2028", "time: unknown unit \"\\xe2\\x80\\xa8\" in duration \"5\\xe2\\x80\\xa8\"")]
    [TestCase("5\u0085", "time: unknown unit \"\\xc2\\x85\" in duration \"5\\xc2\\x85\"")]
    [TestCase("5\u20AC", "time: unknown unit \"\\xe2\\x82\\xac\" in duration \"5\\xe2\\x82\\xac\"")]
    [TestCase("5\U0001F600", "time: unknown unit \"\\xf0\\x9f\\x98\\x80\" in duration \"5\\xf0\\x9f\\x98\\x80\"")]
    [TestCase("\U0001F600", "time: invalid duration \"\\xf0\\x9f\\x98\\x80\"")]
    [TestCase("5\uFFFD", "time: unknown unit \"\\xef\\xbf\\xbd\" in duration \"5\\xef\\xbf\\xbd\"")]
    [TestCase("5s\uFFFD", "time: unknown unit \"s\\xef\\xbf\\xbd\" in duration \"5s\\xef\\xbf\\xbd\"")]
    [TestCase("\u00B5s", "time: invalid duration \"\\xc2\\xb5s\"")]
    [TestCase("5\u00B5", "time: unknown unit \"\\xc2\\xb5\" in duration \"5\\xc2\\xb5\"")]
    [TestCase("5\u00B5\u00B5s", "time: unknown unit \"\\xc2\\xb5\\xc2\\xb5s\" in duration \"5\\xc2\\xb5\\xc2\\xb5s\"")]
    [TestCase("5\u03BCm", "time: unknown unit \"\\xce\\xbcm\" in duration \"5\\xce\\xbcm\"")]
    [TestCase("5\u00B5ms", "time: unknown unit \"\\xc2\\xb5ms\" in duration \"5\\xc2\\xb5ms\"")]
    [TestCase("5\uFF53", "time: unknown unit \"\\xef\\xbd\\x93\" in duration \"5\\xef\\xbd\\x93\"")]
    [TestCase("\uFF15s", "time: invalid duration \"\\xef\\xbc\\x95s\"")]
    [TestCase("\u0665s", "time: invalid duration \"\\xd9\\xa5s\"")]
    [TestCase("5\u0131", "time: unknown unit \"\\xc4\\xb1\" in duration \"5\\xc4\\xb1\"")]
    [TestCase("\u00E9", "time: invalid duration \"\\xc3\\xa9\"")]
    [TestCase("h\u00E9llo", "time: invalid duration \"h\\xc3\\xa9llo\"")]
    [TestCase("5'x'", "time: unknown unit \"'x'\" in duration \"5'x'\"")]
    [TestCase("5`x`", "time: unknown unit \"`x`\" in duration \"5`x`\"")]
    [TestCase("5%s", "time: unknown unit \"%s\" in duration \"5%s\"")]
    [TestCase("5%!", "time: unknown unit \"%!\" in duration \"5%!\"")]
    [TestCase("5{}", "time: unknown unit \"{}\" in duration \"5{}\"")]
    [TestCase("5<>", "time: unknown unit \"<>\" in duration \"5<>\"")]
    [TestCase("-5\u0001", "time: unknown unit \"\\x01\" in duration \"-5\\x01\"", TestName = "{m}(-5 U+0001)")]
    [TestCase("+\u0001", "time: invalid duration \"+\\x01\"", TestName = "{m}(+ U+0001)")]
    [TestCase("5x5y", "time: unknown unit \"x\" in duration \"5x5y\"")]
    [TestCase("5x.5", "time: unknown unit \"x\" in duration \"5x.5\"")]
    [TestCase("5\u00E9.5s", "time: unknown unit \"\\xc3\\xa9\" in duration \"5\\xc3\\xa9.5s\"")]
    [TestCase("5s5\u00E9", "time: unknown unit \"\\xc3\\xa9\" in duration \"5s5\\xc3\\xa9\"")]
    // Rows with a raw control character carry a TestName: NUnit would print the character itself
    // in the test name, and `dotnet test --filter` then silently skips the row.
    public void Parsing_rejects_what_go_rejects_with_gos_error_text(string input, string expectedError)
    {
        var parsed = GoDuration.TryParse(input, out var nanoseconds, out var error);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(parsed, Is.False);
            Assert.That(error, Is.EqualTo(expectedError));
            Assert.That(nanoseconds, Is.Zero);
        }
    }

    // Inputs longer than the parser's stack buffer; answers from Go as well.
    [Test]
    public void Long_inputs_parse_as_in_go()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(GoDuration.TryParse("0." + new string('0', 300) + "5h", out var tiny, out _), Is.True);
            Assert.That(tiny, Is.Zero);
            Assert.That(GoDuration.TryParse("0." + new string('9', 300) + "h", out var hour, out _), Is.True);
            Assert.That(hour, Is.EqualTo(3600000000000L));
            Assert.That(GoDuration.TryParse(string.Concat(Enumerable.Repeat("1s", 200)), out var sum, out _), Is.True);
            Assert.That(sum, Is.EqualTo(200000000000L));
        }

        var digits = new string('9', 300);
        Assert.That(GoDuration.TryParse(digits + "ns", out _, out var overflow), Is.False);
        Assert.That(overflow, Is.EqualTo("time: invalid duration \"" + digits + "ns\""));

        var accents = string.Concat(Enumerable.Repeat("\u00E9", 200));
        var quoted = string.Concat(Enumerable.Repeat(@"\xc3\xa9", 200));
        Assert.That(GoDuration.TryParse("5" + accents, out _, out var unknown), Is.False);
        Assert.That(unknown, Is.EqualTo("time: unknown unit \"" + quoted + "\" in duration \"5" + quoted + "\""));
        Assert.That(unknown, Has.Length.EqualTo(3237)); // Go's len(err.Error())
    }

    // Not from Go: a .NET string cannot hold invalid UTF-8, so a lone surrogate is quoted as the
    // U+FFFD it encodes to, which is also what Go prints for U+FFFD itself.
    [Test]
    public void A_lone_surrogate_is_quoted_as_the_replacement_character()
    {
        Assert.That(GoDuration.TryParse("5" + '\uD800', out _, out var error), Is.False);
        Assert.That(error, Is.EqualTo(@"time: unknown unit ""\xef\xbf\xbd"" in duration ""5\xef\xbf\xbd"""));
    }

    [Test]
    public void Parsing_null_is_refused() =>
        Assert.That(() => GoDuration.TryParse(null!, out _, out _), Throws.ArgumentNullException);
}
