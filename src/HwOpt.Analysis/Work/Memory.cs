using HwOpt.IR;

namespace HwOpt.Analysis.Work;

/// <summary>
/// Sizes of the values that count as memory traffic: tensors and memrefs (vectors live in registers, scalars are
/// not counted). A value's size is elements × ceil(element bits / 8): sub-byte elements (i1, i4) take one byte each,
/// as in MLIR's default data layout and <see cref="ShapedType.SizeInBytes"/>.
/// </summary>
internal static class Memory
{
    /// <summary>True for tensor and memref types.</summary>
    public static bool IsMemory(MlirType type) => type is TensorType or MemRefType;

    /// <summary>Size in bytes; 0 and <paramref name="known"/> cleared when the shape is dynamic or the element width unknown.</summary>
    public static double Bytes(MlirType type, ref bool known)
    {
        if (type is ShapedType s && s.SizeInBytes is { } n) return n;
        known = false;
        return 0;
    }

    /// <summary>Bytes of one element (ceil(bits / 8)); 0 and <paramref name="known"/> cleared when the width is unknown.</summary>
    public static double ElementBytes(MlirType type, ref bool known)
    {
        if (type is ShapedType { ElementType.BitWidth: { } bits }) return (bits + 7) / 8;
        known = false;
        return 0;
    }
}
