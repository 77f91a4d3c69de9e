using System.Globalization;
using System.Text;

namespace HwOpt.IR;

/// <summary>
/// A shaped type: tensor, memref or vector. Shape dimensions are element counts; <see cref="Dynamic"/> marks <c>?</c>.
/// </summary>
public abstract class ShapedType(IReadOnlyList<long>? shape, MlirType elementType) : MlirType
{
    /// <summary>The value MLIR uses for a dynamic dimension (<c>ShapedType::kDynamic</c>, INT64_MIN).</summary>
    public const long Dynamic = long.MinValue;

    /// <summary>Dimensions (null for unranked types).</summary>
    public IReadOnlyList<long>? Shape { get; } = shape;

    /// <summary>Element type.</summary>
    public MlirType ElementType { get; } = elementType;

    /// <summary>True when every dimension is static.</summary>
    public bool HasStaticShape
    {
        get
        {
            if (Shape is null) return false;
            for (int i = 0; i < Shape.Count; i++)
            {
                if (Shape[i] == Dynamic) return false;
            }
            return true;
        }
    }

    /// <summary>Number of elements, or null when the shape is not static or overflows.</summary>
    public long? ElementCount
    {
        get
        {
            if (!HasStaticShape) return null;
            long n = 1;
            var shape = Shape!;
            for (int i = 0; i < shape.Count; i++)
            {
                try { n = checked(n * shape[i]); } catch (OverflowException) { return null; }
            }
            return n;
        }
    }

    /// <summary>
    /// Storage size in bytes: element count × ceil(element bits / 8) (sub-byte elements take one byte each, as in
    /// MLIR's default data layout); null when the shape is dynamic or the element width unknown.
    /// </summary>
    public long? SizeInBytes
    {
        get
        {
            if (ElementCount is not { } n || ElementType.BitWidth is not { } bits) return null;
            try { return checked(n * ((bits + 7) / 8)); } catch (OverflowException) { return null; }
        }
    }

    /// <summary>Writes <c>4x?x</c> (with <c>[n]</c> for scalable vector dims).</summary>
    protected void PrintDims(StringBuilder sb, IReadOnlyList<bool>? scalable = null)
    {
        if (Shape is null)
        {
            sb.Append("*x");
            return;
        }
        for (int i = 0; i < Shape.Count; i++)
        {
            bool sc = scalable is not null && scalable[i];
            if (sc) sb.Append('[');
            if (Shape[i] == Dynamic) sb.Append('?'); else sb.Append(Shape[i].ToString(CultureInfo.InvariantCulture));
            if (sc) sb.Append(']');
            sb.Append('x');
        }
    }
}

/// <summary><c>tensor&lt;4x?xf32, #encoding&gt;</c> or <c>tensor&lt;*xf32&gt;</c>.</summary>
public sealed class TensorType(IReadOnlyList<long>? shape, MlirType elementType, MlirAttribute? encoding) : ShapedType(shape, elementType)
{
    /// <summary>The encoding attribute of a ranked tensor, if any.</summary>
    public MlirAttribute? Encoding { get; } = encoding;

    /// <inheritdoc/>
    public override void Print(StringBuilder sb)
    {
        sb.Append("tensor<");
        PrintDims(sb);
        ElementType.Print(sb);
        if (Encoding is not null)
        {
            sb.Append(", ");
            Encoding.Print(sb);
        }
        sb.Append('>');
    }
}

/// <summary><c>memref&lt;4x?xf32, layout, memorySpace&gt;</c> or <c>memref&lt;*xf32, memorySpace&gt;</c>.</summary>
public sealed class MemRefType(IReadOnlyList<long>? shape, MlirType elementType, MlirAttribute? layout, MlirAttribute? memorySpace)
    : ShapedType(shape, elementType)
{
    /// <summary>Layout attribute (affine map or strided), if any.</summary>
    public MlirAttribute? Layout { get; } = layout;

    /// <summary>Memory space attribute, if any.</summary>
    public MlirAttribute? MemorySpace { get; } = memorySpace;

    /// <inheritdoc/>
    public override void Print(StringBuilder sb)
    {
        sb.Append("memref<");
        PrintDims(sb);
        ElementType.Print(sb);
        if (Layout is not null)
        {
            sb.Append(", ");
            Layout.Print(sb);
        }
        if (MemorySpace is not null)
        {
            sb.Append(", ");
            MemorySpace.Print(sb);
        }
        sb.Append('>');
    }
}

/// <summary><c>vector&lt;4x[8]xf16&gt;</c>; <see cref="Scalable"/> marks scalable dimensions.</summary>
public sealed class VectorType(IReadOnlyList<long> shape, IReadOnlyList<bool> scalable, MlirType elementType) : ShapedType(shape, elementType)
{
    /// <summary>Per dimension: true when scalable (<c>[n]</c>).</summary>
    public IReadOnlyList<bool> Scalable { get; } = scalable;

    /// <inheritdoc/>
    public override void Print(StringBuilder sb)
    {
        sb.Append("vector<");
        PrintDims(sb, Scalable);
        ElementType.Print(sb);
        sb.Append('>');
    }
}
