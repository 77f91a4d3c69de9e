using HwOpt.CostModel.Devices;

namespace HwOpt.Planning.Precision;

/// <summary>
/// A number format an op can compute in: its MLIR element type, the bits a weight and an activation take, the
/// type a contraction accumulates in, and (for floats) the mantissa bits, smallest normal exponent and largest finite
/// value that <see cref="Quantizer"/> rounds to.
/// </summary>
/// <param name="Name">Format name used in options, sidecars and reports: <c>fp32</c>, <c>bf16</c>, <c>fp16</c>, <c>fp8e4m3</c>, <c>int8</c>, <c>int4</c>.</param>
/// <param name="ElementType">MLIR element type: <c>f32</c>, <c>bf16</c>, <c>f16</c>, <c>f8E4M3FN</c>, <c>i8</c>, <c>i4</c>.</param>
/// <param name="Bits">Bits per weight and per activation element (b_w = b_a in HAWQ-V3's BOPs).</param>
/// <param name="AccumulatorType">Element type of a contraction's result in this format: the format itself for floats, <c>i32</c> for integers.</param>
/// <param name="IsInteger">True for the symmetric uniform integer formats.</param>
/// <param name="MantissaBits">Explicit mantissa bits (floats; 0 for integers).</param>
/// <param name="MinNormalExponent">Exponent of the smallest normal number (floats; subnormals share its step).</param>
/// <param name="MaxFinite">Largest finite magnitude (floats; values beyond saturate to it).</param>
public sealed record NumericFormat(
    string Name, string ElementType, int Bits, string AccumulatorType, bool IsInteger, int MantissaBits, int MinNormalExponent, double MaxFinite)
{
    /// <summary>IEEE single precision: the reference format (sensitivity 0).</summary>
    public static NumericFormat Fp32 { get; } = new("fp32", "f32", 32, "f32", false, 23, -126, float.MaxValue);

    /// <summary>bfloat16: 8 exponent bits, 7 mantissa bits.</summary>
    public static NumericFormat Bf16 { get; } = new("bf16", "bf16", 16, "bf16", false, 7, -126, 3.3895313892515355e38);

    /// <summary>IEEE half precision: 5 exponent bits, 10 mantissa bits, max 65504.</summary>
    public static NumericFormat Fp16 { get; } = new("fp16", "f16", 16, "f16", false, 10, -14, 65504);

    /// <summary>OCP FP8 E4M3 (MLIR <c>f8E4M3FN</c>): 4 exponent bits, 3 mantissa bits, max 448, no infinities.</summary>
    public static NumericFormat Fp8E4M3 { get; } = new("fp8e4m3", "f8E4M3FN", 8, "f8E4M3FN", false, 3, -6, 448);

    /// <summary>8-bit symmetric integer, accumulating in i32.</summary>
    public static NumericFormat Int8 { get; } = new("int8", "i8", 8, "i32", true, 0, 0, 127);

    /// <summary>4-bit symmetric integer, accumulating in i32.</summary>
    public static NumericFormat Int4 { get; } = new("int4", "i4", 4, "i32", true, 0, 0, 7);

    /// <summary>Every format, widest first (the order ties are broken in: the wider format wins).</summary>
    public static IReadOnlyList<NumericFormat> All { get; } = [Fp32, Bf16, Fp16, Fp8E4M3, Int8, Int4];

    /// <summary>The format of a name (case-insensitive), or null.</summary>
    public static NumericFormat? Find(string name) => All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The formats the device computes in (<see cref="DeviceProfile.Supports"/> of the element type), among <paramref name="candidates"/>, widest first.</summary>
    /// <param name="device">The device profile.</param>
    /// <param name="candidates">Formats to consider (default: <see cref="All"/>).</param>
    public static IReadOnlyList<NumericFormat> SupportedOn(DeviceProfile device, IEnumerable<NumericFormat>? candidates = null) =>
        (candidates ?? All).Where(f => device.Supports(f.ElementType)).OrderBy(f => All.ToList().IndexOf(f)).ToList();

    /// <inheritdoc/>
    public override string ToString() => Name;
}
