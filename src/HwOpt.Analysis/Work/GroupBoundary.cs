using HwOpt.IR;

namespace HwOpt.Analysis.Work;

/// <summary>
/// The values that cross the boundary of a group of ops of one block (a fusion group, a kernel body): its inputs
/// (values the ops or their nested ops use that are defined outside the group) and its outputs (results used by an
/// op of the block outside the group, or nested in one; when none is, the last op's results, as the kernel
/// extractor returns them). Lists are filled in first-use / program order, without duplicates.
/// </summary>
public static class GroupBoundary
{
    [ThreadStatic] private static Stack<Operation>? walkStack;

    /// <summary>Appends the group's inputs to <paramref name="into"/> (which is not cleared).</summary>
    /// <param name="ops">The group, ops of one block.</param>
    /// <param name="into">Receives each input once.</param>
    public static void Inputs(IReadOnlyList<Operation> ops, List<Value> into)
    {
        var stack = walkStack ??= new Stack<Operation>();
        for (int t = 0; t < ops.Count; t++)
        {
            stack.Clear();
            stack.Push(ops[t]);
            while (stack.Count > 0)
            {
                var op = stack.Pop();
                foreach (var v in op.Operands)
                {
                    if (!DefinedInside(v, ops) && !ContainsReference(into, v)) into.Add(v);
                }
                OpWorkAnalyzer.PushChildren(stack, op);
            }
        }
    }

    /// <summary>Appends the group's outputs to <paramref name="into"/> (which is not cleared).</summary>
    /// <param name="ops">The group, ops of one block.</param>
    /// <param name="into">Receives each output once.</param>
    public static void Outputs(IReadOnlyList<Operation> ops, List<Value> into)
    {
        int before = into.Count;
        EscapingResults(ops, into);
        if (into.Count == before && ops.Count > 0)
        {
            for (int i = 0; i < ops[^1].Results.Count; i++) into.Add(ops[^1].Results[i]);
        }
    }

    /// <summary>Appends the results of group ops that an op of the same block outside the group (or nested in one) uses.</summary>
    internal static void EscapingResults(IReadOnlyList<Operation> ops, List<Value> into)
    {
        if (ops.Count == 0 || ops[0].Parent is not { } block) return;
        var stack = walkStack ??= new Stack<Operation>();
        foreach (var top in block.Operations)
        {
            if (IsMember(ops, top)) continue;
            stack.Clear();
            stack.Push(top);
            while (stack.Count > 0)
            {
                var op = stack.Pop();
                foreach (var v in op.Operands)
                {
                    if (v is OpResult r && IsMember(ops, r.Owner) && !ContainsReference(into, v)) into.Add(v);
                }
                OpWorkAnalyzer.PushChildren(stack, op);
            }
        }
    }

    /// <summary>True when the value is a result of a group op or of an op nested in one, or an argument of a block nested in one.</summary>
    internal static bool DefinedInside(Value v, IReadOnlyList<Operation> ops)
    {
        Operation? owner = v switch
        {
            OpResult r => r.Owner,
            BlockArgument a => a.Owner.Parent?.Parent,
            _ => null,
        };
        for (var o = owner; o is not null; o = o.ParentOp)
        {
            if (IsMember(ops, o)) return true;
        }
        return false;
    }

    internal static bool IsMember(IReadOnlyList<Operation> ops, Operation op)
    {
        for (int i = 0; i < ops.Count; i++)
        {
            if (ReferenceEquals(ops[i], op)) return true;
        }
        return false;
    }

    private static bool ContainsReference(List<Value> values, Value v)
    {
        foreach (var x in values)
        {
            if (ReferenceEquals(x, v)) return true;
        }
        return false;
    }
}
