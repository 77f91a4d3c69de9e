using HwOpt.IR;

namespace HwOpt.Analysis.Work;

/// <summary>
/// Work estimates (FLOPs, bytes, iteration points) of ops and fusion groups, from dialect data: each op's
/// <c>work</c> entry in <c>dialects/*.yaml</c> (field reference in <c>dialects/README.md</c>) says how its iteration
/// domain is derived: indexing maps for structured ops (named linalg ops' maps are copied from MLIR's Linalg OpDSL,
/// <c>core_named_ops.py</c>; <c>linalg.generic</c> carries its own), the result shape for elementwise ops, the first
/// operand for reductions, the elements moved for data movement. FLOPs = iteration points × FLOPs of one iteration
/// (the region's scalar ops: <c>arith.mulf</c> + <c>arith.addf</c> = 2; transcendental ops 1 each; casts, constants,
/// yields 0). Bytes = elements × ceil(element bits / 8) of each tensor/memref read and written (vectors and scalars
/// are not traffic). Code asks the data; it never compares op names.
/// <para>
/// Algorithm of a group: every op is estimated alone; FLOPs, transcendentals, divisions and iteration points are
/// summed; bytes count only values crossing the group boundary: an operand defined outside the group is read once
/// (the largest read of it), a result is written when an op outside the group uses it (for a kernel body, the
/// <c>func.return</c>), and when no result escapes, the last op's results are written. Values produced and consumed
/// inside the group cost no memory traffic. Known only when every op is known.
/// </para>
/// </summary>
public static class WorkEstimator
{
    private const int LinearMembershipLimit = 32;

    [ThreadStatic] private static Scratch? scratch;

    /// <summary>The work of one op: all its tensor/memref operands it reads (once each) and all its tensor/memref results.</summary>
    /// <param name="op">The op (its nested region ops are part of it).</param>
    /// <returns>The estimate; <see cref="WorkEstimate.Known"/> false for ops without work data or with dynamic shapes.</returns>
    public static WorkEstimate Estimate(Operation op) => Run([op], allResultsEscape: true);

    /// <summary>The work of a fusion group or a kernel body (see the class summary for the byte accounting).</summary>
    /// <param name="ops">Ops of one block in program order (nested ops are reached through their parent).</param>
    /// <returns>The estimate; <see cref="WorkEstimate.Zero"/> for an empty list.</returns>
    public static WorkEstimate EstimateGroup(IReadOnlyList<Operation> ops) => ops.Count == 0 ? WorkEstimate.Zero : Run(ops, allResultsEscape: false);

    private static WorkEstimate Run(IReadOnlyList<Operation> ops, bool allResultsEscape)
    {
        var s = scratch ??= new Scratch();
        s.Reset(ops);
        double flops = 0, points = 0, reductionPoints = 0, transcendentals = 0, divisions = 0;
        double mostFlops = -1;
        int loopDepth = 0;
        bool known = true;
        MlirType? computeType = null, firstType = null;
        LoopLocality? locality = null;
        double localityFlops = -1;

        for (int i = 0; i < ops.Count; i++)
        {
            int start = s.Accesses.Count;
            var w = OpWorkAnalyzer.Analyze(ops[i], s.Accesses);
            flops += w.Flops;
            points += w.Points;
            transcendentals += w.Transcendentals;
            divisions += w.Divisions;
            reductionPoints = Math.Max(reductionPoints, w.ReductionPoints);
            loopDepth = Math.Max(loopDepth, w.LoopDepth);
            known &= w.Known;
            firstType ??= w.ComputeType;
            if (w.Locality is not null && w.Flops > localityFlops)
            {
                localityFlops = w.Flops;
                locality = w.Locality;
            }
            if (w.Flops > mostFlops && w.ComputeType is not null && w.Flops > 0)
            {
                mostFlops = w.Flops;
                computeType = w.ComputeType;
            }
            for (int k = start; k < s.Accesses.Count; k++) s.AccessOwner.Add(i);
        }

        if (!allResultsEscape) s.FindEscapingResults(ops);
        double read = 0, written = 0;
        bool anyResultWritten = false;
        for (int k = 0; k < s.Accesses.Count; k++)
        {
            var a = s.Accesses[k];
            if (!a.Write)
            {
                if (!s.DefinedInside(a.Value)) s.Reads.Max(a.Value, a.Bytes);
                continue;
            }
            bool isResult = a.Value is OpResult r && s.IsMember(r.Owner);
            if (!isResult || allResultsEscape || s.Escaping.Contains(a.Value))
            {
                s.Writes.Max(a.Value, a.Bytes);
                anyResultWritten |= isResult;
            }
        }
        if (!anyResultWritten)
        {
            // No result is used outside the group: its last op's results are what it produces.
            int last = ops.Count - 1;
            for (int k = 0; k < s.Accesses.Count; k++)
            {
                var a = s.Accesses[k];
                if (a.Write && s.AccessOwner[k] == last && a.Value is OpResult) s.Writes.Max(a.Value, a.Bytes);
            }
        }
        read = s.Reads.Sum();
        written = s.Writes.Sum();
        var type = computeType ?? firstType;
        return new WorkEstimate(flops, read, written, points, reductionPoints, type?.ToString() ?? string.Empty, known)
        {
            Transcendentals = transcendentals,
            Divisions = divisions,
            LoopDepth = loopDepth,
            Locality = locality,
        };
    }

    /// <summary>Reused buffers of one thread: the estimator allocates only its result on the hot path.</summary>
    private sealed class Scratch
    {
        private readonly HashSet<Operation> memberSet = new(ReferenceEqualityComparer.Instance);
        private IReadOnlyList<Operation> members = Array.Empty<Operation>();

        public List<Access> Accesses { get; } = new();
        public List<int> AccessOwner { get; } = new();
        public List<Value> Escaping { get; } = new();
        public ValueBytes Reads { get; } = new();
        public ValueBytes Writes { get; } = new();

        public void Reset(IReadOnlyList<Operation> ops)
        {
            Accesses.Clear();
            AccessOwner.Clear();
            Escaping.Clear();
            Reads.Clear();
            Writes.Clear();
            members = ops;
            memberSet.Clear();
            if (ops.Count > LinearMembershipLimit)
            {
                foreach (var op in ops) memberSet.Add(op);
            }
        }

        public bool IsMember(Operation op)
        {
            if (members.Count > LinearMembershipLimit) return memberSet.Contains(op);
            for (int i = 0; i < members.Count; i++)
            {
                if (ReferenceEquals(members[i], op)) return true;
            }
            return false;
        }

        public bool DefinedInside(Value v) => v switch
        {
            OpResult r => IsMember(r.Owner),
            BlockArgument a => a.Owner.Parent?.Parent is { } owner && IsMember(owner),
            _ => false,
        };

        /// <summary>Results of member ops used by an op of the same block outside the group (or nested in one).</summary>
        public void FindEscapingResults(IReadOnlyList<Operation> ops) => GroupBoundary.EscapingResults(ops, Escaping);
    }

    /// <summary>Bytes per distinct value (the largest access of each), in a small list: groups touch few values.</summary>
    private sealed class ValueBytes
    {
        private readonly List<Value> values = new();
        private readonly List<double> bytes = new();

        public void Clear()
        {
            values.Clear();
            bytes.Clear();
        }

        public void Max(Value v, double b)
        {
            for (int i = 0; i < values.Count; i++)
            {
                if (ReferenceEquals(values[i], v))
                {
                    if (b > bytes[i]) bytes[i] = b;
                    return;
                }
            }
            values.Add(v);
            bytes.Add(b);
        }

        public double Sum()
        {
            double sum = 0;
            foreach (double b in bytes) sum += b;
            return sum;
        }
    }
}
