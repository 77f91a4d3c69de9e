using System.Globalization;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using HwOpt.Diagnostics;
using HwOpt.IR;
using HwOpt.Syntax.Lexing;
using static HwOpt.Syntax.Generated.MLIRParser;
using static HwOpt.Syntax.ParseTreeAccess;

namespace HwOpt.Syntax;

internal sealed partial class IRBuilder
{
    internal MlirType BuildType(TypeContext ctx) =>
        ctx.GetChild(0) is FunctionTypeContext f ? BuildFunctionType(f) : BuildNonFunctionType(Rule<NonFunctionTypeContext>(ctx)!);

    internal IReadOnlyList<MlirType> BuildTypeList(TypeListContext? ctx)
    {
        if (ctx is null) return [];
        // The children are the types and the commas between them (no array of the types first: a list per op).
        var children = ParseTreeAccess.Span(ctx);
        var result = new MlirType[(children.Length + 1) / 2];
        int n = 0;
        foreach (var child in children)
        {
            if (child is TypeContext type) result[n++] = BuildType(type);
        }
        return n == result.Length ? result : result[..n];
    }

    internal FunctionType BuildFunctionType(FunctionTypeContext ctx)
    {
        // Cached by source text like the other types (every generic op spells its function type).
        if (!CacheKey(typesByText is not null, ctx, out var text)) return BuildFunctionTypeUncached(ctx);
        if (typesByTextLookup.TryGetValue(text, out var known) && known is FunctionType same) return same;
        if (ctx is ISkippedSubtree) throw new StreamingAbort("a skipped function type the builder has not built");
        var built = BuildFunctionTypeUncached(ctx);
        Remember(text, built);
        return built;
    }

    private FunctionType BuildFunctionTypeUncached(FunctionTypeContext ctx)
    {
        var inputs = BuildTypeList(ctx.typeList());
        var r = ctx.functionResults();
        IReadOnlyList<MlirType> results = r.nonFunctionType() is { } single ? [BuildNonFunctionType(single)] : BuildTypeList(r.typeList());
        return Intern(new FunctionType(inputs, results));
    }

    private T Intern<T>(T type) where T : MlirType
    {
        string key = type.ToString();
        if (typeCache.TryGetValue(key, out var existing) && existing is T t) return t;
        typeCache[key] = type;
        return type;
    }

    /// <summary>Types already built, by their exact source text (streaming path only, see <see cref="CacheBySourceText"/>).</summary>
    private Dictionary<string, MlirType>? typesByText;
    private Dictionary<string, MlirType>.AlternateLookup<ReadOnlySpan<char>> typesByTextLookup;

    /// <summary>
    /// Builds each distinct type or attribute text once: the same text gives the same immutable object, since aliases
    /// do not change during a file (types are interned anyway; attributes become shared). Only for the streaming path,
    /// which gives up on any diagnostic: a repeated invalid type or attribute is then never left unreported.
    /// </summary>
    public void CacheBySourceText()
    {
        typesByText = new Dictionary<string, MlirType>(StringComparer.Ordinal);
        typesByTextLookup = typesByText.GetAlternateLookup<ReadOnlySpan<char>>();
        attributesByText = new Dictionary<string, MlirAttribute>(StringComparer.Ordinal);
        attributesByTextLookup = attributesByText.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Attributes already built, by their exact source text (streaming path only, as for types).</summary>
    private Dictionary<string, MlirAttribute>? attributesByText;
    private Dictionary<string, MlirAttribute>.AlternateLookup<ReadOnlySpan<char>> attributesByTextLookup;

    /// <summary>The source text of a rule context when caching by text is on (attributes and types are immutable).</summary>
    private bool CacheKey(bool enabled, Antlr4.Runtime.ParserRuleContext ctx, out ReadOnlySpan<char> text)
    {
        text = default;
        if (!enabled || ctx.Stop is null || ctx.Stop.StopIndex < ctx.Start.StartIndex) return false;
        text = source.Text.AsSpan(ctx.Start.StartIndex, ctx.Stop.StopIndex - ctx.Start.StartIndex + 1);
        return true;
    }

    internal MlirType BuildNonFunctionType(NonFunctionTypeContext ctx)
    {
        if (!CacheKey(typesByText is not null, ctx, out var text)) return BuildNonFunctionTypeUncached(ctx);
        if (typesByTextLookup.TryGetValue(text, out var known)) return known;
        if (ctx is ISkippedSubtree) throw new StreamingAbort("a skipped type the builder has not built");
        var built = BuildNonFunctionTypeUncached(ctx);
        Remember(text, built);
        return built;
    }

    /// <summary>
    /// The type texts built so far, for the direct parser (streaming path): a later type spelled the same is not read
    /// into a subtree (see <see cref="ISkippedSubtree"/>), since this builder would take it from <c>typesByText</c>.
    /// </summary>
    internal KnownTexts KnownTexts { get; } = new();

    private void Remember(ReadOnlySpan<char> text, MlirType built)
    {
        string key = text.ToString();
        typesByText![key] = built;
        // Only the kinds the parser skips (shaped and function types), and only once built without a diagnostic.
        if (!diagnostics.HasErrors && key.Length > 0 && key[0] is 't' or 'm' or 'v' or '(') KnownTexts.Add(key);
    }

    internal MlirAttribute BuildAttribute(AttributeValueContext ctx)
    {
        if (!CacheKey(attributesByText is not null, ctx, out var text)) return BuildAttributeUncached(ctx);
        if (attributesByTextLookup.TryGetValue(text, out var known)) return known;
        var built = BuildAttributeUncached(ctx);
        attributesByText![text.ToString()] = built;
        return built;
    }

    private MlirType BuildNonFunctionTypeUncached(NonFunctionTypeContext ctx)
    {
        switch (ctx)
        {
            case IntegerTypeContext i:
                return IntegerKeyword(i.GetText(), Span(i.Start));
            case FloatTypeContext f:
                return Intern(new FloatType(f.GetText()));
            case IndexTypeContext:
                return IndexType.Instance;
            case NoneTypeContext:
                return NoneType.Instance;
            case ComplexTypeContext c:
            {
                var element = BuildType(c.type());
                if (element is not (IntegerType or FloatType))
                {
                    diagnostics.Report(DiagnosticIds.InvalidType, Span(c.type()), $"complex element type must be an integer or float type, not {element}");
                }
                return Intern(new ComplexType(element));
            }
            case TupleTypeContext t:
                return Intern(new TupleType(BuildTypeList(t.typeList())));
            case TensorTypeContext t:
            {
                var (shape, _, element) = ShapeAndElement(t, t.UNRANKED_X() ?? t.DIMS(), t.shape(), t.type(), vector: false);
                CheckElement(element, (ParserRuleContext?)t.type() ?? t.shape(), memref: false);
                var encoding = t.attributeValue() is { } e ? BuildAttribute(e) : null;
                if (shape is null && encoding is not null)
                {
                    diagnostics.Report(DiagnosticIds.InvalidType, Span(t.attributeValue()), "an unranked tensor cannot have an encoding");
                }
                return Intern(new TensorType(shape, element, encoding));
            }
            case MemrefTypeContext m:
            {
                var (shape, _, element) = ShapeAndElement(m, m.UNRANKED_X() ?? m.DIMS(), m.shape(), m.type(), vector: false);
                CheckElement(element, (ParserRuleContext?)m.type() ?? m.shape(), memref: true);
                var attrs = m.attributeValue().Select(BuildAttribute).ToArray();
                MlirAttribute? layout = null, space = null;
                if (shape is null)
                {
                    if (attrs.Length > 1) diagnostics.Report(DiagnosticIds.InvalidType, Span(m), "an unranked memref takes only a memory space");
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
                    if (attrs.Length > 2) diagnostics.Report(DiagnosticIds.InvalidType, Span(m), "a memref takes at most a layout and a memory space");
                }
                return Intern(new MemRefType(shape, element, layout, space));
            }
            case VectorTypeContext v:
            {
                var (shape, scalable, element) = ShapeAndElement(v, v.DIMS(), v.shape(), v.type(), vector: true);
                if (shape is not null && shape.Any(d => d <= 0))
                {
                    diagnostics.Report(DiagnosticIds.InvalidType, Span(v.Start), "vector dimensions must be static and positive");
                }
                if (element is not (IntegerType or FloatType or IndexType))
                {
                    diagnostics.Report(DiagnosticIds.InvalidType, Span((ParserRuleContext?)v.type() ?? v.shape()), $"vector elements must be integer, index or float, not {element}");
                }
                return Intern(new VectorType(shape ?? [], scalable ?? [], element));
            }
            case DialectOrAliasTypeContext d:
            {
                string name = d.BANG_ID().GetText();
                if (d.prettyBody() is null && !name.Contains('.'))
                {
                    return ResolveTypeAlias(name, Span(d.BANG_ID().Symbol)) ?? NoneType.Instance;
                }
                return Intern(new DialectType(d.prettyBody() is { } body ? name + CanonicalText(body) : name));
            }
            default:
                diagnostics.Report(DiagnosticIds.InvalidType, Span(ctx), "unsupported type");
                return NoneType.Instance;
        }
    }

    /// <summary>An integer type keyword (<c>i32</c>, <c>si8</c>, <c>ui1</c>); a width above the limit is reported.</summary>
    private IntegerType IntegerKeyword(string text, SourceSpan at)
    {
        var sign = text.StartsWith("si", StringComparison.Ordinal) ? Signedness.Signed
            : text.StartsWith("ui", StringComparison.Ordinal) ? Signedness.Unsigned : Signedness.Signless;
        string digits = text.Substring(sign == Signedness.Signless ? 1 : 2);
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int width) || width > IntegerType.MaxWidth)
        {
            diagnostics.Report(DiagnosticIds.InvalidType, at, $"integer bitwidth of '{text}' is larger than {IntegerType.MaxWidth}");
            width = 32;
        }
        return Intern(new IntegerType(width, sign));
    }

    /// <summary>
    /// The dimensions and the element type of a shaped type: the DIMS (or <c>*x</c>) token and the element type as
    /// the grammar's common alternative reads them, or, with a <c>shape</c>, the joined pieces read as MLIR's
    /// <c>parseDimensionListRanked</c> reads them (see <see cref="ReadShape"/>).
    /// </summary>
    /// <returns>Sizes (null: unranked), scalable flags, and the element type.</returns>
    private (long[]? Shape, bool[]? Scalable, MlirType Element) ShapeAndElement(ParserRuleContext owner, ITerminalNode? lead,
        ShapeContext? more, TypeContext? typeCtx, bool vector)
    {
        // The common spelling: a type always follows.
        if (more is null)
        {
            var (dims, flags) = Dims(lead?.Symbol, lead?.Symbol.Type == Generated.MLIRLexer.UNRANKED_X, allowScalable: vector);
            return (dims, flags, BuildType(typeCtx!));
        }
        var joined = new System.Text.StringBuilder();
        if (lead is not null) joined.Append(lead.GetText());
        foreach (var piece in more.children) joined.Append(piece.GetText());
        joined.Replace(" ", "").Replace("\t", "");
        var (shape, scalable, glued) = ReadShape(joined.ToString(), Span(owner), vector);
        // After an error in the dimension list (reported), what follows it is not read as an element type.
        MlirType? element = glued is null or "" ? null : GluedElement(glued, Span(more));
        if (typeCtx is not null)
        {
            if (glued is { Length: > 0 }) diagnostics.Report(DiagnosticIds.InvalidType, Span(typeCtx), $"unexpected type after the element type '{glued}'");
            element = BuildType(typeCtx);
        }
        else if (glued == "")
        {
            diagnostics.Report(DiagnosticIds.InvalidType, Span(more), "expected an element type after the dimension list");
        }
        return (shape, scalable, element ?? NoneType.Instance);
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
        switch (FastLexer.Keyword(text))
        {
            case Generated.MLIRLexer.INT_TYPE: return IntegerKeyword(text, at);
            case Generated.MLIRLexer.FLOAT_TYPE: return Intern(new FloatType(text));
            case Generated.MLIRLexer.INDEX: return IndexType.Instance;
            case Generated.MLIRLexer.NONE: return NoneType.Instance;
            default:
                diagnostics.Report(DiagnosticIds.InvalidType, at, $"expected an element type, not '{text}'");
                return NoneType.Instance;
        }
    }

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
        string text = token.Text;
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
                if (!allowScalable) diagnostics.Report(DiagnosticIds.InvalidType, Span(token), "scalable dimensions are only allowed in vector types");
                scalable[i] = true;
                p = p.Trim('[').Trim(']');
            }
            if (!long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]))
            {
                diagnostics.Report(DiagnosticIds.LiteralOutOfRange, Span(token), $"dimension '{p}' is out of range");
                shape[i] = 1;
            }
        }
        return (shape, scalable);
    }

    internal MlirType? ResolveTypeAlias(string name, SourceSpan use) =>
        ResolveAlias(name, use, typeAliasDefs, typeAliases, buildTypeAlias ??= def => BuildType(def!.type()), "type");

    private Func<TypeAliasDefContext?, MlirType>? buildTypeAlias;
}
