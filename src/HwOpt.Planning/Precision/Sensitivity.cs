using System.Globalization;
using HwOpt.IR;

namespace HwOpt.Planning.Precision;

/// <summary>Ω per format of one op and where the numbers came from.</summary>
/// <param name="Omega">Ω per format name.</param>
/// <param name="Source">Which source was used: <c>sidecar</c>, <c>weights</c>, <c>weights × Tr(H)/n</c>, <c>default proxy</c> (several, comma-separated, when formats differ).</param>
internal sealed record OpSensitivity(IReadOnlyDictionary<string, double> Omega, string Source);

/// <summary>
/// Sensitivity Ω of an op in a format, HAWQ-V3 (Yao et al. 2021): Ω = Tr(H)/n · ‖Q(W) − W‖², with W the op's weight
/// tensor of n elements, Q the format's quantizer (<see cref="Quantizer"/>) and Tr(H) the Hessian trace. Sources, in
/// order of precedence per format:
/// <list type="number">
/// <item>the sidecar's <c>sensitivity</c> value for the format (<see cref="SensitivitySidecar"/>);</item>
/// <item>weights present in the IR (a <c>dense</c> / <c>dense_resource</c> constant feeding the op): ‖Q(W) − W‖²,
/// times Tr(H)/n when the sidecar gives a trace (else Tr(H)/n = 1);</item>
/// <item>the default proxy: n · E‖Q(G) − G‖²/n for G a unit-variance Gaussian tensor of n elements (the weight
/// tensor's size; for ops without a weight, the result's), times Tr(H)/n when given; so larger layers and fewer
/// bits cost more. Its scale is that of unit-variance weights: plans that mix sources compare unlike numbers.</item>
/// </list>
/// fp32 is the reference: Ω = 0 unless the sidecar says otherwise.
/// </summary>
internal static class Sensitivity
{
    /// <summary>Ω of an op in each format.</summary>
    public static OpSensitivity Of(Operation op, OpRoles roles, IReadOnlyList<NumericFormat> formats, IReadOnlyList<string> metadata, SensitivitySidecar? sidecar)
    {
        Value? weight = roles.Weight >= 0 ? op.Operands[roles.Weight] : null;
        var entry = sidecar?.Find(op, roles.WeightSource ?? weight);
        long n = weight?.Type is ShapedType { ElementCount: long wn } ? wn
            : op.Results[0].Type is ShapedType { ElementCount: long rn } ? rn : 1;
        double traceFactor = entry?.HessianTrace is double t ? t / Math.Max(1, n) : 1;
        double[]? values = roles.WeightSource is OpResult { Owner: var constant } ? DenseValues.Read(constant, metadata) : null;
        var omega = new Dictionary<string, double>(StringComparer.Ordinal);
        var sources = new List<string>();
        foreach (var f in formats)
        {
            string source;
            if (entry is not null && entry.Sensitivity.TryGetValue(f.Name, out double given))
            {
                omega[f.Name] = given;
                source = "sidecar";
            }
            else if (f == NumericFormat.Fp32)
            {
                omega[f.Name] = 0;
                continue;
            }
            else if (values is not null)
            {
                omega[f.Name] = traceFactor * Quantizer.SquaredError(values, f);
                source = entry?.HessianTrace is null ? "weights" : "weights × Tr(H)/n";
            }
            else
            {
                omega[f.Name] = traceFactor * n * Quantizer.GaussianErrorPerElement(n, f);
                source = string.Create(CultureInfo.InvariantCulture, $"default proxy (n = {n}{(weight is null ? ", activations" : "")}{(entry?.HessianTrace is null ? "" : ", × Tr(H)/n")})");
            }
            if (!sources.Contains(source)) sources.Add(source);
        }
        return new OpSensitivity(omega, sources.Count == 0 ? "reference (fp32 only)" : string.Join(", ", sources));
    }
}
