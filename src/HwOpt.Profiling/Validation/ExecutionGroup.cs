using HwOpt.IR;

namespace HwOpt.Profiling.Validation;

/// <summary>One kernel to execute: ops of the entry function outlined together, computed in a format.</summary>
/// <param name="Ops">The ops (top-level ops of the entry function's body), in any order; they are outlined in program order.</param>
/// <param name="Format">Element type the kernel computes in (<c>f32</c>, <c>bf16</c>, <c>f16</c>, <c>i8</c>, ...), or null for the ops' own type.</param>
public sealed record ExecutionGroup(IReadOnlyList<Operation> Ops, string? Format = null);

/// <summary>How a kernel in a reduced format was executed.</summary>
public enum FormatExecution
{
    /// <summary>In the ops' own element type.</summary>
    Native,

    /// <summary>In the format itself: the kernel's element type rewritten, arguments cast to it and results cast back in the caller.</summary>
    Real,

    /// <summary>Emulated: the kernel computes in its own type; its float arguments are quantized and dequantized to the format first.</summary>
    Emulated,
}
