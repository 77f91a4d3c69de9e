using System.Globalization;
using Antlr4.Runtime;
using HwOpt.Diagnostics;
using HwOpt.IR;
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
            case TensorTypeContext t when t.INTEGER() is { } hex:
            {
                // `tensor<0xf32>` lexes as the hexadecimal integer 0xf32: a zero-sized dimension and the element type.
                var element = hex.GetText() is { Length: > 2 } h && h.StartsWith("0x", StringComparison.Ordinal) ? ElementKeyword(h.Substring(2)) : null;
                if (element is null) diagnostics.Report(DiagnosticIds.InvalidType, Span(hex.Symbol), $"invalid tensor shape '{hex.GetText()}'");
                return Intern(new TensorType([0], element ?? NoneType.Instance, null));
            }
            case IntegerTypeContext i:
            {
                string text = i.GetText();
                var sign = text.StartsWith("si", StringComparison.Ordinal) ? Signedness.Signed
                    : text.StartsWith("ui", StringComparison.Ordinal) ? Signedness.Unsigned : Signedness.Signless;
                string digits = text.Substring(sign == Signedness.Signless ? 1 : 2);
                if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int width) || width > IntegerType.MaxWidth)
                {
                    diagnostics.Report(DiagnosticIds.InvalidType, Span(i.Start), $"integer bitwidth of '{text}' is larger than {IntegerType.MaxWidth}");
                    width = 32;
                }
                return Intern(new IntegerType(width, sign));
            }
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
                var (shape, _) = Dims(t.DIMS()?.Symbol, t.UNRANKED_X() is not null, allowScalable: false);
                var element = CheckElement(BuildType(t.type()), t.type(), memref: false);
                var encoding = t.attributeValue() is { } e ? BuildAttribute(e) : null;
                if (shape is null && encoding is not null)
                {
                    diagnostics.Report(DiagnosticIds.InvalidType, Span(t.attributeValue()), "an unranked tensor cannot have an encoding");
                }
                return Intern(new TensorType(shape, element, encoding));
            }
            case MemrefTypeContext m when m.INTEGER() is { } hex:
            {
                var element = hex.GetText() is { Length: > 2 } h && h.StartsWith("0x", StringComparison.Ordinal) ? ElementKeyword(h.Substring(2)) : null;
                if (element is null) diagnostics.Report(DiagnosticIds.InvalidType, Span(hex.Symbol), $"invalid memref shape '{hex.GetText()}'");
                var attrs = m.attributeValue().Select(BuildAttribute).ToArray();
                var layout = attrs.Length >= 2 || attrs is [StridedLayoutAttr] || attrs is [TextAttr { Kind: TextAttrKind.AffineMap }] ? attrs[0] : null;
                var space = attrs.Length >= 2 ? attrs[1] : layout is null ? attrs.FirstOrDefault() : null;
                return Intern(new MemRefType([0], element ?? NoneType.Instance, layout, space));
            }
            case MemrefTypeContext m:
            {
                var (shape, _) = Dims(m.DIMS()?.Symbol, m.UNRANKED_X() is not null, allowScalable: false);
                var element = CheckElement(BuildType(m.type()), m.type(), memref: true);
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
                var (shape, scalable) = Dims(v.DIMS()?.Symbol, false, allowScalable: true);
                if (shape is not null && shape.Any(d => d <= 0))
                {
                    diagnostics.Report(DiagnosticIds.InvalidType, Span(v.Start), "vector dimensions must be static and positive");
                }
                var element = BuildType(v.type());
                if (element is not (IntegerType or FloatType or IndexType))
                {
                    diagnostics.Report(DiagnosticIds.InvalidType, Span(v.type()), $"vector elements must be integer, index or float, not {element}");
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

    private static MlirType? ElementKeyword(string text) => text switch
    {
        "index" => IndexType.Instance,
        "f16" or "bf16" or "f32" or "f64" or "f80" or "f128" or "tf32" => new FloatType(text),
        _ when text.Length > 1 && text[0] == 'i' && int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int w) && w > 0
            => new IntegerType(w, Signedness.Signless),
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
