namespace HwOpt.Profiling;

/// <summary>
/// Code-layout flags of every <c>llc</c> compile whose code is timed (the profiler's harnesses and the validation
/// builds), so that a kernel's machine code sits the same way in the instruction cache whatever was compiled before it.
/// </summary>
/// <remarks>
/// Without them, functions are aligned to 16 bytes and loops not at all, so where a kernel's hot loop fell relative
/// to 64-byte fetch blocks depended on the size of the kernels before it in the same harness. Measured on this
/// machine (AMD EPYC, LLVM 19, 2026-12-05): the same <c>linalg.generic</c> ReLU over <c>tensor&lt;1x256x56x56xf32&gt;</c>
/// took 437-458 us or 247-251 us depending on its batch, and re-profiling four models with the batches shifted
/// agreed within +-10 % for 82.5 % of the kernels; with these flags the ReLU took 248-251 us in every batch and
/// every <c>linalg.generic</c> of the four models agreed within +-10 %. 64 bytes is the fetch and op-cache line of
/// x86-64 cores (AMD Zen: 64-byte fetch windows; Intel: 64-byte lines, 32-byte DSB windows).
/// </remarks>
public static class CodeLayout
{
    /// <summary><c>llc</c> flags: every function on a 64-byte boundary (<c>2^6</c>), every loop header on 64 bytes.</summary>
    public static IReadOnlyList<string> LlcFlags { get; } = ["-align-all-functions=6", "-align-loops=64"];
}
