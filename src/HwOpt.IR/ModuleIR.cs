namespace HwOpt.IR;

/// <summary>
/// A parsed file: its top-level <c>builtin.module</c> (implicit when the file has several top-level ops, as in
/// MLIR) and the file metadata sections that must travel with it (<c>{-# dialect_resources ... #-}</c>).
/// </summary>
/// <param name="Root">The top-level module operation.</param>
/// <param name="MetadataText">Canonical text of the file metadata sections, in order.</param>
public sealed record ModuleIR(Operation Root, IReadOnlyList<string> MetadataText)
{
    /// <summary>Every op, pre-order, including the root.</summary>
    public IEnumerable<Operation> Walk() => Root.Walk();
}
