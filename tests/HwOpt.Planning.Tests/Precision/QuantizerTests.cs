using HwOpt.Diagnostics;
using HwOpt.Planning.Precision;

namespace HwOpt.Planning.Tests.Precision;

public sealed class QuantizerTests
{
    /// <summary>
    /// int8 of [1, −0.5, 0.25, 0.3] by hand: scale = 1/127; w/scale = 127, −63.5 → −64 (half to even), 31.75 → 32,
    /// 38.1 → 38; errors 0, −64/127 + 0.5, 32/127 − 0.25, 38/127 − 0.3.
    /// </summary>
    [Fact]
    public void Int8ErrorOfAKnownTensorMatchesTheHandComputation()
    {
        double[] w = [1, -0.5, 0.25, 0.3];
        double e1 = -64.0 / 127 + 0.5, e2 = 32.0 / 127 - 0.25, e3 = 38.0 / 127 - 0.3;
        Assert.Equal(e1 * e1 + e2 * e2 + e3 * e3, Quantizer.SquaredError(w, NumericFormat.Int8), 15);
        Assert.Equal(1.9995e-5, Quantizer.SquaredError(w, NumericFormat.Int8), 8);
        // int4: scale = 1/7: 7, −3.5 → −4, 1.75 → 2, 2.1 → 2.
        double f1 = -4.0 / 7 + 0.5, f2 = 2.0 / 7 - 0.25, f3 = 2.0 / 7 - 0.3;
        Assert.Equal(f1 * f1 + f2 * f2 + f3 * f3, Quantizer.SquaredError(w, NumericFormat.Int4), 15);
        Assert.Equal(0, Quantizer.SquaredError([0.0, 0.0], NumericFormat.Int8));
    }

    [Fact]
    public void FloatRoundingIsNearestEvenAndSaturates()
    {
        // bf16 has a step of 2^-7 at 1: 1 + 2^-8 is a tie → 1; 1 + 3·2^-8 is a tie → 1 + 2^-6 (even).
        Assert.Equal(1.0, Quantizer.RoundFloat(1 + Math.Pow(2, -8), NumericFormat.Bf16));
        Assert.Equal(1 + Math.Pow(2, -6), Quantizer.RoundFloat(1 + 3 * Math.Pow(2, -8), NumericFormat.Bf16));
        // fp8 e4m3: 0.1 = 1.6·2^-4, step 2^-7 → 13·2^-7; beyond 448 saturates.
        Assert.Equal(13 * Math.Pow(2, -7), Quantizer.RoundFloat(0.1, NumericFormat.Fp8E4M3));
        Assert.Equal(-448, Quantizer.RoundFloat(-500, NumericFormat.Fp8E4M3));
        // fp16 agrees with .NET's Half conversion and bf16 with the f32 bit trick (both round to nearest even).
        var rng = new Random(7);
        for (int i = 0; i < 2000; i++)
        {
            float f = (float)((rng.NextDouble() - 0.5) * Math.Pow(2, rng.Next(-24, 15)));
            Assert.Equal((double)(Half)f, Quantizer.RoundFloat(f, NumericFormat.Fp16));
            int bits = BitConverter.SingleToInt32Bits(f);
            float bf = BitConverter.Int32BitsToSingle((bits + 0x7FFF + ((bits >> 16) & 1)) & unchecked((int)0xFFFF0000));
            Assert.Equal(bf, (float)Quantizer.RoundFloat(f, NumericFormat.Bf16));
        }
        Assert.Equal(0, Quantizer.SquaredError([0.1f, 3.25f], NumericFormat.Fp32));
    }

    [Fact]
    public void DefaultProxyGrowsWithSizeAndFewerBits()
    {
        static double Omega(long n, NumericFormat f) => n * Quantizer.GaussianErrorPerElement(n, f);
        Assert.True(Omega(1000, NumericFormat.Int4) > Omega(1000, NumericFormat.Int8));
        Assert.True(Omega(1000, NumericFormat.Int8) > Omega(1000, NumericFormat.Bf16));
        Assert.True(Omega(1000, NumericFormat.Bf16) > Omega(1000, NumericFormat.Fp16));
        Assert.True(Omega(100_000, NumericFormat.Int8) > Omega(1000, NumericFormat.Int8));
        Assert.Equal(Quantizer.GaussianErrorPerElement(4096, NumericFormat.Int8), Quantizer.GaussianErrorPerElement(4096, NumericFormat.Int8));
    }

    [Fact]
    public void DenseLiteralsSplatsAndHexBlobsAreRead()
    {
        Assert.Equal([1.0, 2, 3, 4], DenseValues.ReadDense("dense<[[1.0, 2.0], [3.0, 4.0]]>", "f32", 4)!);
        Assert.Equal([0.5, 0.5, 0.5], DenseValues.ReadDense("dense<5.000000e-01>", "f32", 3)!);
        Assert.Equal([1.0, 2.0], DenseValues.ReadDense("dense<\"0x0000803F00000040\">", "f32", 2)!);
        Assert.Equal([-2.0, 7], DenseValues.ReadDense("dense<[-2, 7]>", "i8", 2)!);
        Assert.Null(DenseValues.ReadDense("dense<[1.0, 2.0]>", "f32", 3));
    }

    [Fact]
    public void SidecarIsReadAndMalformedSidecarsNameTheFile()
    {
        var bag = new DiagnosticBag();
        var ok = SensitivitySidecar.Parse("s.json", """{"schemaVersion": 1, "ops": [{"name": "fc1_weight", "hessian_trace": 2.5, "sensitivity": {"int8": 0.25}}, {"location": "m.mlir:3:5"}]}""", bag);
        Assert.False(bag.HasErrors);
        Assert.NotNull(ok);
        Assert.Equal(2, ok.Entries.Count);
        Assert.Equal(2.5, ok.Entries[0].HessianTrace);
        Assert.Equal(0.25, ok.Entries[0].Sensitivity["int8"]);

        foreach (string bad in new[]
        {
            "{not json",
            """{"ops": []}""",
            """{"schemaVersion": 1, "ops": [{"sensitivity": {"int8": 1}}]}""",
            """{"schemaVersion": 1, "ops": [{"name": "a", "sensitivity": {"int7": 1}}]}""",
            """{"schemaVersion": 1, "ops": [{"name": "a", "hessian_trace": -1}]}""",
            """{"schemaVersion": 1, "ops": [{"name": "a", "hesian_trace": 1}]}""",
        })
        {
            var b = new DiagnosticBag();
            Assert.Null(SensitivitySidecar.Parse("/tmp/sens.json", bad, b));
            var d = Assert.Single(b.Items);
            Assert.Equal("HW3201", d.Id);
            Assert.Contains("/tmp/sens.json", d.Message);
        }
        var missing = new DiagnosticBag();
        Assert.Null(SensitivitySidecar.Load("/nonexistent/sens.json", missing));
        Assert.Contains("/nonexistent/sens.json", Assert.Single(missing.Items).Message);
    }
}
