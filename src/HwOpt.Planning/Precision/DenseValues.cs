using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;
using HwOpt.IR;

namespace HwOpt.Planning.Precision;

/// <summary>
/// Reads the numbers of a weight constant: <c>dense&lt;...&gt;</c> (a splat, nested lists of literals, or a
/// <c>"0x..."</c> hex blob of little-endian elements) and <c>dense_resource&lt;handle&gt;</c> (the blob of that
/// handle in the file's <c>{-# dialect_resources #-}</c> section, after its 4-byte alignment prefix). Element types:
/// f64, f32, f16, bf16 and signless/signed integers of 8, 16, 32, 64 bits. Anything else gives null (the sensitivity
/// then falls back to the default proxy).
/// </summary>
internal static partial class DenseValues
{
    /// <summary>Largest tensor read (elements); larger ones fall back to the proxy.</summary>
    public const long MaxElements = 1L << 24;

    /// <summary>The values of a constant op's <c>value</c> attribute, or null when they cannot be read.</summary>
    /// <param name="constant">The op defining the weight.</param>
    /// <param name="metadata">The module's metadata sections (for <c>dense_resource</c>).</param>
    public static double[]? Read(Operation constant, IReadOnlyList<string> metadata)
    {
        if (constant.Results.Count != 1 || constant.Results[0].Type is not ShapedType { ElementCount: long count } shaped || count > MaxElements) return null;
        var attr = constant.GetAttribute("value");
        if (attr is not TextAttr text) return null;
        string elem = shaped.ElementType.ToString();
        return text.Kind switch
        {
            TextAttrKind.DenseElements => ReadDense(text.Text, elem, count),
            TextAttrKind.DenseResource => ReadResource(text.Text, elem, count, metadata),
            _ => null,
        };
    }

    /// <summary>Reads <c>dense&lt;body&gt;</c> text for <paramref name="count"/> elements of <paramref name="elementType"/>.</summary>
    public static double[]? ReadDense(string text, string elementType, long count)
    {
        if (!text.StartsWith("dense<", StringComparison.Ordinal) || !text.EndsWith('>')) return null;
        string body = text[6..^1].Trim();
        if (body.Length == 0) return count == 0 ? [] : null;
        if (body.StartsWith("\"0x", StringComparison.OrdinalIgnoreCase) && body.EndsWith('"'))
        {
            return FromBytes(Convert.FromHexString(body[3..^1]), elementType, count);
        }
        var values = new List<double>();
        foreach (Match m in Literal().Matches(body))
        {
            double? v = ParseLiteral(m.Value, elementType);
            if (v is null) return null;
            values.Add(v.Value);
        }
        if (values.Count == 1 && count != 1) return Enumerable.Repeat(values[0], (int)count).ToArray();
        return values.Count == count ? values.ToArray() : null;
    }

    private static double[]? ReadResource(string text, string elementType, long count, IReadOnlyList<string> metadata)
    {
        string handle = text["dense_resource<".Length..^1].Trim();
        foreach (string section in metadata)
        {
            var m = Regex.Match(section, Regex.Escape(handle) + "\\s*:\\s*\"0x([0-9A-Fa-f]*)\"");
            if (!m.Success) continue;
            byte[] bytes = Convert.FromHexString(m.Groups[1].Value);
            return bytes.Length < 4 ? null : FromBytes(bytes[4..], elementType, count);
        }
        return null;
    }

    private static double[]? FromBytes(byte[] bytes, string elementType, long count)
    {
        int size = ElementBytes(elementType);
        if (size == 0) return null;
        if (bytes.Length == size && count != 1) return Enumerable.Repeat(Element(bytes, 0, elementType), (int)count).ToArray();
        if (bytes.Length != size * count) return null;
        var result = new double[count];
        for (int i = 0; i < count; i++) result[i] = Element(bytes, i * size, elementType);
        return result;
    }

    private static int ElementBytes(string t) => t switch
    {
        "f64" or "i64" or "si64" => 8,
        "f32" or "i32" or "si32" => 4,
        "f16" or "bf16" or "i16" or "si16" => 2,
        "i8" or "si8" => 1,
        _ => 0,
    };

    private static double Element(byte[] b, int at, string t)
    {
        var s = b.AsSpan(at);
        return t switch
        {
            "f64" => BinaryPrimitives.ReadDoubleLittleEndian(s),
            "f32" => BinaryPrimitives.ReadSingleLittleEndian(s),
            "f16" => (double)BinaryPrimitives.ReadHalfLittleEndian(s),
            "bf16" => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(s) << 16),
            "i64" or "si64" => BinaryPrimitives.ReadInt64LittleEndian(s),
            "i32" or "si32" => BinaryPrimitives.ReadInt32LittleEndian(s),
            "i16" or "si16" => BinaryPrimitives.ReadInt16LittleEndian(s),
            _ => (sbyte)s[0],
        };
    }

    private static double? ParseLiteral(string literal, string elementType)
    {
        if (literal == "true") return 1;
        if (literal == "false") return 0;
        if (literal.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || literal.StartsWith("-0x", StringComparison.OrdinalIgnoreCase))
        {
            // Hexadecimal float literals are the bit pattern of the element type.
            bool negative = literal[0] == '-';
            ulong bits = ulong.Parse(literal[(negative ? 3 : 2)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            double v = elementType switch
            {
                "f64" => BitConverter.Int64BitsToDouble((long)bits),
                "f32" => BitConverter.Int32BitsToSingle((int)bits),
                "f16" => (double)BitConverter.UInt16BitsToHalf((ushort)bits),
                "bf16" => BitConverter.Int32BitsToSingle((int)(bits << 16)),
                _ => bits,
            };
            return negative ? -v : v;
        }
        return double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : null;
    }

    [GeneratedRegex(@"-?0x[0-9A-Fa-f]+|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|true|false|nan|inf")]
    private static partial Regex Literal();
}
