using System.Globalization;
using System.Text;
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
    private Dictionary<string, MlirType>.AlternateLookup<ReadOnlySpan<byte>> typesByTextLookup;

    /// <summary>
    /// Builds each distinct type or attribute text once: the same text gives the same immutable object, since aliases
    /// do not change during a file (types are interned anyway; attributes become shared). Only for the streaming path,
    /// which gives up on any diagnostic: a repeated invalid type or attribute is then never left unreported.
    /// </summary>
    public void CacheBySourceText()
    {
        typesByText = new Dictionary<string, MlirType>(Utf8KeyComparer.Instance);
        typesByTextLookup = typesByText.GetAlternateLookup<ReadOnlySpan<byte>>();
        attributesByText = new Dictionary<string, MlirAttribute>(Utf8KeyComparer.Instance);
        attributesByTextLookup = attributesByText.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>Attributes already built, by their exact source text (streaming path only, as for types).</summary>
    private Dictionary<string, MlirAttribute>? attributesByText;
    private Dictionary<string, MlirAttribute>.AlternateLookup<ReadOnlySpan<byte>> attributesByTextLookup;

    /// <summary>The source text of a rule context when caching by text is on (attributes and types are immutable).</summary>
    private bool CacheKey(bool enabled, Antlr4.Runtime.ParserRuleContext ctx, out ReadOnlySpan<byte> text)
    {
        text = default;
        if (!enabled || ctx.Stop is null || ctx.Stop.StopIndex < ctx.Start.StartIndex) return false;
        text = BytesBetween(ctx.Start.StartIndex, ctx.Stop.StopIndex);
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

    private void Remember(ReadOnlySpan<byte> text, MlirType built)
    {
        string key = Encoding.UTF8.GetString(text);
        typesByText![key] = built;
        // Only the kinds the parser skips (shaped and function types), and only once built without a diagnostic.
        if (!diagnostics.HasErrors && key.Length > 0 && key[0] is 't' or 'm' or 'v' or '(') KnownTexts.Add(key);
    }

    internal MlirAttribute BuildAttribute(AttributeValueContext ctx)
    {
        // Locations (`loc(...)`) are not cached by text: each is spelled once (a generic print defines one alias per op:
        // 300,000 in large_generic), so the cache only kept their texts.
        if (ctx.Start.Type == Generated.MLIRLexer.LOC || !CacheKey(attributesByText is not null, ctx, out var text)) return BuildAttributeUncached(ctx);
        if (attributesByTextLookup.TryGetValue(text, out var known)) return known;
        var built = BuildAttributeUncached(ctx);
        attributesByText![Encoding.UTF8.GetString(text)] = built;
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
                return ComplexOf(BuildType(c.type()), c.type());
            case TupleTypeContext t:
                return Intern(new TupleType(BuildTypeList(t.typeList())));
            case TensorTypeContext t:
                return BuildTensor(Body(t));
            case MemrefTypeContext m:
                return BuildMemref(Body(m));
            case VectorTypeContext v:
                return BuildVector(Body(v));
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

    internal MlirType? ResolveTypeAlias(string name, SourceSpan use) =>
        ResolveAlias(name, use, typeAliasDefs, typeAliases, buildTypeAlias ??= def => BuildType(def!.type()), "type");

    private Func<TypeAliasDefContext?, MlirType>? buildTypeAlias;
}
