namespace HwOpt.Analysis.Work;

/// <summary>
/// How much arithmetic and memory traffic an op (or a fusion group of ops) does, derived from the dialect data in
/// <c>dialects/*.yaml</c> and the op's types by <see cref="WorkEstimator"/> (method and formulas there).
/// </summary>
/// <param name="Flops">
/// Floating-point (or integer) operations: iteration points × arithmetic scalar ops per iteration (a mul-add body is
/// 2 FLOPs; a transcendental op counts 1; casts, constants and yields count 0).
/// </param>
/// <param name="BytesRead">Bytes of tensor/memref data read: elements × ceil(element bits / 8) per value read, each value once.</param>
/// <param name="BytesWritten">Bytes of tensor/memref data written: elements × ceil(element bits / 8) per value written.</param>
/// <param name="IterationPoints">Points of the iteration domain (loop trip count product), summed over the ops of a group.</param>
/// <param name="ReductionPoints">
/// Product of the reduction loops' extents (the reduction length per output element, e.g. K of a matmul); 1 for an op that
/// loops without reducing; 0 for ops that do not loop (views, no-work ops, unknown ops). A group reports its largest.
/// </param>
/// <param name="ComputeType">
/// The element type the arithmetic runs in (<c>f32</c>, <c>bf16</c>, <c>i8</c>): the type the body's multiplies consume,
/// looking through widening casts (an i8 × i8 → i32 matmul reports <c>i8</c>, as MAC units run at the input width), else
/// the widest type used by the FLOP-counting scalar ops; for ops without arithmetic the element type
/// of the data they move; for a group, that of the op with the most FLOPs; empty when there is no element type.
/// </param>
/// <param name="Known">
/// True when every number is exact for the model: false for ops the catalogue has no work data for (FLOPs 0, bytes from
/// the types), dynamic dims (<c>?</c>: only what is static is counted), tolerant-mode (opaque) ops and unknown body ops.
/// </param>
public sealed record WorkEstimate(
    double Flops, double BytesRead, double BytesWritten, double IterationPoints, double ReductionPoints, string ComputeType, bool Known)
{
    /// <summary>An estimate of no work that is known exactly.</summary>
    public static WorkEstimate Zero { get; } = new(0, 0, 0, 0, 0, string.Empty, true);

    /// <summary>Bytes read plus bytes written.</summary>
    public double Bytes => BytesRead + BytesWritten;

    /// <summary>FLOPs per byte of traffic (0 when there is no traffic).</summary>
    public double ArithmeticIntensity => Bytes > 0 ? Flops / Bytes : 0;

    /// <summary>Transcendental scalar ops executed (exp, log, tanh, erf, sqrt, rsqrt, ...): iteration points × such ops per iteration. Included in <see cref="Flops"/>.</summary>
    public double Transcendentals { get; init; }

    /// <summary>Divisions and remainders executed: iteration points × such ops per iteration. Included in <see cref="Flops"/>.</summary>
    public double Divisions { get; init; }

    /// <summary>Depth of the deepest loop nest (number of loops of the op's iteration domain); the maximum over a group.</summary>
    public int LoopDepth { get; init; }

    /// <summary>Locality of the loop nest of the op with the most FLOPs (structured ops with static shapes), or null.</summary>
    public LoopLocality? Locality { get; init; }
}
