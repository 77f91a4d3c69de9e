using System.Globalization;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using HwOpt.Diagnostics;
using HwOpt.IR;
using HwOpt.Syntax.Lexing;
using static HwOpt.Syntax.Generated.MLIRParser;

namespace HwOpt.Syntax;

/// <summary>
/// The builtin shaped types (LangRef "Builtin Types": <c>tensor</c>, <c>memref</c>, <c>vector</c>): dimension lists,
/// element types, and a tensor's encoding or a memref's layout and memory space.
/// </summary>
internal sealed partial class IRBuilder
{
    /// <summary>
    /// A shaped type's body as the grammar gives it, the type's own (<c>tensor&lt;...&gt;</c>) or that of an element
    /// type whose keyword is glued to a dimension list's last <c>x</c> (<c>gluedBody</c>).
    /// </summary>
    /// <param name="Owner">The rule the body belongs to (diagnostics point at it).</param>
    /// <param name="Lead">The DIMS or UNRANKED_X token, if any.</param>
    /// <param name="Shape">The rest of the dimension list, where the DIMS token does not reach.</param>
    /// <param name="Type">The element type, unless the shape holds it or its keyword.</param>
    /// <param name="Glued">The body of an element type whose keyword ends the shape.</param>
    /// <param name="Attributes">The attributes after the element type (encoding; layout and memory space).</param>
    private readonly record struct ShapedBody(ParserRuleContext Owner, ITerminalNode? Lead, ShapeContext? Shape, TypeContext? Type,
        GluedBodyContext? Glued, AttributeValueContext[] Attributes)
    {
        /// <summary>Where a diagnostic about the element type points.</summary>
        public ParserRuleContext ElementAt => (ParserRuleContext?)Type ?? (ParserRuleContext?)Glued ?? (ParserRuleContext?)Shape ?? Owner;
    }

    private static ShapedBody Body(TensorTypeContext t) =>
        new(t, t.UNRANKED_X() ?? t.DIMS(), t.shape(), t.type(), t.gluedBody(), t.attributeValue() is { } e ? [e] : []);

    private static ShapedBody Body(MemrefTypeContext m) => new(m, m.UNRANKED_X() ?? m.DIMS(), m.shape(), m.type(), m.gluedBody(), m.attributeValue());

    private static ShapedBody Body(VectorTypeContext v) => new(v, v.DIMS(), v.shape(), v.type(), v.gluedBody(), []);

    private static ShapedBody Body(GluedBodyContext g) => new(g, g.UNRANKED_X() ?? g.DIMS(), g.shape(), g.type(), g.gluedBody(), g.attributeValue());

    private TensorType BuildTensor(ShapedBody b)
    {
        var (shape, _, element) = ShapeAndElement(b, vector: false);
        CheckElement(element, b.ElementAt, memref: false);
        // Only a glued body can hold more than one (the grammar gives a tensor at most one).
        if (b.Attributes.Length > 1) diagnostics.Report(DiagnosticIds.InvalidType, Span(b.Owner), "a tensor takes at most an encoding");
        var encoding = b.Attributes.Length > 0 ? BuildAttribute(b.Attributes[0]) : null;
        if (shape is null && encoding is not null)
        {
            diagnostics.Report(DiagnosticIds.InvalidType, Span(b.Attributes[0]), "an unranked tensor cannot have an encoding");
        }
        return Intern(new TensorType(shape, element, encoding));
    }

    private MemRefType BuildMemref(ShapedBody b)
    {
        var (shape, _, element) = ShapeAndElement(b, vector: false);
        CheckElement(element, b.ElementAt, memref: true);
        var attrs = b.Attributes.Select(BuildAttribute).ToArray();
        MlirAttribute? layout = null, space = null;
        if (shape is null)
        {
            if (attrs.Length > 1) diagnostics.Report(DiagnosticIds.InvalidType, Span(b.Owner), "an unranked memref takes only a memory space");
            space = attrs.FirstOrDefault();
        }
        else if (attrs.Length == 1)
        {
            if (attrs[0] is StridedLayoutAttr || attrs[0] is TextAttr { Kind: TextAttrKind.AffineMap }) layout = attrs[0];
            else space = attrs[0];
        }
        else if (attrs.Length >= 2)
        {
            layout = attrs[0];
            space = attrs[1];
            if (attrs.Length > 2) diagnostics.Report(DiagnosticIds.InvalidType, Span(b.Owner), "a memref takes at most a layout and a memory space");
        }
        return Intern(new MemRefType(shape, element, layout, space));
    }

    private VectorType BuildVector(ShapedBody b)
    {
        var (shape, scalable, element) = ShapeAndElement(b, vector: true);
        CheckVectorSizes(shape, Span(b.Owner.Start));
        if (element is not (IntegerType or FloatType or IndexType))
        {
            diagnostics.Report(DiagnosticIds.InvalidType, Span(b.ElementAt), $"vector elements must be integer, index or float, not {element}");
        }
        if (b.Attributes.Length > 0) diagnostics.Report(DiagnosticIds.InvalidType, Span(b.Attributes[0]), "a vector takes no attributes");
        return Intern(new VectorType(shape ?? [], scalable ?? [], element));
    }

    /// <summary>Reports a vector size that is dynamic or not positive (MLIR's vector type takes only static, positive sizes).</summary>
    private void CheckVectorSizes(long[]? shape, SourceSpan at)
    {
        if (shape is not null && shape.Any(d => d <= 0)) diagnostics.Report(DiagnosticIds.InvalidType, at, "vector dimensions must be static and positive");
    }

    private ComplexType ComplexOf(MlirType element, ParserRuleContext at)
    {
        if (element is not (IntegerType or FloatType))
        {
            diagnostics.Report(DiagnosticIds.InvalidType, Span(at), $"complex element type must be an integer or float type, not {element}");
        }
        return Intern(new ComplexType(element));
    }

    /// <summary>
    /// The dimensions and the element type of a shaped type's body: the DIMS (or <c>*x</c>) token and the element
    /// type as the grammar's common alternative reads them, or, with a <c>shape</c>, the joined pieces read as MLIR's
    /// <c>parseDimensionListRanked</c> reads them (see <see cref="ReadShape"/>), with an element type glued to the
    /// last <c>x</c>, alone (<c>xf32</c>) or with its body (<c>xcomplex&lt;f32&gt;</c>).
    /// </summary>
    /// <returns>Sizes (null: unranked), scalable flags, and the element type.</returns>
    private (long[]? Shape, bool[]? Scalable, MlirType Element) ShapeAndElement(ShapedBody b, bool vector)
    {
        // The common spelling: a type always follows.
        if (b.Shape is null)
        {
            var (dims, flags) = Dims(b.Lead?.Symbol, b.Lead?.Symbol.Type == Generated.MLIRLexer.UNRANKED_X, allowScalable: vector);
            return (dims, flags, BuildType(b.Type!));
        }
        var joined = new System.Text.StringBuilder();
        if (b.Lead is not null) joined.Append(b.Lead.GetText());
        foreach (var piece in b.Shape.children) joined.Append(piece.GetText());
        joined.Replace(" ", "").Replace("\t", "");
        var (shape, scalable, glued) = ReadShape(joined.ToString(), Span(b.Owner), vector);
        // After an error in the dimension list (reported), what follows it is not read as an element type.
        MlirType? element = null;
        if (b.Glued is not null)
        {
            if (glued == "") diagnostics.Report(DiagnosticIds.InvalidType, Span(b.Glued), "expected an element type keyword before '<'");
            else if (glued is not null) element = GluedWithBody(glued, b.Glued);
        }
        else if (b.Type is not null)
        {
            if (glued is { Length: > 0 }) diagnostics.Report(DiagnosticIds.InvalidType, Span(b.Type), $"unexpected type after the element type '{glued}'");
            element = BuildType(b.Type);
        }
        else if (glued == "")
        {
            diagnostics.Report(DiagnosticIds.InvalidType, Span(b.Shape), "expected an element type after the dimension list");
        }
        else if (glued is not null)
        {
            element = GluedElement(glued, Span(b.Shape));
        }
        return (shape, scalable, element ?? NoneType.Instance);
    }

    /// <summary>An element type whose keyword is glued to the last <c>x</c> and whose body follows (<c>xcomplex&lt;f32&gt;</c>).</summary>
    private MlirType GluedWithBody(string keyword, GluedBodyContext g)
    {
        var body = Body(g);
        switch (keyword)
        {
            case "tensor": return BuildTensor(body);
            case "memref": return BuildMemref(body);
            case "vector": return BuildVector(body);
            case "complex" when body is { Lead: null, Shape: null, Glued: null, Attributes.Length: 0, Type: { } inner }:
                return ComplexOf(BuildType(inner), inner);
            case "complex":
                diagnostics.Report(DiagnosticIds.InvalidType, Span(g), "a complex type holds one element type");
                return NoneType.Instance;
            default:
                diagnostics.Report(DiagnosticIds.InvalidType, Span(g), $"expected an element type, not '{keyword}<...>'");
                return NoneType.Instance;
        }
    }

    /// <summary>
    /// A tensor, memref or vector type of the commonest spelling, built from its tokens in [<paramref name="start"/>,
    /// <paramref name="stop"/>] as <see cref="BuildTensor"/>, <see cref="BuildMemref"/> and <see cref="BuildVector"/> build
    /// its subtree: the keyword, <c>&lt;</c>, a DIMS or <c>*x</c> token or none, a builtin integer, float or index type,
    /// <c>&gt;</c> (DirectTreeParser.PlainShapedAt takes no other). For the direct parser's plain ops, which take such a
    /// type before the builder has met its text.
    /// </summary>
    /// <exception cref="StreamingAbort">The element type is not a builtin scalar type.</exception>
    private MlirType BuildPlainShaped(int start, int stop)
    {
        var lexer = new FastLexer(source.Bytes(), start, stop + 1);
        lexer.Next(out int keyword, out _, out _);
        lexer.Next(out _, out _, out _);
        lexer.Next(out int token, out int tokenStart, out int tokenStop);
        long[]? shape = [];
        bool[]? scalable = [];
        if (token == Generated.MLIRLexer.UNRANKED_X) (shape, scalable) = (null, null);
        if (token == Generated.MLIRLexer.DIMS)
        {
            var dims = System.Text.Encoding.UTF8.GetString(BytesBetween(tokenStart, tokenStop));
            (shape, scalable) = Dims(dims, new SourceSpan(source, tokenStart, tokenStop - tokenStart + 1), allowScalable: keyword == Generated.MLIRLexer.VECTOR);
        }
        if (token is Generated.MLIRLexer.UNRANKED_X or Generated.MLIRLexer.DIMS) lexer.Next(out token, out tokenStart, out tokenStop);
        var element = PlainScalar(token, tokenStart, tokenStop);
        switch (keyword)
        {
            case Generated.MLIRLexer.TENSOR:
                return Intern(new TensorType(shape, element, null));
            case Generated.MLIRLexer.MEMREF:
                return Intern(new MemRefType(shape, element, null, null));
            default:
                CheckVectorSizes(shape, new SourceSpan(source, start, 1));
                return Intern(new VectorType(shape ?? [], scalable ?? [], element));
        }
    }

    /// <summary>
    /// Reads a dimension list without blanks, as MLIR's parser does after its lexer: dimensions (<c>4</c>, <c>?</c>,
    /// <c>[4]</c> in vectors, or one leading <c>*</c> outside vectors: unranked), each followed by <c>x</c>; what is
    /// left after the last <c>x</c> is an element type glued to it (<c>f32</c> of <c>*xf32</c>), or empty; null
    /// after a reported error.
    /// </summary>
    private (long[]? Shape, bool[] Scalable, string? Glued) ReadShape(string text, SourceSpan at, bool vector)
    {
        var shape = new List<long>();
        var scalable = new List<bool>();
        int p = 0;
        bool unranked = false;
        if (text.StartsWith('*'))
        {
            if (vector) diagnostics.Report(DiagnosticIds.InvalidType, at, "a vector cannot be unranked");
            unranked = true;
            p = 1;
            if (p >= text.Length || text[p] != 'x')
            {
                diagnostics.Report(DiagnosticIds.InvalidType, at, "expected 'x' after '*'");
                return (null, [], null);
            }
            p++;
        }
        while (!unranked && p < text.Length && (char.IsAsciiDigit(text[p]) || text[p] is '?' or '['))
        {
            bool isScalable = text[p] == '[';
            if (isScalable)
            {
                if (!vector) diagnostics.Report(DiagnosticIds.InvalidType, at, "scalable dimensions are only allowed in vector types");
                p++;
            }
            int start = p;
            if (!isScalable && text[p] == '?')
            {
                p++;
                shape.Add(ShapedType.Dynamic);
            }
            else
            {
                while (p < text.Length && char.IsAsciiDigit(text[p])) p++;
                if (!long.TryParse(text.AsSpan(start, p - start), NumberStyles.None, CultureInfo.InvariantCulture, out long size))
                {
                    diagnostics.Report(DiagnosticIds.LiteralOutOfRange, at, $"dimension '{text.Substring(start, p - start)}' is out of range");
                    size = 1;
                }
                shape.Add(size);
            }
            scalable.Add(isScalable);
            if (isScalable)
            {
                if (p >= text.Length || text[p] != ']')
                {
                    diagnostics.Report(DiagnosticIds.InvalidType, at, "expected ']' after a scalable dimension");
                    return (shape.ToArray(), scalable.ToArray(), null);
                }
                p++;
            }
            if (p >= text.Length || text[p] != 'x')
            {
                diagnostics.Report(DiagnosticIds.InvalidType, at, "expected 'x' in a dimension list");
                return (shape.ToArray(), scalable.ToArray(), null);
            }
            p++;
        }
        return (unranked ? null : shape.ToArray(), scalable.ToArray(), text.Substring(p));
    }

    /// <summary>An element type glued to the last <c>x</c> of a dimension list: a builtin integer, float or index keyword.</summary>
    private MlirType GluedElement(string text, SourceSpan at)
    {
        int keyword = FastLexer.Keyword(text);
        if (BuiltinScalar(keyword, text, at) is { } scalar) return scalar;
        if (keyword == Generated.MLIRLexer.NONE) return NoneType.Instance;
        diagnostics.Report(DiagnosticIds.InvalidType, at, $"expected an element type, not '{text}'");
        return NoneType.Instance;
    }

    /// <summary>
    /// The builtin integer, float or index type a keyword token of type <paramref name="keyword"/> names
    /// (<paramref name="text"/>: its spelling; an integer width out of range is reported at <paramref name="at"/>); null
    /// for any other token.
    /// </summary>
    private MlirType? BuiltinScalar(int keyword, string text, SourceSpan at) => keyword switch
    {
        Generated.MLIRLexer.INT_TYPE => IntegerKeyword(text, at),
        Generated.MLIRLexer.FLOAT_TYPE => Intern(new FloatType(text)),
        Generated.MLIRLexer.INDEX => IndexType.Instance,
        _ => null,
    };

    /// <summary>
    /// Reports an element type a shaped type cannot hold. A memref may hold memrefs, ranked or not (MLIR's builtin
    /// memref type implements MemRefElementTypeInterface: <c>memref&lt;4xmemref&lt;?xf32&gt;&gt;</c>); a tensor may not.
    /// </summary>
    private MlirType CheckElement(MlirType element, ParserRuleContext at, bool memref)
    {
        if (element is TensorType or FunctionType or TupleType || (element is MemRefType && !memref))
        {
            diagnostics.Report(DiagnosticIds.InvalidType, Span(at), $"invalid element type {element}");
        }
        return element;
    }

    /// <summary>Splits a DIMS token (<c>4x?x[8]x</c>, or spaced: <c>4 x ? x </c>) into sizes and scalable flags.</summary>
    private (long[]? Shape, bool[]? Scalable) Dims(IToken? token, bool unranked, bool allowScalable)
    {
        if (unranked) return (null, null);
        if (token is null) return ([], []);
        return Dims(token.Text, Span(token), allowScalable);
    }

    /// <summary>As <see cref="Dims(IToken?, bool, bool)"/>, for a DIMS token's text, with diagnostics at <paramref name="at"/>.</summary>
    private (long[] Shape, bool[] Scalable) Dims(string text, SourceSpan at, bool allowScalable)
    {
        int n = 0;
        foreach (char c in text) if (c == 'x') n++;
        var shape = new long[n];
        var scalable = new bool[n];
        int start = 0;
        for (int i = 0; i < n; i++)
        {
            int end = text.IndexOf('x', start);
            var p = text.AsSpan(start, end - start).Trim(" \t");
            start = end + 1;
            if (p is "?") { shape[i] = ShapedType.Dynamic; continue; }
            if (p.StartsWith('['))
            {
                if (!allowScalable) diagnostics.Report(DiagnosticIds.InvalidType, at, "scalable dimensions are only allowed in vector types");
                scalable[i] = true;
                p = p.Trim('[').Trim(']');
            }
            if (!long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]))
            {
                diagnostics.Report(DiagnosticIds.LiteralOutOfRange, at, $"dimension '{p}' is out of range");
                shape[i] = 1;
            }
        }
        return (shape, scalable);
    }
}
