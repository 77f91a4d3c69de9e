using HwOpt.IR;
using HwOpt.Syntax;

namespace HwOpt.Analysis.Work;

/// <summary>One tensor/memref value an op reads or writes, and how many bytes of it.</summary>
internal readonly record struct Access(Value Value, double Bytes, bool Write);

/// <summary>The work of one op, before group accounting of its memory traffic.</summary>
internal struct OpWork
{
    public double Flops;
    public double Points;
    public double ReductionPoints;
    public double Transcendentals;
    public double Divisions;
    public int LoopDepth;
    public MlirType? ComputeType;
    public bool Known;
    public LoopLocality? Locality;
}

/// <summary>
/// Derives one op's work from its <c>work</c> entry (<see cref="DialectWork"/>) and its types; appends the values it
/// reads and writes to an access list. Formulas:
/// <list type="bullet">
/// <item>FLOPs = iteration points × FLOPs per iteration, where FLOPs per iteration sum the <c>flops</c> of the scalar
/// ops in the op's region (walked, nested ops included), or, for ops without a region, the op's own <c>flops</c> plus
/// those of its <c>body</c> list.</item>
/// <item>Iteration points: <see cref="WorkKind.Structured"/>: product of loop extents, each read from an operand/result
/// whose map result is that bare loop (or an attribute named in <c>extents</c>); <see cref="WorkKind.Elementwise"/>:
/// elements of the largest result; <see cref="WorkKind.Reduction"/>: elements of the first operand;
/// <see cref="WorkKind.DataMovement"/>: elements moved.</item>
/// <item>Reads: a tensor/memref operand is read whole, except that an op whose region's entry block has one argument per
/// operand reads only the operands whose argument the body uses (so <c>outs</c> of an elementwise op or a fill is not
/// read, and the accumulator of a matmul is); writes: every tensor/memref result (for memref-only ops, the <c>outs</c>
/// operands: the last segment of <c>operandSegmentSizes</c>, else the last operand).</item>
/// </list>
/// </summary>
internal static class OpWorkAnalyzer
{
    [ThreadStatic] private static Stack<Operation>? walkStack;

    public static OpWork Analyze(Operation op, List<Access> accesses)
    {
        var spec = op.IsOpaque ? null : DialectWork.Of(op.Name);
        if (spec is null)
        {
            if (!op.IsOpaque && DoesNoWork(op.Name)) return new OpWork { Known = true };
            return Unknown(op, accesses);
        }
        return spec.Kind switch
        {
            WorkKind.None => new OpWork { Known = true },
            WorkKind.View => new OpWork { Known = true, ComputeType = ElementTypes.OfResults(op) },
            WorkKind.DataMovement => DataMovement(op, spec, accesses),
            _ => Computation(op, spec, accesses),
        };
    }

    /// <summary>Ops the catalogue marks as doing no run-time work by their traits (constants, allocations, terminators, symbols).</summary>
    public static bool DoesNoWork(string opName)
    {
        var traits = DialectTraits.Of(opName);
        for (int i = 0; i < traits.Count; i++)
        {
            if (traits[i] is "constant" or "allocation" or "terminator" or "symbol") return true;
        }
        return false;
    }

    private static OpWork Unknown(Operation op, List<Access> accesses)
    {
        foreach (var v in op.Operands) AddWhole(accesses, v, write: false);
        for (int i = 0; i < op.Results.Count; i++) AddWhole(accesses, op.Results[i], write: true);
        return new OpWork { Known = false, ComputeType = ElementTypes.Widest(op) };
    }

    private static OpWork DataMovement(Operation op, OpWorkSpec spec, List<Access> accesses)
    {
        var work = new OpWork { Known = true, ReductionPoints = 1, ComputeType = ElementTypes.OfResults(op) ?? ElementTypes.Widest(op) };
        switch (spec.Moves)
        {
            case DataMoves.Operands:
                foreach (var v in op.Operands) work.Known &= AddWhole(accesses, v, write: false);
                for (int i = 0; i < op.Results.Count; i++)
                {
                    work.Known &= AddWhole(accesses, op.Results[i], write: true);
                    Loop(ref work, op.Results[i].Type);
                }
                break;
            case DataMoves.Result:
                if (op.Results.Count > 0 && op.Operands.Count > 0)
                {
                    var result = op.Results[0];
                    double elements = Elements(result.Type, ref work.Known);
                    if (Memory.IsMemory(result.Type) && Memory.IsMemory(op.Operands[0].Type))
                    {
                        accesses.Add(new Access(op.Operands[0], elements * Memory.ElementBytes(op.Operands[0].Type, ref work.Known), false));
                        work.Known &= AddWhole(accesses, result, write: true);
                    }
                    Loop(ref work, result.Type);
                }
                break;
            case DataMoves.Source:
                if (op.Operands.Count > 0)
                {
                    var source = op.Operands[0];
                    work.Known &= AddWhole(accesses, source, write: false);
                    Value? target = op.Results.Count > 0 ? op.Results[0] : op.Operands.Count > 1 ? op.Operands[1] : null;
                    if (target is not null && Memory.IsMemory(source.Type))
                    {
                        accesses.Add(new Access(target, Memory.Bytes(source.Type, ref work.Known), true));
                    }
                    Loop(ref work, source.Type);
                }
                break;
        }
        return work;
    }

    private static void Loop(ref OpWork work, MlirType type)
    {
        if (type is not ShapedType { Shape: { } shape } s) return;
        work.Points += s.ElementCount ?? 0;
        work.LoopDepth = Math.Max(work.LoopDepth, shape.Count);
    }

    private static OpWork Computation(Operation op, OpWorkSpec spec, List<Access> accesses)
    {
        var work = new OpWork { Known = true };
        var domain = spec.Kind switch
        {
            WorkKind.Structured => IterationDomain.Structured(op, spec),
            WorkKind.Reduction => IterationDomain.Reduction(op, spec),
            _ => IterationDomain.Elementwise(op),
        };
        work.Known &= domain.Known;
        work.Points = domain.Points;
        work.ReductionPoints = domain.Points > 0 ? domain.ReductionPoints : 0;
        work.LoopDepth = domain.Loops;
        work.Locality = domain.Locality;

        var body = BodyWork.Of(op, spec);
        work.Known &= body.Known;
        work.Flops = domain.Points * body.Flops;
        work.Transcendentals = domain.Points * body.Transcendentals;
        work.Divisions = domain.Points * body.Divisions;
        work.ComputeType = body.ComputeType ?? ElementTypes.OfResults(op) ?? ElementTypes.Widest(op);

        ulong used = UsedEntryArguments(op, out bool argumentRule);
        for (int i = 0; i < op.Operands.Count; i++)
        {
            if (argumentRule && i < 64 && (used & (1UL << i)) == 0) continue;
            work.Known &= AddWhole(accesses, op.Operands[i], write: false);
        }
        if (op.Results.Count > 0)
        {
            for (int i = 0; i < op.Results.Count; i++) work.Known &= AddWhole(accesses, op.Results[i], write: true);
        }
        else
        {
            int outputs = OutputOperandCount(op);
            for (int i = op.Operands.Count - outputs; i < op.Operands.Count; i++) work.Known &= AddWhole(accesses, op.Operands[i], write: true);
        }
        return work;
    }

    /// <summary>Bit i set when the body uses entry block argument i; the rule applies when there is one argument per operand (at most 64).</summary>
    private static ulong UsedEntryArguments(Operation op, out bool applies)
    {
        applies = false;
        if (op.Regions.Count == 0 || op.Regions[0].Blocks.Count == 0) return 0;
        var entry = op.Regions[0].Blocks[0];
        if (entry.Arguments.Count != op.Operands.Count || entry.Arguments.Count > 64) return 0;
        applies = true;
        ulong used = 0;
        var stack = walkStack ??= new Stack<Operation>();
        stack.Clear();
        PushChildren(stack, op);
        while (stack.Count > 0)
        {
            var nested = stack.Pop();
            foreach (var v in nested.Operands)
            {
                if (v is BlockArgument a && ReferenceEquals(a.Owner, entry)) used |= 1UL << a.Index;
            }
            PushChildren(stack, nested);
        }
        return used;
    }

    internal static void PushChildren(Stack<Operation> stack, Operation op)
    {
        for (int r = op.Regions.Count - 1; r >= 0; r--)
        {
            var blocks = op.Regions[r].Blocks;
            for (int b = blocks.Count - 1; b >= 0; b--)
            {
                var ops = blocks[b].Operations;
                for (int i = ops.Count - 1; i >= 0; i--) stack.Push(ops[i]);
            }
        }
    }

    private static int OutputOperandCount(Operation op)
    {
        if (op.GetAttribute("operandSegmentSizes") is DenseArrayAttr { Elements.Count: > 0 } seg
            && int.TryParse(seg.Elements[^1], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int n))
        {
            return Math.Clamp(n, 0, op.Operands.Count);
        }
        return op.Operands.Count > 0 ? 1 : 0;
    }

    /// <summary>Adds a whole tensor/memref value; returns false when its size is not static.</summary>
    private static bool AddWhole(List<Access> accesses, Value v, bool write)
    {
        if (!Memory.IsMemory(v.Type)) return true;
        bool known = true;
        double bytes = Memory.Bytes(v.Type, ref known);
        accesses.Add(new Access(v, bytes, write));
        return known;
    }

    private static double Elements(MlirType type, ref bool known)
    {
        if (type is ShapedType s)
        {
            if (s.ElementCount is { } n) return n;
            known = false;
        }
        return 0;
    }
}
