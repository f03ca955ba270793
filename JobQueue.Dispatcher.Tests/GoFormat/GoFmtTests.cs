using JobQueue.GoFormat;

namespace JobQueue.Tests.GoFormat;

// Expected answers printed by Go 1.19's fmt.Sprintf("%f", v). The table covers round-half-even
// ties (0.0078125 is exact in binary), negative zero, tiny negatives and very large values.
public sealed class GoFmtTests
{
    [TestCase(0.0d, "0.000000")]
    [TestCase(-0.0, "-0.000000")]
    [TestCase(1.0d, "1.000000")]
    [TestCase(-1.0d, "-1.000000")]
    [TestCase(2.0d, "2.000000")]
    [TestCase(1.5d, "1.500000")]
    [TestCase(0.081d, "0.081000")]
    [TestCase(0.5d, "0.500000")]
    [TestCase(5e-07d, "0.000000")]
    [TestCase(1.5e-06d, "0.000002")]
    [TestCase(2.5e-06d, "0.000003")]
    [TestCase(0.0078125d, "0.007812")]
    [TestCase(0.0234375d, "0.023438")]
    [TestCase(-0.0078125d, "-0.007812")]
    [TestCase(1.0000005d, "1.000001")]
    [TestCase(2.0000005d, "2.000001")]
    [TestCase(123456.7890125d, "123456.789012")]
    [TestCase(0.1d, "0.100000")]
    [TestCase(0.2d, "0.200000")]
    [TestCase(0.3d, "0.300000")]
    [TestCase(0.3333333333333333d, "0.333333")]
    [TestCase(0.6666666666666666d, "0.666667")]
    [TestCase(9.9999995d, "9.999999")]
    [TestCase(9.99999949999d, "9.999999")]
    [TestCase(10.0d, "10.000000")]
    [TestCase(0.999999999d, "1.000000")]
    [TestCase(0.9999995d, "1.000000")]
    [TestCase(0.9999994999d, "0.999999")]
    [TestCase(1e-07d, "0.000000")]
    [TestCase(-1e-09d, "-0.000000")]
    [TestCase(1e+15d, "1000000000000000.000000")]
    [TestCase(1e+16d, "10000000000000000.000000")]
    [TestCase(1e+17d, "100000000000000000.000000")]
    [TestCase(9.007199254740992e+15d, "9007199254740992.000000")]
    [TestCase(1e+21d, "1000000000000000000000.000000")]
    [TestCase(1e+22d, "10000000000000000000000.000000")]
    [TestCase(1e+23d, "99999999999999991611392.000000")]
    [TestCase(1.7976931348623157e+308d, "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.000000")]
    [TestCase(5e-324d, "0.000000")]
    [TestCase(2.2250738585072014e-308d, "0.000000")]
    [TestCase(3.14159265358979d, "3.141593")]
    [TestCase(-2.718281828459045d, "-2.718282")]
    [TestCase(86400.123456789d, "86400.123457")]
    [TestCase(9.223372036854776e+09d, "9223372036.854776")]
    [TestCase(-9.223372036854776e+09d, "-9223372036.854776")]
    public void Floats_print_as_gos_percent_f_prints_them(double value, string expected) =>
        Assert.That(GoFmt.F(value), Is.EqualTo(expected));

    // Go's spellings; never expected on a console line, but they must not throw.
    [TestCase(double.NaN, "NaN")]
    [TestCase(double.PositiveInfinity, "+Inf")]
    [TestCase(double.NegativeInfinity, "-Inf")]
    public void Non_finite_values_are_spelled_as_in_go(double value, string expected) =>
        Assert.That(GoFmt.F(value), Is.EqualTo(expected));
}
