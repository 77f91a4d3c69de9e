using System.Globalization;
using System.Numerics;
using HwOpt.IR;

namespace HwOpt.Transforms;

/// <summary>
/// Writes the plan into the IR as discardable attributes on each planned op: <c>hwopt.kernel</c> (i64 kernel
/// number), <c>hwopt.precision</c> (string), <c>hwopt.device</c> (string), <c>hwopt.cost_ns</c> (f64: the predicted
/// latency of the op's whole kernel, ns). Attribute names carry the unregistered <c>hwopt</c> dialect prefix, so
/// <c>mlir-opt-19 --allow-unregistered-dialect</c> accepts the output. Existing <c>hwopt.*</c> decision attributes
/// are replaced; <c>hwopt.pin.*</c> attributes are kept.
/// </summary>
public static class Annotator
{
    /// <summary>The attribute names written.</summary>
    public const string KernelAttr = "hwopt.kernel", PrecisionAttr = "hwopt.precision", DeviceAttr = "hwopt.device", CostAttr = "hwopt.cost_ns";

    /// <summary>Annotates the module of <paramref name="plan"/> in place.</summary>
    /// <param name="plan">The plan.</param>
    public static void Apply(PlanState plan)
    {
        var i64 = new IntegerType(64, Signedness.Signless);
        var f64 = new FloatType("f64");
        foreach (var d in plan.Ops)
        {
            var op = plan.Graph.Ops[d.Node];
            var entries = op.Attributes.Entries.Where(e => e.Name is not (KernelAttr or PrecisionAttr or DeviceAttr or CostAttr)).ToList();
            if (d.Kernel is int k) entries.Add(new NamedAttribute(KernelAttr, new IntegerAttr(new BigInteger(k), i64)));
            if (d.Precision is { } p) entries.Add(new NamedAttribute(PrecisionAttr, new StringAttr(p)));
            if (d.Device is { } dev) entries.Add(new NamedAttribute(DeviceAttr, new StringAttr(dev)));
            if (d.KernelCostNs is double ns && double.IsFinite(ns)) entries.Add(new NamedAttribute(CostAttr, new FloatAttr(FloatLiteral(ns), f64)));
            op.Attributes = new DictionaryAttr(entries);
        }
    }

    /// <summary>A float literal MLIR reads back exactly: 4 significant digits in scientific notation (<c>1.235e+04</c>).</summary>
    internal static string FloatLiteral(double v) => v.ToString("0.000e+00", CultureInfo.InvariantCulture);
}
