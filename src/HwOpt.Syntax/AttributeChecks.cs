using System.Globalization;
using Antlr4.Runtime;
using HwOpt.Diagnostics;
using HwOpt.IR;
using HwOpt.Syntax.Generated;
using static HwOpt.Syntax.Generated.MLIRParser;

namespace HwOpt.Syntax;

/// <summary>Checks of attribute bodies that MLIR's attribute parsers make (dense shapes, hex blobs, affine identifiers).</summary>
internal static class AttributeChecks
{
    /// <summary>
    /// A <c>dense&lt;...&gt;</c> body against its shaped type: a splat, a rectangular nested list whose shape equals the
    /// type's, or a hex blob <c>"0x..."</c> of valid digits. Non-rectangular lists and mismatches give HW1010.
    /// </summary>
    public static void CheckDense(IRBuilder b, DenseElementContext body, ShapedType type)
    {
        if (body.STRING() is { } blob)
        {
            string text = blob.GetText();
            if (text.StartsWith("\"0x", StringComparison.Ordinal) && !text[3..^1].All(char.IsAsciiHexDigit))
            {
                b.Diagnostics.Report(DiagnosticIds.InvalidAttribute, b.Span(blob.Symbol), "invalid hexadecimal data in dense attribute");
            }
            return;
        }
        if (body.LBRACKET() is null) return; // a splat value
        if (!type.HasStaticShape) return;
        var shape = new List<long>();
        var level = new List<DenseElementContext> { body };
        while (level.Count > 0 && level[0].LBRACKET() is not null)
        {
            long width = level[0].denseElement().Length;
            foreach (var e in level)
            {
                if (e.LBRACKET() is null || e.denseElement().Length != width)
                {
                    b.Diagnostics.Report(DiagnosticIds.InvalidAttribute, b.Span(e), "dense literal is not rectangular (sub-lists of different lengths)");
                    return;
                }
            }
            shape.Add(width);
            level = level.SelectMany(e => e.denseElement()).ToList();
        }
        if (level.Any(e => e.LBRACKET() is not null))
        {
            b.Diagnostics.Report(DiagnosticIds.InvalidAttribute, b.Span(body), "dense literal nests unevenly");
            return;
        }
        // A complex element `(re, im)` is one element.
        if (!shape.SequenceEqual(type.Shape!) && !(shape.Count == 1 && shape[0] == 0 && type.ElementCount == 0))
        {
            b.Diagnostics.Report(DiagnosticIds.InvalidAttribute, b.Span(body),
                $"dense literal of shape [{string.Join(", ", shape)}] does not match the type {type}");
        }
    }

    private static readonly HashSet<string> AffineKeywords = new(StringComparer.Ordinal) { "floordiv", "ceildiv", "mod", "symbol" };

    /// <summary>Every identifier in an affine map's results must be one of its dimensions or symbols.</summary>
    public static void CheckAffineIdentifiers(IRBuilder b, PrettyBodyContext body)
    {
        var items = body.prettyItem();
        int arrow = Array.FindIndex(items, i => i.Start.Type == MLIRLexer.ARROW);
        if (arrow < 0) return;
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var decl in items.Take(arrow)) Identifiers(decl, declared, null);
        foreach (var use in items.Skip(arrow + 1))
        {
            var unknown = new List<IToken>();
            Identifiers(use, null, unknown);
            foreach (var t in unknown.Where(t => !declared.Contains(t.Text) && !AffineKeywords.Contains(t.Text)))
            {
                b.Diagnostics.Report(DiagnosticIds.InvalidAttribute, b.Span(t), $"use of undeclared identifier '{t.Text}' in affine map");
                return;
            }
        }
    }

    private static void Identifiers(PrettyItemContext item, HashSet<string>? into, List<IToken>? tokens)
    {
        var stack = new Stack<PrettyItemContext>();
        stack.Push(item);
        while (stack.Count > 0)
        {
            var c = stack.Pop();
            if (c.prettyItem().Length == 0 && c.Start.Type == MLIRLexer.BARE_ID && c.ChildCount == 1)
            {
                into?.Add(c.Start.Text);
                tokens?.Add(c.Start);
            }
            foreach (var child in c.prettyItem()) stack.Push(child);
        }
    }
}
