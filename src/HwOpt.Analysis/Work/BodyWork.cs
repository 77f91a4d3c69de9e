using HwOpt.IR;
using HwOpt.Syntax;

namespace HwOpt.Analysis.Work;

/// <summary>
/// The scalar work of one iteration: FLOPs (sum of the <c>flops</c> of the scalar ops), transcendental and division
/// counts, and the compute type: the input type of the multiplies when the body multiplies (widening casts looked
/// through), else the widest element type of the ops that count FLOPs.
/// </summary>
internal readonly record struct BodyWork(double Flops, double Transcendentals, double Divisions, MlirType? ComputeType, bool Known)
{
    [ThreadStatic] private static Stack<Operation>? walkStack;

    /// <summary>
    /// One iteration of <paramref name="op"/>: its region's ops when it has any (walked, nested regions included),
    /// else the op's own <c>flops</c> plus its <c>body</c> list. A region op the catalogue has no work data for, other
    /// than constants, allocations and terminators, makes the result unknown.
    /// </summary>
    public static BodyWork Of(Operation op, OpWorkSpec spec)
    {
        double flops = 0, transcendentals = 0, divisions = 0;
        MlirType? computeType = null, multiplyType = null;
        bool known = true;
        if (HasRegionOps(op))
        {
            var stack = walkStack ??= new Stack<Operation>();
            stack.Clear();
            OpWorkAnalyzer.PushChildren(stack, op);
            while (stack.Count > 0)
            {
                var nested = stack.Pop();
                OpWorkAnalyzer.PushChildren(stack, nested);
                var s = nested.IsOpaque ? null : DialectWork.Of(nested.Name);
                if (s is null)
                {
                    if (nested.IsOpaque || !OpWorkAnalyzer.DoesNoWork(nested.Name)) known = false;
                    continue;
                }
                Add(s, ref flops, ref transcendentals, ref divisions);
                if (s.Flops > 0) computeType = ElementTypes.Wider(computeType, ElementTypes.Widest(nested));
                if (s.Class is ScalarOpClass.Mul or ScalarOpClass.Fma) multiplyType = ElementTypes.Wider(multiplyType, MultiplyInputType(nested));
            }
        }
        else
        {
            Add(spec, ref flops, ref transcendentals, ref divisions);
            for (int i = 0; i < spec.Body.Count; i++)
            {
                if (DialectWork.Of(spec.Body[i]) is { } s) Add(s, ref flops, ref transcendentals, ref divisions);
                else known = false;
            }
            if (flops > 0) computeType = ElementTypes.Widest(op);
        }
        // Multiply-accumulate hardware (VNNI, tensor cores, NPUs) runs at the width of the multiply's inputs, so an
        // i8 x i8 -> i32 contraction computes in i8 and an f16 x f16 -> f32 one in f16.
        return new BodyWork(flops, transcendentals, divisions, multiplyType ?? computeType, known);
    }

    /// <summary>The element type a multiply really consumes: an operand produced by a widening cast counts as the cast's source type.</summary>
    private static MlirType? MultiplyInputType(Operation multiply)
    {
        MlirType? type = null;
        foreach (var operand in multiply.Operands)
        {
            var t = operand is OpResult { Owner: var def } && !def.IsOpaque && def.Operands.Count == 1 && DialectWork.Of(def.Name) is { Class: ScalarOpClass.Cast }
                ? ElementTypes.ElementOf(def.Operands[0].Type)
                : ElementTypes.ElementOf(operand.Type);
            type = ElementTypes.Wider(type, t);
        }
        return type;
    }

    private static void Add(OpWorkSpec s, ref double flops, ref double transcendentals, ref double divisions)
    {
        flops += s.Flops;
        if (s.Class == ScalarOpClass.Transcendental) transcendentals += 1;
        else if (s.Class == ScalarOpClass.Div) divisions += 1;
    }

    private static bool HasRegionOps(Operation op)
    {
        foreach (var r in op.Regions)
        {
            foreach (var b in r.Blocks)
            {
                if (b.Operations.Count > 0) return true;
            }
        }
        return false;
    }
}
