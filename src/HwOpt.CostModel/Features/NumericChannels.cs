using System.Globalization;
using HwOpt.Analysis.Work;
using HwOpt.IR;
using HwOpt.Syntax;
using static HwOpt.CostModel.Features.FeatureLayout;

namespace HwOpt.CostModel.Features;

/// <summary>Reused per-thread buffers of the featurizer.</summary>
internal sealed class FeaturizerScratch
{
    public TokenHasher Tokens { get; } = new();
    public List<Value> Inputs { get; } = new();
    public List<Value> Outputs { get; } = new();
    public Stack<Operation> Walk { get; } = new();

    /// <summary>Catalogue facts by op name (a few lookups and string comparisons each, made once per name and thread).</summary>
    private readonly Dictionary<string, OpNameFacts> facts = new(StringComparer.Ordinal);

    /// <summary>The facts of an op name (see <see cref="OpNameFacts"/>).</summary>
    public OpNameFacts Facts(string opName)
    {
        if (!facts.TryGetValue(opName, out var f))
        {
            if (facts.Count >= 4096) facts.Clear(); // op names are a small vocabulary; this only bounds odd inputs
            f = OpNameFacts.Of(opName);
            facts.Add(opName, f);
        }
        return f;
    }
}

/// <summary>What the structure, traits and body channels read from the dialect catalogues about one op name.</summary>
/// <param name="TraitColumns">Index in <see cref="FeatureLayout.Traits"/> of each declared trait in the vocabulary, in declaration order.</param>
/// <param name="Known">Whether the catalogue knows the op.</param>
/// <param name="BodyColumn">Index in <see cref="FeatureLayout.BodyClasses"/> of the op's scalar class; -1 when it has none.</param>
internal sealed record OpNameFacts(int[] TraitColumns, bool Known, int BodyColumn)
{
    public static OpNameFacts Of(string opName)
    {
        var traits = DialectTraits.Of(opName);
        var columns = new List<int>();
        for (int k = 0; k < traits.Count; k++)
        {
            int t = Array.IndexOf(Traits, traits[k]);
            if (t >= 0) columns.Add(t);
        }
        int body = DialectWork.Of(opName) is { Class: not ScalarOpClass.None } spec ? Array.IndexOf(BodyClasses, spec.Class) : -1;
        return new OpNameFacts(columns.ToArray(), DialectTraits.Knows(opName), body);
    }
}

/// <summary>The numeric channels (every channel but <c>text</c>); names and meanings in <see cref="FeatureLayout"/>.</summary>
internal static class NumericChannels
{
    /// <summary>Fills the numeric channels; returns the work estimate of the work channel.</summary>
    public static WorkEstimate Fill(IReadOnlyList<Operation> ops, Span<float> f, FeaturizerScratch s)
    {
        s.Inputs.Clear();
        s.Outputs.Clear();
        GroupBoundary.Inputs(ops, s.Inputs);
        GroupBoundary.Outputs(ops, s.Outputs);

        StructureTraitsAndBody(ops, f, s);
        Types(ops, f);
        Shapes(f, s);
        WindowAttributes(ops, f);
        return Work(ops, f);
    }

    private static void StructureTraitsAndBody(IReadOnlyList<Operation> ops, Span<float> f, FeaturizerScratch s)
    {
        int nested = 0, opaque = 0, unknown = 0;
        for (int n = 0; n < ops.Count; n++)
        {
            var top = ops[n];
            foreach (int t in s.Facts(top.Name).TraitColumns) f[TraitOffset + t]++;
            var stack = s.Walk;
            stack.Clear();
            stack.Push(top);
            while (stack.Count > 0)
            {
                var op = stack.Pop();
                var facts = s.Facts(op.Name);
                if (op.IsOpaque) opaque++;
                if (!facts.Known) unknown++;
                if (!ReferenceEquals(op, top))
                {
                    nested++;
                    if (!op.IsOpaque && facts.BodyColumn >= 0) f[BodyOffset + facts.BodyColumn]++;
                }
                PushChildren(stack, op);
            }
        }
        int o = StructureOffset;
        f[o] = ops.Count;
        f[o + 1] = nested;
        f[o + 2] = s.Inputs.Count;
        f[o + 3] = s.Outputs.Count;
        f[o + 4] = opaque;
        f[o + 5] = unknown;
        f[o + 6] = opaque + unknown > 0 ? 1 : 0;
    }

    private static void PushChildren(Stack<Operation> stack, Operation op)
    {
        if (!op.HasRegions) return; // (reading Regions would create an empty list)
        for (int r = op.Regions.Count - 1; r >= 0; r--)
        {
            var blocks = op.Regions[r].Blocks;
            for (int b = blocks.Count - 1; b >= 0; b--)
            {
                var list = blocks[b].Operations;
                for (int i = list.Count - 1; i >= 0; i--) stack.Push(list[i]);
            }
        }
    }

    private static void Types(IReadOnlyList<Operation> ops, Span<float> f)
    {
        int min = int.MaxValue, max = int.MinValue;
        for (int n = 0; n < ops.Count; n++)
        {
            var op = ops[n];
            foreach (var v in op.Operands) Element(v.Type, f, ref min, ref max);
            for (int i = 0; i < op.Results.Count; i++) Element(op.Results[i].Type, f, ref min, ref max);
        }
        f[TypeOffset] = min == int.MaxValue ? float.NaN : min;
        f[TypeOffset + 1] = max == int.MinValue ? float.NaN : max;
    }

    private static void Element(MlirType type, Span<float> f, ref int min, ref int max)
    {
        if (type is not ShapedType s) return;
        if (s.ElementType.BitWidth is { } bits)
        {
            min = Math.Min(min, bits);
            max = Math.Max(max, bits);
        }
        f[TypeOffset + 2 + ElementKind(ScalarName(s.ElementType))] = 1;
    }

    /// <summary>The keyword of common scalar types without building a string (<c>null</c> for the rest).</summary>
    private static string? ScalarName(MlirType t) => t switch
    {
        FloatType fl => fl.Name,
        IntegerType { Signedness: Signedness.Signless, Width: 64 } => "i64",
        IntegerType { Signedness: Signedness.Signless, Width: 32 } => "i32",
        IntegerType { Signedness: Signedness.Signless, Width: 16 } => "i16",
        IntegerType { Signedness: Signedness.Signless, Width: 8 } => "i8",
        IntegerType { Signedness: Signedness.Signless, Width: 1 } => "i1",
        _ => null,
    };

    private static void Shapes(Span<float> f, FeaturizerScratch s)
    {
        // The three largest tensor/memref arguments (ties: first used), without sorting a copy.
        Span<int> best = stackalloc int[ShapeArguments];
        Span<double> bestElements = stackalloc double[ShapeArguments]; // their element counts
        best.Fill(-1);
        double total = 0, largestInput = 0, largestOutput = 0;
        for (int i = 0; i < s.Inputs.Count; i++)
        {
            if (s.Inputs[i].Type is not ShapedType st || st is VectorType) continue;
            double n = st.ElementCount ?? 0;
            total += n;
            largestInput = Math.Max(largestInput, n);
            for (int k = 0; k < ShapeArguments; k++)
            {
                if (best[k] < 0 || n > bestElements[k])
                {
                    for (int j = ShapeArguments - 1; j > k; j--)
                    {
                        best[j] = best[j - 1];
                        bestElements[j] = bestElements[j - 1];
                    }
                    best[k] = i;
                    bestElements[k] = n;
                    break;
                }
            }
        }
        ShapedType? result = null;
        foreach (var v in s.Outputs)
        {
            if (v.Type is not ShapedType st || st is VectorType) continue;
            double n = st.ElementCount ?? 0;
            total += n;
            if (result is null || n > largestOutput) result = st;
            largestOutput = Math.Max(largestOutput, n);
        }
        int o = ShapeOffset;
        f[o] = Log2p(largestInput);
        f[o + 1] = Log2p(largestOutput);
        f[o + 2] = Log2p(total);
        o += 3;
        for (int k = 0; k < ShapeArguments; k++, o += 1 + ShapeRank)
        {
            Dims(best[k] >= 0 ? (ShapedType)s.Inputs[best[k]].Type : null, f.Slice(o, 1 + ShapeRank));
        }
        Dims(result, f.Slice(o, 1 + ShapeRank));
    }

    private static void Dims(ShapedType? type, Span<float> f)
    {
        f.Fill(float.NaN);
        if (type?.Shape is not { } shape) return;
        f[0] = shape.Count;
        for (int d = 0; d < shape.Count && d < ShapeRank; d++)
        {
            long v = shape[d];
            f[1 + d] = v == ShapedType.Dynamic ? float.NaN : v == 0 ? -1 : (float)Math.Log2(v);
        }
    }

    private static void WindowAttributes(IReadOnlyList<Operation> ops, Span<float> f)
    {
        f.Slice(WindowOffset, Window.Length).Fill(float.NaN);
        for (int n = 0; n < ops.Count; n++)
        {
            var op = ops[n];
            var strides = op.GetAttribute("strides") ?? op.GetAttribute("stride");
            if (strides is null) continue;
            Pair(strides, f.Slice(WindowOffset, 2));
            if ((op.GetAttribute("dilations") ?? op.GetAttribute("dilation")) is { } dilations) Pair(dilations, f.Slice(WindowOffset + 2, 2));
            return;
        }
    }

    /// <summary>The first two values of <c>array&lt;i64: a, b&gt;</c>, <c>dense&lt;a&gt;</c>, <c>dense&lt;[a, b]&gt;</c> or <c>[a, b]</c>.</summary>
    private static void Pair(MlirAttribute attr, Span<float> into)
    {
        switch (attr)
        {
            case DenseArrayAttr a:
                for (int i = 0; i < into.Length && i < a.Elements.Count; i++) into[i] = Number(a.Elements[i]);
                break;
            case ArrayAttr a:
                for (int i = 0; i < into.Length && i < a.Elements.Count; i++) into[i] = a.Elements[i] is IntegerAttr n ? (float)n.Value : float.NaN;
                break;
            case TextAttr { Kind: TextAttrKind.DenseElements } t when t.Text.StartsWith("dense<", StringComparison.Ordinal) && t.Text.EndsWith('>'):
                var body = t.Text.AsSpan(6, t.Text.Length - 7).Trim();
                if (body.Length > 0 && body[0] == '[')
                {
                    body = body.Trim("[]");
                    int i = 0;
                    foreach (var range in body.Split(','))
                    {
                        if (i >= into.Length) break;
                        into[i++] = Number(body[range]);
                    }
                }
                else
                {
                    into.Fill(Number(body)); // a splat: every dim
                }
                break;
        }
    }

    private static float Number(ReadOnlySpan<char> s) =>
        double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? (float)v : float.NaN;

    private static WorkEstimate Work(IReadOnlyList<Operation> ops, Span<float> f)
    {
        var w = WorkEstimator.EstimateGroup(ops);
        int o = WorkOffset;
        f[o] = Log2p(w.Flops);
        f[o + 1] = Log2p(w.BytesRead);
        f[o + 2] = Log2p(w.BytesWritten);
        f[o + 3] = Log2p(w.IterationPoints);
        f[o + 4] = Log2p(w.ReductionPoints);
        f[o + 5] = (float)w.ArithmeticIntensity;
        f[o + 6] = w.LoopDepth;
        f[o + 7] = Log2p(w.Transcendentals);
        f[o + 8] = Log2p(w.Divisions);
        f[o + 9] = w.Known ? 1 : 0;
        if (w.Locality is { } l)
        {
            f[o + 10] = Log2p(l.InnerStrideBytes);
            f[o + 11] = l.StridedOperands;
            f[o + 12] = Log2p(l.FootprintBytes[0]);
            f[o + 13] = Log2p(l.FootprintBytes[1]);
            f[o + 14] = Log2p(l.FootprintBytes[2]);
        }
        else
        {
            for (int k = 10; k < 15; k++) f[o + k] = float.NaN;
        }
        if (w.ComputeType.Length > 0) f[ComputeOffset + ElementKind(w.ComputeType)] = 1;
        int p = PerPointOffset;
        if (w.Known && w.IterationPoints > 0)
        {
            double points = w.IterationPoints;
            f[p] = (float)(w.Flops / points);
            f[p + 1] = (float)(w.Bytes / points);
            f[p + 2] = (float)(w.Transcendentals / points);
            f[p + 3] = (float)(w.Divisions / points);
        }
        else
        {
            f.Slice(p, PerPoint.Length).Fill(float.NaN);
        }
        return w;
    }

    private static float Log2p(double x) => (float)Math.Log2(1 + Math.Max(0, x));
}
