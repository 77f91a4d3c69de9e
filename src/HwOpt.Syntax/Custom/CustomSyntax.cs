using System.Diagnostics.CodeAnalysis;
using HwOpt.IR;

namespace HwOpt.Syntax.Custom;

/// <summary>Reads one op in a known custom assembly format into an operation (throws FormatMismatch when it does not fit).</summary>
internal delegate Operation FormatReader(OpReader reader, OpEntry entry);

/// <summary>
/// Known custom syntax: the op table comes from <c>dialects/*.yaml</c> (op name -> format name and parameters),
/// the format readers from the <c>Formats*</c> classes. One reader serves every op declared with its format.
/// </summary>
internal static class CustomSyntax
{
    private static readonly Dictionary<string, FormatReader> Readers = new(StringComparer.Ordinal)
    {
        ["module"] = BuiltinFormats.Module,
        ["conversion-cast"] = BuiltinFormats.ConversionCast,
        ["function"] = FuncFormats.Function,
        ["return"] = FuncFormats.Return,
        ["call"] = FuncFormats.Call,
        ["function-constant"] = FuncFormats.Constant,
        ["call-indirect"] = FuncFormats.CallIndirect,
        ["affine-map-application"] = AffineFormats.MapApplication,
        ["affine-for"] = AffineFormats.For,
        ["affine-if"] = AffineFormats.If,
        ["affine-parallel"] = AffineFormats.Parallel,
        ["affine-access"] = AffineFormats.Access,
        ["same-type"] = ArithFormats.SameType,
        ["same-type-fastmath"] = ArithFormats.SameType,
        ["cast"] = ArithFormats.Cast,
        ["compare"] = ArithFormats.Compare,
        ["constant"] = ArithFormats.Constant,
        ["select"] = ArithFormats.Select,
        ["pow-integer"] = ArithFormats.PowI,
        ["extended-arith"] = ArithFormats.Extended,
    };

    /// <summary>Registers more format readers (used by format classes of other dialects).</summary>
    internal static void Register(string format, FormatReader reader) => Readers[format] = reader;

    /// <summary>The format reader of an op and the op's catalogue entry (to pass to the reader).</summary>
    public static bool TryGet(string opName, [NotNullWhen(true)] out FormatReader? reader, [NotNullWhen(true)] out OpEntry? entry)
    {
        reader = null;
        if (!DialectCatalog.Ops.TryGetValue(opName, out entry)) return false;
        EnsureRegistered();
        return Readers.TryGetValue(entry.Format, out reader);
    }

    /// <summary>The canonical name of an op spelled in an older form (<c>func</c> -> <c>func.func</c>).</summary>
    public static string CanonicalName(OpReader r, OpEntry entry) => entry.Name ?? r.Name;

    private static bool registered;

    private static void EnsureRegistered()
    {
        if (registered) return;
        lock (Readers)
        {
            if (registered) return;
            MoreFormats.RegisterAll();
            registered = true;
        }
    }
}

/// <summary>Hook where format classes of further dialects register their readers.</summary>
internal static partial class MoreFormats
{
    static partial void RegisterMore();

    public static void RegisterAll() => RegisterMore();
}
