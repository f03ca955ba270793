using JobQueue.GoFormat;

namespace JobQueue.Tests.GoFormat;

// Expected answers printed by Go 1.19: d.String(), d.Seconds() (shortest round-trip form) and
// fmt.Sprintf("%f", d.Seconds()), as the console lines use them. The first rows include Go's own
// durationTests from src/time/time_test.go.
public sealed class GoDurationFormatTests
{
    [TestCase(0L, "0s", 0.0d, "0.000000")]
    [TestCase(1L, "1ns", 1e-09d, "0.000000")]
    [TestCase(-1L, "-1ns", -1e-09d, "-0.000000")]
    [TestCase(2L, "2ns", 2e-09d, "0.000000")]
    [TestCase(999L, "999ns", 9.99e-07d, "0.000001")]
    [TestCase(1000L, "1\u00B5s", 1e-06d, "0.000001")]
    [TestCase(-1000L, "-1\u00B5s", -1e-06d, "-0.000001")]
    [TestCase(1001L, "1.001\u00B5s", 1.001e-06d, "0.000001")]
    [TestCase(1100L, "1.1\u00B5s", 1.1e-06d, "0.000001")]
    [TestCase(1500L, "1.5\u00B5s", 1.5e-06d, "0.000002")]
    [TestCase(999999L, "999.999\u00B5s", 0.000999999d, "0.001000")]
    [TestCase(1000000L, "1ms", 0.001d, "0.001000")]
    [TestCase(1000001L, "1.000001ms", 0.001000001d, "0.001000")]
    [TestCase(1500000L, "1.5ms", 0.0015d, "0.001500")]
    [TestCase(81000000L, "81ms", 0.081d, "0.081000")]
    [TestCase(2200000L, "2.2ms", 0.0022d, "0.002200")]
    [TestCase(999999999L, "999.999999ms", 0.999999999d, "1.000000")]
    [TestCase(1000000000L, "1s", 1.0d, "1.000000")]
    [TestCase(1000000001L, "1.000000001s", 1.000000001d, "1.000000")]
    [TestCase(1500000000L, "1.5s", 1.5d, "1.500000")]
    [TestCase(2000000000L, "2s", 2.0d, "2.000000")]
    [TestCase(-2000000000L, "-2s", -2.0d, "-2.000000")]
    [TestCase(3300000000L, "3.3s", 3.3d, "3.300000")]
    [TestCase(10000000000L, "10s", 10.0d, "10.000000")]
    [TestCase(59999999999L, "59.999999999s", 59.999999999d, "60.000000")]
    [TestCase(60000000000L, "1m0s", 60.0d, "60.000000")]
    [TestCase(61000000000L, "1m1s", 61.0d, "61.000000")]
    [TestCase(3599999999999L, "59m59.999999999s", 3599.999999999d, "3600.000000")]
    [TestCase(3600000000000L, "1h0m0s", 3600.0d, "3600.000000")]
    [TestCase(3600000000001L, "1h0m0.000000001s", 3600.000000001d, "3600.000000")]
    [TestCase(3723500000000L, "1h2m3.5s", 3723.5d, "3723.500000")]
    [TestCase(245000000000L, "4m5s", 245.0d, "245.000000")]
    [TestCase(245001000000L, "4m5.001s", 245.001d, "245.001000")]
    [TestCase(18367001000000L, "5h6m7.001s", 18367.001d, "18367.001000")]
    [TestCase(480000000001L, "8m0.000000001s", 480.000000001d, "480.000000")]
    [TestCase(52763797000L, "52.763797s", 52.763797d, "52.763797")]
    [TestCase(9007199254740993L, "2501h59m59.254740993s", 9.007199254740993e+06d, "9007199.254741")]
    [TestCase(9223372036854775807L, "2562047h47m16.854775807s", 9.223372036854776e+09d, "9223372036.854776")]
    [TestCase(-9223372036854775808L, "-2562047h47m16.854775808s", -9.223372036854776e+09d, "-9223372036.854776")]
    [TestCase(-9223372036854775807L, "-2562047h47m16.854775807s", -9.223372036854776e+09d, "-9223372036.854776")]
    [TestCase(-1500L, "-1.5\u00B5s", -1.5e-06d, "-0.000002")]
    [TestCase(-81000000L, "-81ms", -0.081d, "-0.081000")]
    [TestCase(-3723500000000L, "-1h2m3.5s", -3723.5d, "-3723.500000")]
    [TestCase(100000000000000000L, "27777h46m40s", 1e+08d, "100000000.000000")]
    [TestCase(1234567890123456789L, "342935h31m30.123456789s", 1.2345678901234567e+09d, "1234567890.123457")]
    [TestCase(-1234567890123456789L, "-342935h31m30.123456789s", -1.2345678901234567e+09d, "-1234567890.123457")]
    public void A_duration_prints_and_converts_to_seconds_as_in_go(long nanoseconds, string goString, double goSeconds, string goPercentF)
    {
        var seconds = GoDuration.Seconds(nanoseconds);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(GoDuration.Format(nanoseconds), Is.EqualTo(goString));
            Assert.That(seconds, Is.EqualTo(goSeconds));
            Assert.That(GoFmt.F(seconds), Is.EqualTo(goPercentF));
        }
    }
}
