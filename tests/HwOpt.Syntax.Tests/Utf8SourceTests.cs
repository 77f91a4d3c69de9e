using System.Text;
using HwOpt.Diagnostics;
using HwOpt.Syntax.Lexing;
using Xunit;

namespace HwOpt.Syntax.Tests;

/// <summary>The source text held as UTF-8: byte offsets and columns, the keys looked up by bytes, the byte lexer.</summary>
public class Utf8SourceTests
{
    [Fact]
    public void OffsetsAndColumnsCountBytesAndTheCaretCountsCharacters()
    {
        // a é \n € x \n: 1 + 2 + 1 + 3 + 1 + 1 bytes.
        var source = new SourceText("t.mlir", "a\u00e9\n\u20acx\n");
        Assert.Equal(9, source.Length);
        Assert.False(source.IsAscii);
        Assert.Equal(7, source.OffsetOfChar(4));
        Assert.Equal((2, 4), source.GetLineColumn(7));
        Assert.Equal(1, source.GetCharColumn(7));
        Assert.Equal("\u20acx", source.GetLine(2));
        Assert.Equal("\u00e9", source.Slice(1, 2));

        var bag = new DiagnosticBag();
        bag.Report(DiagnosticIds.InvalidCharacter, new SourceSpan(source, 7, 1), "here");
        var text = DiagnosticFormatter.Format(bag.Items[0]);
        Assert.StartsWith("t.mlir:2:4: error: HW", text, StringComparison.Ordinal);
        Assert.EndsWith("\n\u20acx\n ^", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ASourceFromBytesKeepsThemAndDecodesOnDemand()
    {
        byte[] bytes = "%0 = \"t.op\"() {s = \"\u00e9\"} : () -> ()\n"u8.ToArray();
        var source = SourceText.FromUtf8("t.mlir", bytes);
        Assert.Same(bytes, source.Bytes());
        Assert.Equal(Encoding.UTF8.GetString(bytes), source.Text);
        Assert.Equal(2, source.LineCount);
    }

    [Fact]
    public void NonAsciiTextParsesAndPrintsAsBefore()
    {
        var source = new SourceText("t.mlir", "\"t.op\"() {s = \"\u00e9\u20ac\U0001F600\", n = \"a\\\\b\"} : () -> () loc(\"f\u00e9.py\":3:9)\n");
        var result = MlirParser.Parse(source);
        Assert.Empty(result.Diagnostics);
        var printed = HwOpt.IR.GenericPrinter.Print(result.Module!, new HwOpt.IR.PrintOptions(PrintLocations: true));
        // Printed as mlir-opt prints them: non-ASCII bytes escaped.
        Assert.Contains("s = \"\\C3\\A9\\E2\\82\\AC\\F0\\9F\\98\\80\"", printed, StringComparison.Ordinal);
        Assert.Contains("loc(\"f\\C3\\A9.py\":3:9)", printed, StringComparison.Ordinal);
        var op = result.Module!.Walk().Single(o => o.Name == "t.op");
        Assert.Equal("\u00e9\u20ac\U0001F600", Assert.IsType<HwOpt.IR.StringAttr>(op.GetAttribute("s")).Value);
    }

    [Fact]
    public void ANonAsciiCharacterOutsideAStringIsOneTokenAndOneDiagnostic()
    {
        var source = new SourceText("t.mlir", "\"t.op\"() : () -> ()\n  \u20ac\n");
        var result = MlirParser.Parse(source);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal((2, 3), (d.Span.Line, d.Span.Column));
        Assert.Contains("\u20ac", d.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> Keys() =>
        ["", "a", "%arg0", "%0#1", new string('k', 63), new string('k', 64), new string('k', 65), "\u00e9", "%\u540d\u524d", "x\U0001F600y",
         new string('\u00e9', 40)];

    [Theory]
    [MemberData(nameof(Keys))]
    public void KeysHashAndCompareAlikeAsStringsCharactersAndUtf8(string key)
    {
        var comparer = Utf8KeyComparer.Instance;
        var utf8 = Encoding.UTF8.GetBytes(key);
        Assert.Equal(comparer.GetHashCode(key), comparer.GetHashCode((ReadOnlySpan<byte>)utf8));
        Assert.Equal(comparer.GetHashCode(key), comparer.GetHashCode(key.AsSpan()));
        Assert.True(comparer.Equals((ReadOnlySpan<byte>)utf8, key));
        Assert.False(comparer.Equals((ReadOnlySpan<byte>)utf8, key + "x"));
        Assert.False(comparer.Equals((ReadOnlySpan<byte>)[.. utf8, (byte)'x'], key));
        Assert.Equal(key, comparer.Create((ReadOnlySpan<byte>)utf8));

        var table = new Dictionary<string, int>(comparer) { [key] = 1, [key + "!"] = 2 };
        Assert.True(table.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(utf8, out int found));
        Assert.Equal(1, found);
        Assert.True(table.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key.AsSpan(), out found));
        Assert.Equal(1, found);
    }

    [Fact]
    public void TheByteKeywordTableAgreesWithTheCharacterOne()
    {
        string[] words =
        [
            "f16", "bf16", "f32", "f64", "f80", "f128", "tf32", "f8E5M2", "f8E4M3", "f8E4M3FN", "f8E5M2FNUZ", "f8E4M3FNUZ",
            "f8E4M3B11FNUZ", "f8E3M4", "f8E8M0FNU", "f6E2M3FN", "f6E3M2FN", "f4E2M1FN", "index", "none", "tensor", "memref",
            "vector", "complex", "tuple", "true", "false", "unit", "dense", "dense_resource", "sparse", "array", "affine_map",
            "affine_set", "strided", "distinct", "loc", "unknown", "callsite", "fused", "at", "func", "return", "module", "call",
            "call_indirect", "assert", "br", "cond_br", "dealloc", "store", "max", "min", "attributes",
            // Not keywords: integer types, near misses, long runs.
            "i1", "i32", "si8", "ui16", "i", "si", "ui", "i32x", "f17", "at2", "Index", "tensors", "x", "ins", "outs",
            "i123456789012345678", "a_very_long_identifier_that_is_no_keyword", "dense_resource_",
        ];
        foreach (var w in words)
        {
            Assert.Equal(FastLexer.Keyword(w.AsSpan()), FastLexer.Keyword(Encoding.ASCII.GetBytes(w)));
        }
        Assert.Equal(Generated.MLIRLexer.INT_TYPE, FastLexer.Keyword("i123456789012345678"u8));
        Assert.Equal(Generated.MLIRLexer.FLOAT_TYPE, FastLexer.Keyword("f8E4M3B11FNUZ"u8));
    }
}
