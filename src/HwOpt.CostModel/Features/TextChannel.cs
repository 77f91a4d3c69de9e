using System.Globalization;
using HwOpt.IR;

namespace HwOpt.CostModel.Features;

/// <summary>
/// The text channel: the ops read as a normalized token stream, in the order MLIR's generic form writes them
/// (<c>"name"(operands) &lt;{properties}&gt; ({regions}) {attributes} : (operand types) -&gt; result types</c>), made by
/// walking the IR rather than by printing and lexing it (same tokens, no text built), after Das and Mannarswamy 2023,
/// "ML-driven Hardware Cost Model for MLIR". Left out, so that renaming and moving code changes nothing: SSA names,
/// block labels, locations, symbol names. Normalized: integers and floats become signed log2 buckets, each shape dim
/// a log2 bucket (with the rank as a token), long dense payloads one placeholder. Kept as text: op and dialect names,
/// attribute keys, enums, affine maps, element types. Ops in regions are walked inside their parent's region tokens.
/// </summary>
internal static class TextChannel
{
    /// <summary>Region nesting beyond which ops are summarized by one token (kernel bodies nest 1-2 deep).</summary>
    private const int MaxDepth = 32;

    /// <summary>Longest attribute text hashed as is; longer payloads (dense constants) become a placeholder.</summary>
    private const int MaxAttributeText = 64;

    public static void Emit(IReadOnlyList<Operation> ops, TokenHasher sink)
    {
        for (int i = 0; i < ops.Count; i++) EmitOp(ops[i], sink, 0);
    }

    private static void EmitOp(Operation op, TokenHasher sink, int depth)
    {
        sink.Add(TokenKind.OpName, op.Name);
        int dot = op.Name.IndexOf('.');
        sink.Add(TokenKind.Dialect, op.Name, dot > 0 ? dot : 0);
        if (op.IsOpaque) sink.Add(TokenKind.Opaque);
        sink.Add(TokenKind.OperandCount, op.Operands.Count);
        sink.Add(TokenKind.ResultCount, op.Results.Count);
        if (op.Properties is DictionaryAttr props && props.Count > 0)
        {
            sink.Add(TokenKind.PropertiesOpen);
            EmitEntries(props, sink, 0);
            sink.Add(TokenKind.PropertiesClose);
        }
        // HasRegions first: reading Regions of an op without any would create its (empty) list.
        if (op.HasRegions) EmitRegions(op, sink, depth);
        if (op.Attributes.Count > 0)
        {
            sink.Add(TokenKind.AttributesOpen);
            EmitEntries(op.Attributes, sink, 0);
            sink.Add(TokenKind.AttributesClose);
        }
        sink.Add(TokenKind.Colon);
        var operands = op.Operands;
        for (int i = 0; i < operands.Count; i++) EmitType(operands[i].Type, sink);
        sink.Add(TokenKind.Arrow);
        var results = op.Results;
        for (int i = 0; i < results.Count; i++) EmitType(results[i].Type, sink);
    }

    private static void EmitRegions(Operation op, TokenHasher sink, int depth)
    {
        foreach (var region in op.Regions)
        {
            sink.Add(TokenKind.RegionOpen);
            if (depth >= MaxDepth)
            {
                sink.Add(TokenKind.TooDeep);
            }
            else
            {
                foreach (var block in region.Blocks)
                {
                    sink.Add(TokenKind.Block);
                    foreach (var arg in block.Arguments) EmitType(arg.Type, sink);
                    foreach (var nested in block.Operations) EmitOp(nested, sink, depth + 1);
                }
            }
            sink.Add(TokenKind.RegionClose);
        }
    }

    private static void EmitEntries(DictionaryAttr dict, TokenHasher sink, int depth)
    {
        var entries = dict.Entries;
        for (int i = 0; i < entries.Count; i++)
        {
            sink.Add(TokenKind.AttributeKey, entries[i].Name);
            EmitAttribute(entries[i].Value, sink, depth);
        }
    }

    private static void EmitAttribute(MlirAttribute attr, TokenHasher sink, int depth)
    {
        if (depth >= MaxDepth)
        {
            sink.Add(TokenKind.TooDeep);
            return;
        }
        switch (attr)
        {
            case IntegerAttr i:
                sink.Add(TokenKind.Integer, Log2Bucket(i.Value));
                if (i.Type is not null) EmitType(i.Type, sink);
                break;
            case FloatAttr f:
                sink.Add(TokenKind.Float, FloatBucket(f.Value));
                if (f.Type is not null) EmitType(f.Type, sink);
                break;
            case BoolAttr b:
                sink.Add(TokenKind.Word, b.Value ? "true" : "false");
                break;
            case UnitAttr:
                sink.Add(TokenKind.Word, "unit");
                break;
            case StringAttr s:
                sink.Add(TokenKind.String, s.Bytes.Length <= MaxAttributeText ? s.Bytes : "long-string"u8);
                break;
            case ArrayAttr a:
                sink.Add(TokenKind.ArrayOpen);
                for (int i = 0; i < a.Elements.Count; i++) EmitAttribute(a.Elements[i], sink, depth + 1);
                sink.Add(TokenKind.ArrayClose);
                break;
            case DictionaryAttr d:
                sink.Add(TokenKind.DictionaryOpen);
                EmitEntries(d, sink, depth + 1);
                sink.Add(TokenKind.DictionaryClose);
                break;
            case DenseArrayAttr da:
                sink.Add(TokenKind.DenseArray);
                EmitType(da.ElementType, sink);
                for (int i = 0; i < da.Elements.Count; i++)
                {
                    string e = da.Elements[i];
                    if (long.TryParse(e, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v)) sink.Add(TokenKind.Integer, Log2Bucket(v));
                    else sink.Add(TokenKind.Float, double.TryParse(e, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) ? FloatBucket(x) : 0);
                }
                break;
            case TextAttr t:
                sink.Add(TokenKind.AttributeText, t.Text.Length <= MaxAttributeText ? t.Text : Placeholder(t.Kind));
                if (t.Type is not null) EmitType(t.Type, sink);
                break;
            case TypeAttr ta:
                EmitType(ta.Value, sink);
                break;
            case SymbolRefAttr:
                sink.Add(TokenKind.Word, "symbol-ref");
                break;
            case StridedLayoutAttr:
                sink.Add(TokenKind.Word, "strided");
                break;
            default:
                sink.Add(TokenKind.Word, "attribute");
                break;
        }
    }

    private static string Placeholder(TextAttrKind kind) => kind switch
    {
        TextAttrKind.DenseElements => "dense<...>",
        TextAttrKind.DenseResource => "dense_resource<...>",
        TextAttrKind.SparseElements => "sparse<...>",
        TextAttrKind.AffineMap => "affine_map<...>",
        TextAttrKind.AffineSet => "affine_set<...>",
        TextAttrKind.Dialect => "#dialect<...>",
        _ => "distinct<...>",
    };

    /// <summary>Shaped types: kind, rank, one log2 bucket per dim, element type; scalars by their keyword.</summary>
    public static void EmitType(MlirType type, TokenHasher sink)
    {
        switch (type)
        {
            case ShapedType s:
                sink.Add(TokenKind.ShapedKind, s switch { TensorType => "tensor", MemRefType => "memref", _ => "vector" });
                if (s.Shape is null)
                {
                    sink.Add(TokenKind.Unranked);
                }
                else
                {
                    sink.Add(TokenKind.Rank, s.Shape.Count);
                    for (int i = 0; i < s.Shape.Count; i++)
                    {
                        long d = s.Shape[i];
                        if (d == ShapedType.Dynamic) sink.Add(TokenKind.DynamicDim);
                        else sink.Add(TokenKind.Dim, Log2Bucket(d));
                    }
                }
                EmitScalar(s.ElementType, sink);
                if (s is MemRefType { Layout: not null }) sink.Add(TokenKind.Layout);
                if (s is MemRefType { MemorySpace: not null }) sink.Add(TokenKind.MemorySpace);
                break;
            default:
                EmitScalar(type, sink);
                break;
        }
    }

    private static void EmitScalar(MlirType type, TokenHasher sink)
    {
        switch (type)
        {
            case FloatType f:
                sink.Add(TokenKind.ElementType, f.Name);
                break;
            case IntegerType i:
                sink.Add(TokenKind.IntegerType, i.Width * 4L + (int)i.Signedness);
                break;
            case IndexType:
                sink.Add(TokenKind.ElementType, "index");
                break;
            default:
                sink.Add(TokenKind.Type, type.ToString().AsSpan()); // a new string each time: not worth caching
                break;
        }
    }

    /// <summary>0 for 0; else sign × (floor(log2 |v|) + 1): 1 → 1, 2..3 → 2, 4..7 → 3, -1 → -1.</summary>
    public static long Log2Bucket(long v)
    {
        if (v == 0) return 0;
        if (v == long.MinValue) return -64;
        long a = Math.Abs(v);
        long b = 64 - long.LeadingZeroCount(a);
        return v < 0 ? -b : b;
    }

    private static long Log2Bucket(System.Numerics.BigInteger v)
    {
        if (v.IsZero) return 0;
        long b = (long)System.Numerics.BigInteger.Abs(v).GetBitLength();
        return v.Sign < 0 ? -b : b;
    }

    /// <summary>0 for 0; NaN and infinities their own buckets; else sign × (floor(log2 |v|) + 1000), clamped to ±1100.</summary>
    private static long FloatBucket(double v)
    {
        if (v == 0) return 0;
        if (double.IsNaN(v)) return 2000;
        if (double.IsInfinity(v)) return v > 0 ? 2001 : -2001;
        long b = 1000 + Math.Clamp((long)Math.Floor(Math.Log2(Math.Abs(v))), -100, 100);
        return v < 0 ? -b : b;
    }
}
