using HwOpt.IR;

namespace HwOpt.Syntax.Custom;

/// <summary>
/// MLIR's implicit terminators (SingleBlockImplicitTerminator): when the custom form of an op leaves out the
/// terminator of a region (<c>scf.for ... { ... }</c> without <c>scf.yield</c>), the parser appends one. As MLIR's
/// <c>ensureRegionTerminator</c> does, hwopt adds it unless the last op of the last block is a terminator (ops of
/// unknown dialects are not terminators there either).
/// </summary>
internal static class ImplicitTerminators
{
    /// <summary>Terminators of dialects whose yaml files do not list them (other dialects mark theirs with the trait).</summary>
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "func.return", "return", "scf.yield", "scf.condition", "scf.reduce", "scf.reduce.return", "scf.forall.in_parallel",
        "linalg.yield", "tensor.yield", "cf.br", "cf.cond_br", "cf.switch", "affine.yield", "gpu.terminator", "gpu.yield",
        "gpu.return", "llvm.return", "llvm.br", "llvm.cond_br", "llvm.switch", "llvm.unreachable", "vector.yield",
        "memref.alloca_scope.return", "tosa.yield", "shape.yield", "async.yield", "omp.terminator", "omp.yield",
        "sparse_tensor.yield", "bufferization.yield", "transform.yield", "builtin.unrealized_terminator", "acc.yield",
        "acc.terminator", "irdl.yield",
    };

    public static bool IsTerminator(Operation op) =>
        Known.Contains(op.Name) || (DialectCatalog.Ops.TryGetValue(op.Name, out var e) && e.Traits.Contains("terminator"));

    /// <summary>Appends <c>terminator</c> (no operands) to the last block of the region unless it ends with a terminator.</summary>
    public static void Ensure(Region region, string terminator)
    {
        if (region.Blocks.Count == 0) region.AddBlock(new Block());
        var block = region.Blocks[^1];
        if (block.Operations.Count > 0 && IsTerminator(block.Operations[^1])) return;
        var op = new Operation(terminator, []);
        // scf.forall.in_parallel is built with its own (empty) body block.
        if (terminator == "scf.forall.in_parallel") op.AddRegion(new Region()).AddBlock(new Block());
        block.Append(op);
    }
}
