using System.Diagnostics;
using HwOpt.CostModel.Features;
using HwOpt.IR;
using HwOpt.Planning.Precision;
using HwOpt.Profiling;

namespace HwOpt.Planning.Tests.Precision;

public sealed class FormatRewriterTests
{
    private const string MlirOpt = "/usr/lib/llvm-19/bin/mlir-opt";

    /// <summary>The conv and the matmul of the argument model in bf16, f16 and i8, and two casts of each result.</summary>
    private static IEnumerable<(string What, string Text)> Samples()
    {
        var graph = PrecisionFixtures.Graph(PrecisionFixtures.ArgumentModel);
        foreach (int node in graph.KernelNodes)
        {
            var op = graph.Ops[node];
            if (OpRoles.Of(op, false).Kind != QuantizableKind.Contraction) continue;
            var kernel = KernelExtractor.FromGroup([op], "test.mlir", "test");
            foreach (var f in new[] { NumericFormat.Bf16, NumericFormat.Fp16, NumericFormat.Int8 })
            {
                string? text = FormatRewriter.Rewrite(kernel, op, f, out string? why);
                Assert.True(text is not null, why);
                yield return ($"{op.Name} {f}", text);
            }
            var shape = (ShapedType)op.Results[0].Type;
            yield return ($"cast i32→f32 {op.Name}", FormatRewriter.CastKernel(shape, "i32", "f32")!);
            yield return ($"cast f32→bf16 {op.Name}", FormatRewriter.CastKernel(shape, "f32", "bf16")!);
        }
    }

    [Fact]
    public void RewrittenKernelsReadBackInTheTargetTypes()
    {
        var samples = Samples().ToList();
        Assert.Equal(2 * 5, samples.Count);
        foreach (var (what, text) in samples)
        {
            var body = Featurizer.KernelBody(text);
            Assert.True(body.Count >= 1, what);
            string types = string.Join(" ", body[^1].Operands.Select(o => o.Type.ToString()));
            if (what.EndsWith("int8", StringComparison.Ordinal))
            {
                Assert.Contains("xi8>", types);
                Assert.Contains("xi32>", body[^1].Results[0].Type.ToString());
                Assert.Contains("arith.extsi", text);
            }
            else if (what.EndsWith("bf16", StringComparison.Ordinal) && !what.StartsWith("cast", StringComparison.Ordinal))
            {
                Assert.DoesNotContain("f32", text);
                Assert.Contains("xbf16>", types);
            }
        }
        Assert.Null(FormatRewriter.CastKernel(new TensorType([2], new FloatType("f32"), null), "f32", "f32"));
    }

    [SkippableFact]
    public void RewrittenKernelsVerifyWithMlirOpt()
    {
        Skip.IfNot(File.Exists(MlirOpt), $"{MlirOpt} is not installed");
        foreach (var (what, text) in Samples())
        {
            string path = Path.Combine(Path.GetTempPath(), $"hwopt-prec-{Guid.NewGuid():N}.mlir");
            File.WriteAllText(path, text);
            try
            {
                var psi = new ProcessStartInfo(MlirOpt, [path, "-o", "/dev/null"]) { RedirectStandardError = true, RedirectStandardOutput = true };
                using var p = Process.Start(psi)!;
                string err = p.StandardError.ReadToEnd();
                p.WaitForExit();
                Assert.True(p.ExitCode == 0, $"{what}: {err}\n{text}");
            }
            finally { File.Delete(path); }
        }
    }
}
