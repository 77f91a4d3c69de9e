using System.Globalization;
using System.Text;
using HwOpt.CostModel;
using HwOpt.CostModel.Devices;
using HwOpt.Diagnostics;
using HwOpt.Planning.Precision;
using HwOpt.Syntax;

namespace HwOpt.Planning.Tests.Precision;

/// <summary>Small hand-made models and a test device for the precision planner tests.</summary>
internal static class PrecisionFixtures
{
    /// <summary>A device with f32, bf16, f16 and i8 (no fp8, no i4), roofline-costed.</summary>
    public static DeviceProfile Device { get; } = new()
    {
        Name = "test-dev",
        Kind = "cpu",
        PeakFlops = new(StringComparer.Ordinal) { ["f32"] = 1e10, ["bf16"] = 2e10, ["f16"] = 2e10, ["i8"] = 4e10, ["i32"] = 1e10 },
        Memory = new MemorySpec { BandwidthBytesPerS = 1e10, CapacityBytes = 1e9 },
        KernelOverheadNs = 50,
    };

    /// <summary>Roofline cost model of <see cref="Device"/>.</summary>
    public static ICostModel Roofline { get; } = new RooflineCostModel(Device);

    /// <summary>Deterministic weights in [-scale, scale] as a dense literal list.</summary>
    public static string Dense(int rows, int cols, int seed, double scale)
    {
        var rng = new Random(seed);
        var sb = new StringBuilder("dense<[");
        for (int r = 0; r < rows; r++)
        {
            if (r > 0) sb.Append(", ");
            sb.Append('[');
            for (int c = 0; c < cols; c++)
            {
                if (c > 0) sb.Append(", ");
                sb.Append(((rng.NextDouble() * 2 - 1) * scale).ToString("0.000000e+00", CultureInfo.InvariantCulture));
            }
            sb.Append(']');
        }
        return sb.Append("]>").ToString();
    }

    /// <summary>
    /// Five matmuls with dense weights (different scales, so different sensitivities), a residual add of the first
    /// and third matmul's results (a join between two quantizable ops) and direct matmul → matmul edges.
    /// </summary>
    public static string DenseModel()
    {
        const string T = "tensor<8x32xf32>", W = "tensor<32x32xf32>";
        var sb = new StringBuilder();
        sb.Append("func.func @forward(%x: ").Append(T).Append(") -> ").Append(T).Append(" {\n");
        double[] scales = [0.5, 0.05, 2.0, 0.01, 0.3];
        for (int i = 0; i < 5; i++) sb.Append(CultureInfo.InvariantCulture, $"  %w{i} = arith.constant {Dense(32, 32, i + 1, scales[i])} : {W}\n");
        sb.Append("  %z = arith.constant 0.000000e+00 : f32\n");
        sb.Append("  %e = tensor.empty() : ").Append(T).Append('\n');
        sb.Append("  %f = linalg.fill ins(%z : f32) outs(%e : ").Append(T).Append(") -> ").Append(T).Append('\n');
        sb.Append(CultureInfo.InvariantCulture, $"  %m0 = linalg.matmul ins(%x, %w0 : {T}, {W}) outs(%f : {T}) -> {T}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  %m1 = linalg.matmul ins(%m0, %w1 : {T}, {W}) outs(%f : {T}) -> {T}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  %m2 = linalg.matmul ins(%m1, %w2 : {T}, {W}) outs(%f : {T}) -> {T}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  %r = linalg.add ins(%m0, %m2 : {T}, {T}) outs(%e : {T}) -> {T}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  %m3 = linalg.matmul ins(%r, %w3 : {T}, {W}) outs(%f : {T}) -> {T}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  %m4 = linalg.matmul ins(%m3, %w4 : {T}, {W}) outs(%f : {T}) -> {T}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  return %m4 : {T}\n}}\n");
        return sb.ToString();
    }

    /// <summary>A model whose weights are function arguments (no weight data): a conv, a bias add, a reshape, a matmul.</summary>
    public const string ArgumentModel = """
        func.func @forward(%x: tensor<1x3x16x16xf32>, %k: tensor<8x3x3x3xf32>, %b: tensor<1x8x14x14xf32>, %fc: tensor<1568x10xf32>) -> tensor<1x10xf32> {
          %z = arith.constant 0.000000e+00 : f32
          %e = tensor.empty() : tensor<1x8x14x14xf32>
          %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x8x14x14xf32>) -> tensor<1x8x14x14xf32>
          %c = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %k : tensor<1x3x16x16xf32>, tensor<8x3x3x3xf32>) outs(%f : tensor<1x8x14x14xf32>) -> tensor<1x8x14x14xf32>
          %a = linalg.add ins(%c, %b : tensor<1x8x14x14xf32>, tensor<1x8x14x14xf32>) outs(%e : tensor<1x8x14x14xf32>) -> tensor<1x8x14x14xf32>
          %v = tensor.collapse_shape %a [[0], [1, 2, 3]] : tensor<1x8x14x14xf32> into tensor<1x1568xf32>
          %e2 = tensor.empty() : tensor<1x10xf32>
          %f2 = linalg.fill ins(%z : f32) outs(%e2 : tensor<1x10xf32>) -> tensor<1x10xf32>
          %o = linalg.matmul ins(%v, %fc : tensor<1x1568xf32>, tensor<1568x10xf32>) outs(%f2 : tensor<1x10xf32>) -> tensor<1x10xf32>
          return %o : tensor<1x10xf32>
        }
        """;

    /// <summary>Parses a model into a plan graph.</summary>
    public static PlanGraph Graph(string text, string source = "test.mlir")
    {
        var result = MlirParser.Parse(new SourceText(source, text));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        return PlanGraph.FromModule(result.Module!, source);
    }

    /// <summary>Options restricted to the four formats of the test device.</summary>
    public static PrecisionOptions Options => new(Formats: [NumericFormat.Fp32, NumericFormat.Bf16, NumericFormat.Fp16, NumericFormat.Int8]);
}
