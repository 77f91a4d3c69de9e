using System.Globalization;
using System.Numerics;
using System.Text;
using Antlr4.Runtime;
using HwOpt.Diagnostics;
using HwOpt.IR;
using HwOpt.Syntax.Lexing;
using HwOpt.Syntax.Generated;
using static HwOpt.Syntax.Generated.MLIRParser;
using static HwOpt.Syntax.ParseTreeAccess;

namespace HwOpt.Syntax;

internal sealed partial class IRBuilder
{
    private MlirAttribute BuildAttributeUncached(AttributeValueContext ctx)
    {
        switch (ctx)
        {
            case StructuredAttrContext s:
            {
                var attribute = BuildCustomAttribute(Rule<CustomAttributeContext>(s)!);
                if (Rule<TypeContext>(s) is not { } typeCtx) return attribute;
                // `#dialect.attr<...> : type` (the forms with their own `: type`, dense<...> and friends, took it already).
                if (attribute is TextAttr { Type: null } text) return new TextAttr(text.Kind, text.Text, BuildType(typeCtx));
                diagnostics.Report(DiagnosticIds.InvalidAttribute, Span(typeCtx), "this attribute takes no type");
                return attribute;
            }
            case NumberAttrContext n:
            {
                var type = n.type() is { } t ? BuildType(t) : null;
                var token = (n.INTEGER() ?? n.FLOAT()).Symbol;
                return NumberAttribute(n.MINUS() is not null, token, type);
            }
            case StringAttrContext s:
                return new StringAttr(DecodeStringBytes(s.STRING().Symbol), s.type() is { } st ? BuildType(st) : null);
            case ArrayAttrContext a:
                return new ArrayAttr(a.attributeValue().Select(BuildAttribute).ToArray());
            case DictAttrContext d:
                return BuildDictionary(d.attributeDict());
            case TypeAttrContext t:
                return new TypeAttr(BuildType(t.type()));
            default:
                diagnostics.Report(DiagnosticIds.InvalidAttribute, Span(ctx), "unsupported attribute");
                return UnitAttr.Instance;
        }
    }

    internal MlirAttribute NumberAttribute(bool negative, IToken token, MlirType? type)
    {
        string text = token.Text;
        bool isHex = text.StartsWith("0x", StringComparison.Ordinal);
        if (isHex && type is FloatType ft && ft.BitWidth is { } fbits && text.Length - 2 > (fbits + 3) / 4
            && BigInteger.Parse("0" + text.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture) >= BigInteger.One << fbits)
        {
            diagnostics.Report(DiagnosticIds.LiteralOutOfRange, Span(token), $"hexadecimal float constant '{text}' does not fit in {type}");
        }
        if (token.Type == MLIRLexer.FLOAT || (isHex && type is FloatType))
        {
            if (token.Type == MLIRLexer.FLOAT && type is IntegerType or IndexType)
            {
                diagnostics.Report(DiagnosticIds.InvalidAttribute, Span(token), $"floating point literal for integer type {type}");
            }
            return new FloatAttr((negative ? "-" : string.Empty) + text, type);
        }
        BigInteger value = isHex
            ? BigInteger.Parse("0" + text.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
            : BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        if (negative) value = -value;
        // An untyped integer attribute is i64.
        if ((type ?? I64) is IntegerType it)
        {
            var limit = BigInteger.One << it.Width;
            bool fits = it.Width == 0 ? value.IsZero : it.Signedness switch
            {
                Signedness.Unsigned => value >= 0 && value < limit,
                Signedness.Signed => value >= -(limit >> 1) && value < (limit >> 1),
                _ => value >= -(limit >> 1) && value < limit,
            };
            if (!fits) diagnostics.Report(DiagnosticIds.LiteralOutOfRange, Span(token), $"integer constant {value} does not fit in {it}");
        }
        return new IntegerAttr(value, type);
    }

    private static readonly IntegerType I64 = new(64, Signedness.Signless);

    internal DictionaryAttr BuildDictionary(AttributeDictContext ctx)
    {
        // Cached by source text like attributes (see CacheBySourceText): attribute dictionaries repeat from op to op.
        if (!CacheKey(attributesByText is not null, ctx, out var text)) return BuildDictionaryUncached(ctx);
        if (attributesByTextLookup.TryGetValue(text, out var known) && known is DictionaryAttr same) return same;
        if (ctx is ISkippedSubtree) throw new StreamingAbort("a skipped attribute dictionary the builder has not built");
        var built = BuildDictionaryUncached(ctx);
        string key = Encoding.UTF8.GetString(text);
        attributesByText![key] = built;
        // For the direct parser: a later dictionary spelled the same need not be read into a subtree (ISkippedSubtree).
        if (!diagnostics.HasErrors) KnownTexts.Add(key);
        return built;
    }

    private DictionaryAttr BuildDictionaryUncached(AttributeDictContext ctx)
    {
        var entries = new List<NamedAttribute>();
        foreach (var e in ctx.attributeEntry())
        {
            string name = e.STRING() is { } s ? DecodeString(s.Symbol) : Intern(TextOf(e.bareId()));
            entries.Add(new NamedAttribute(name, e.attributeValue() is { } v ? BuildAttribute(v) : UnitAttr.Instance));
        }
        return new DictionaryAttr(entries);
    }

    internal MlirAttribute BuildCustomAttribute(CustomAttributeContext ctx)
    {
        var first = ctx.Start;
        MlirType? Suffix(TypeContext? t) => t is null ? null : BuildType(t);
        switch (first.Type)
        {
            case MLIRLexer.HASH_ID:
            {
                string name = first.Text;
                if (ctx.prettyBody() is null && !name.Contains('.'))
                {
                    return ResolveAttributeAlias(name, Span(first)) ?? UnitAttr.Instance;
                }
                return new TextAttr(TextAttrKind.Dialect, ctx.prettyBody() is { } b ? name + CanonicalText(b) : name);
            }
            case MLIRLexer.DENSE:
            {
                var type = Suffix(ctx.type());
                var body = ctx.denseElement().Length > 0 ? ctx.denseElement(0) : null;
                if (body is not null && type is ShapedType shaped) AttributeChecks.CheckDense(this, body, shaped);
                return new TextAttr(TextAttrKind.DenseElements, "dense<" + (body is null ? string.Empty : CanonicalText(body)) + ">", type);
            }
            case MLIRLexer.DENSE_RESOURCE:
                return new TextAttr(TextAttrKind.DenseResource, "dense_resource<" + ctx.resourceHandle().GetText() + ">", Suffix(ctx.type()));
            case MLIRLexer.SPARSE:
            {
                var parts = ctx.denseElement();
                string body = parts.Length == 2 ? CanonicalText(parts[0]) + ", " + CanonicalText(parts[1]) : string.Empty;
                return new TextAttr(TextAttrKind.SparseElements, "sparse<" + body + ">", Suffix(ctx.type()));
            }
            case MLIRLexer.ARRAY:
            {
                var elementType = BuildType(ctx.type());
                var elements = ctx.denseArrayElements()?.denseArrayElement().Select(e => e.GetText()).ToArray() ?? [];
                if (elementType is IntegerType && elements.Any(e => e.Contains('.')))
                {
                    diagnostics.Report(DiagnosticIds.InvalidAttribute, Span(ctx), $"floating point value in an array of {elementType}");
                }
                if (elementType is not (IntegerType or FloatType))
                {
                    diagnostics.Report(DiagnosticIds.InvalidAttribute, Span(ctx), $"array element type must be an integer or float type, not {elementType}");
                }
                return new DenseArrayAttr(elementType, elements);
            }
            case MLIRLexer.AFFINE_MAP:
                AttributeChecks.CheckAffineIdentifiers(this, ctx.prettyBody());
                return new TextAttr(TextAttrKind.AffineMap, "affine_map" + CanonicalText(ctx.prettyBody()));
            case MLIRLexer.AFFINE_SET:
                return new TextAttr(TextAttrKind.AffineSet, "affine_set" + CanonicalText(ctx.prettyBody()));
            case MLIRLexer.STRIDED:
            {
                var values = ctx.strideValue();
                long? Value(StrideValueContext v) => v.QUESTION() is not null ? null : long.Parse(v.GetText(), CultureInfo.InvariantCulture);
                bool hasOffset = ctx.bareId() is not null;
                var strides = values.Take(hasOffset ? values.Length - 1 : values.Length).Select(Value).ToArray();
                long? offset = hasOffset ? Value(values[^1]) : 0;
                return new StridedLayoutAttr(strides, offset);
            }
            case MLIRLexer.DISTINCT:
                return new TextAttr(TextAttrKind.Distinct, "distinct[" + ctx.INTEGER().GetText() + "]" + CanonicalText(ctx.prettyBody()));
            case MLIRLexer.AT_ID:
                return new SymbolRefAttr(ctx.symbolRef().AT_ID().Select(a => DecodeSymbol(a.Symbol)).ToArray());
            case MLIRLexer.TRUE:
                return new BoolAttr(true);
            case MLIRLexer.FALSE:
                return new BoolAttr(false);
            case MLIRLexer.UNIT:
                return UnitAttr.Instance;
            case MLIRLexer.LOC:
                return BuildLocation(Rule<LocationContext>(ctx)!);
            default:
                diagnostics.Report(DiagnosticIds.InvalidAttribute, Span(ctx), "unsupported attribute");
                return UnitAttr.Instance;
        }
    }

    internal MlirAttribute? ResolveAttributeAlias(string name, SourceSpan use) =>
        NumberedLocation(name)
        ?? ResolveAlias(name, use, attributeAliasDefs, attributeAliases, buildAttributeAlias ??= def => BuildAttribute(Rule<AttributeValueContext>(def!)!), "attribute");

    /// <summary>True when an attribute alias of this name is defined (in the table, or as a numbered location alias).</summary>
    private bool IsAttributeAlias(string name) => attributeAliasDefs.ContainsKey(name) || NumberedLocation(name) is not null;

    /// <summary>
    /// Records the definition of attribute alias <paramref name="key"/>; false, with HW1008-style redefinition reported,
    /// when it is already defined (in the table or as a numbered location alias, see <see cref="AddFileLineColAlias"/>).
    /// </summary>
    private bool AddAttributeAlias(string key, IToken name, AttributeAliasDefContext? definition)
    {
        if (NumberedLocation(key) is not null)
        {
            diagnostics.Report(DiagnosticIds.RedefinedAlias, Span(name), $"redefinition of alias '{key}'");
            return false;
        }
        return AddAlias(attributeAliasDefs, key, name, definition);
    }

    // One delegate for the builder's lifetime (a lambda that uses `this` is otherwise a new object on every call).
    private Func<AttributeAliasDefContext?, MlirAttribute>? buildAttributeAlias;

    /// <summary>Makes room for <paramref name="count"/> alias definitions (the prescan counts them) before they arrive.</summary>
    internal void ExpectAliases(int count)
    {
        attributeAliasDefs.EnsureCapacity(count);
        attributeAliases.EnsureCapacity(count);
    }

    /// <summary>
    /// Resolves an alias on first use, in any order of definition (MLIR allows location aliases after their use),
    /// caching the value; undefined and self-referring aliases give HW1007.
    /// </summary>
    private TValue? ResolveAlias<TDef, TValue>(string name, SourceSpan use, Dictionary<string, TDef> defs, Dictionary<string, TValue?> cache,
        Func<TDef, TValue> build, string kind)
        where TValue : class
    {
        if (cache.TryGetValue(name, out var done)) return done;
        if (!defs.TryGetValue(name, out var def))
        {
            diagnostics.Report(DiagnosticIds.UndefinedAlias, use, $"undefined {kind} alias '{name}'");
            cache[name] = null;
            return null;
        }
        if (!resolving.Add(name))
        {
            diagnostics.Report(DiagnosticIds.UndefinedAlias, use, $"alias '{name}' refers to itself");
            return null;
        }
        var value = build(def);
        resolving.Remove(name);
        cache[name] = value;
        return value;
    }

    // ---- locations -----------------------------------------------------------------------------------------------

    /// <summary>
    /// The location of a trailing <c>loc(...)</c>. The direct parser skips the subtree of <c>loc(unknown)</c> and
    /// <c>loc(#alias)</c> written without spaces (block arguments repeat the first, ops the second; see
    /// <see cref="ISkippedSubtree"/>): those are read here from the source text.
    /// </summary>
    internal Location BuildTrailingLocation(TrailingLocationContext ctx)
    {
        if (ctx is not ISkippedSubtree) return BuildLocation(Rule<LocationContext>(ctx)!);
        // `loc(` ... `)`: what is between is `unknown`, `#alias` or `"file":line:col`.
        return SimpleLocation(BytesBetween(ctx.Start.StartIndex + 4, ctx.Stop.StartIndex - 1), Span(ctx.Start));
    }

    /// <summary>
    /// The location spelled <paramref name="inner"/> between <c>loc(</c> and <c>)</c> where the direct parser took it as
    /// simple (<c>unknown</c>, <c>#alias</c>, or <c>"file":line:col</c> with an ASCII name without escapes and numbers that
    /// fit 32 bits): the location <see cref="BuildLocation"/> makes of its subtree.
    /// </summary>
    internal Location SimpleLocation(ReadOnlySpan<byte> inner, SourceSpan use)
    {
        if (inner.SequenceEqual("unknown"u8)) return UnknownLoc.Instance;
        if (inner.IsEmpty || inner[0] != '"') return LocationAlias(inner, use);
        int close = inner[1..].IndexOf((byte)'"') + 1;
        var numbers = inner[(close + 2)..];
        int colon = numbers.IndexOf((byte)':');
        return new FileLineColLoc(Intern(inner[1..close]),
            uint.Parse(numbers[..colon], NumberStyles.None, CultureInfo.InvariantCulture),
            uint.Parse(numbers[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The location an alias (<c>#name</c>, no dot) stands for: found by its text when already resolved (the common
    /// case: <c>loc(#loc12)</c> on every op of a generic print), else resolved now. An alias that is undefined or not a
    /// location is reported (HW1007 / HW1010) and reads as unknown.
    /// </summary>
    private Location LocationAlias(ReadOnlySpan<byte> name, SourceSpan use)
    {
        // mlir-opt names location aliases #loc, #loc1, #loc2, ...: those are found by number, without hashing the name
        // in a table of every alias (a generic print has one per op).
        int number = LocationAliasNumber(name);
        if ((uint)number < (uint)locationsByNumber.Length && locationsByNumber[number] is { } quick) return quick;
        if (attributeAliases.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(name, out var known) && known is Location resolved)
        {
            RememberLocationAlias(number, resolved);
            return resolved;
        }
        string text = Encoding.UTF8.GetString(name);
        var target = ResolveAttributeAlias(text, use);
        if (target is Location l)
        {
            RememberLocationAlias(number, l);
            return l;
        }
        if (target is not null) diagnostics.Report(DiagnosticIds.InvalidAttribute, use, $"alias '{text}' is not a location");
        return UnknownLoc.Instance;
    }

    private Location?[] locationsByNumber = [];

    /// <summary>The location alias <c>#loc</c> or <c>#loc</c>N stands for when it is defined by number or already resolved; else null.</summary>
    private Location? NumberedLocation(string name)
    {
        // `#loc` and up to seven digits (see LocationAliasNumber), ASCII.
        Span<byte> bytes = stackalloc byte[11];
        return name.Length <= bytes.Length && Ascii.FromUtf16(name, bytes, out int written) == System.Buffers.OperationStatus.Done
            ? NumberedLocation(bytes[..written])
            : null;
    }

    /// <inheritdoc cref="NumberedLocation(string)"/>
    private Location? NumberedLocation(ReadOnlySpan<byte> name)
    {
        int number = LocationAliasNumber(name);
        return (uint)number < (uint)locationsByNumber.Length ? locationsByNumber[number] : null;
    }

    // Up to this number (#loc4194303); larger ones are looked up by name.
    private const int MaxLocationAliasNumber = 1 << 22;

    /// <summary>0 for <c>#loc</c>, n + 1 for <c>#loc</c>n (decimal, no leading zero); -1 for any other name.</summary>
    internal static int LocationAliasNumber(ReadOnlySpan<byte> name)
    {
        if (!name.StartsWith("#loc"u8)) return -1;
        var digits = name[4..];
        if (digits.IsEmpty) return 0;
        if (digits.Length > 7 || digits[0] == '0' && digits.Length > 1) return -1;
        int n = 0;
        foreach (byte c in digits)
        {
            if (!char.IsAsciiDigit((char)c)) return -1;
            n = n * 10 + (c - '0');
        }
        return n < MaxLocationAliasNumber ? n + 1 : -1;
    }

    private void RememberLocationAlias(int number, Location location)
    {
        if (number < 0) return;
        if (number >= locationsByNumber.Length)
        {
            Array.Resize(ref locationsByNumber, Math.Min(MaxLocationAliasNumber + 1, Math.Max(number + 1, locationsByNumber.Length * 2)));
        }
        locationsByNumber[number] = location;
    }

    internal Location BuildLocation(LocationContext ctx)
    {
        switch (ctx)
        {
            case UnknownLocContext:
                return UnknownLoc.Instance;
            case FileLineColLocContext f:
            {
                return new FileLineColLoc(DecodeString(Token(f, MLIRLexer.STRING)!), SmallInt(Token(f, MLIRLexer.INTEGER, 0)!), SmallInt(Token(f, MLIRLexer.INTEGER, 1)!));
            }
            case NameLocContext n:
                return new NameLoc(DecodeString(n.STRING().Symbol), n.location() is { } child ? BuildLocation(child) : null);
            case CallSiteLocContext c:
                return new CallSiteLoc(BuildLocation(c.location(0)), BuildLocation(c.location(1)));
            case FusedLocContext f:
                return new FusedLoc(f.attributeValue() is { } m ? BuildAttribute(m) : null, f.location().Select(BuildLocation).ToArray());
            case AliasOrDialectLocContext a:
            {
                var id = Token(a, MLIRLexer.HASH_ID)!;
                var name = LightToken.SpanOf(id);
                if (a.ChildCount == 1 && !name.Contains((byte)'.')) return LocationAlias(name, Span(a.Start));
                return new OpaqueLoc(a.prettyBody() is { } b ? id.Text + CanonicalText(b) : id.Text);
            }
            default:
                return UnknownLoc.Instance;
        }
    }

    /// <summary>A line or column number: an unsigned 32-bit integer, as in MLIR's FileLineColLoc.</summary>
    private long SmallInt(IToken t)
    {
        if (uint.TryParse(LightToken.SpanOf(t), NumberStyles.None, CultureInfo.InvariantCulture, out uint v)) return v;
        diagnostics.Report(DiagnosticIds.LiteralOutOfRange, Span(t), $"'{t.Text}' is out of range");
        return 0;
    }

    // ---- strings ---------------------------------------------------------------------------------------------------

    /// <summary>
    /// Decodes a string literal to text. The texts decoded here (op names in generic form, attribute names, location
    /// file names) repeat across a file, so each distinct text is kept once; a literal without escapes or non-ASCII
    /// characters is its own text and is looked up without decoding.
    /// </summary>
    internal string DecodeString(IToken token)
    {
        var text = LightToken.SpanOf(token);
        var inner = text.Length >= 2 ? text.Slice(1, text.Length - 2) : ReadOnlySpan<byte>.Empty;
        if (Ascii.IsValid(inner) && !inner.Contains((byte)'\\')) return Intern(inner);
        return Intern(Encoding.UTF8.GetString(DecodeStringBytes(token)));
    }

    private readonly Dictionary<string, string> internedStrings = new(Utf8KeyComparer.Instance);

    // Attribute dictionaries of custom-syntax ops, by canonical text (see Unique).
    private readonly Dictionary<string, DictionaryAttr> uniqueDictionaries = new(StringComparer.Ordinal);

    /// <summary>
    /// The one dictionary of this file equal to <paramref name="dictionary"/> (<see cref="DictionaryAttr.Empty"/> when it
    /// has no entries). Attributes are immutable and, as in MLIR's context, uniqued: custom-syntax ops assemble their
    /// properties entry by entry, and without this every linalg op of a model would hold its own copy of the same
    /// <c>{operandSegmentSizes = array&lt;i32: 2, 1&gt;}</c> (objects the collector marks and copies on every pass).
    /// </summary>
    internal DictionaryAttr Unique(DictionaryAttr dictionary)
    {
        if (dictionary.Count == 0) return DictionaryAttr.Empty;
        // The key is printed into one reused buffer and looked up as a span: a string per op would be garbage.
        uniqueKey.Clear();
        dictionary.Print(uniqueKey);
        if (TryGetByText(uniqueDictionaries, uniqueKey, out var known)) return known;
        uniqueDictionaries[uniqueKey.ToString()] = dictionary;
        return dictionary;
    }

    /// <summary>
    /// The value stored under the text of <paramref name="key"/>, looked up as a span when the builder holds it in one
    /// chunk (no string made), else by its string. Adds nothing.
    /// </summary>
    private static bool TryGetByText<T>(Dictionary<string, T> table, StringBuilder key, out T value)
    {
        ReadOnlySpan<char> text = default;
        int chunks = 0;
        foreach (var chunk in key.GetChunks())
        {
            text = chunk.Span;
            chunks++;
        }
        return chunks <= 1
            ? table.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out value!)
            : table.TryGetValue(key.ToString(), out value!);
    }

    private readonly StringBuilder uniqueKey = new(1024);

    /// <summary>The one shared string with the given text (names repeat across a file: op and attribute names, file names).</summary>
    internal string Intern(ReadOnlySpan<char> text) => Share(internedStrings, text, int.MaxValue);

    /// <summary>The one shared string with the given UTF-8 text (a token's text, as a slice of the source).</summary>
    internal string Intern(ReadOnlySpan<byte> text) => Share(internedStrings, text, int.MaxValue);

    /// <summary>
    /// The string in <paramref name="table"/> equal to <paramref name="text"/>, added while the table holds fewer than
    /// <paramref name="limit"/>. The table must compare with <see cref="Utf8KeyComparer"/>.
    /// </summary>
    private static string Share(Dictionary<string, string> table, ReadOnlySpan<char> text, int limit)
    {
        if (table.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var known)) return known;
        string s = text.ToString();
        if (table.Count < limit) table[s] = s;
        return s;
    }

    /// <inheritdoc cref="Share(Dictionary{string, string}, ReadOnlySpan{char}, int)"/>
    private static string Share(Dictionary<string, string> table, ReadOnlySpan<byte> text, int limit)
    {
        var lookup = table.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (lookup.TryGetValue(text, out var known)) return known;
        string s = Encoding.UTF8.GetString(text);
        if (table.Count < limit) table[s] = s;
        return s;
    }

    /// <summary>The one shared string equal to <paramref name="text"/>.</summary>
    internal string Intern(string text)
    {
        if (internedStrings.TryGetValue(text, out var known)) return known;
        internedStrings[text] = text;
        return text;
    }

    /// <summary>Decodes an MLIR string literal: <c>\\"</c>, <c>\\\\</c>, <c>\\n</c>, <c>\\t</c> and <c>\\XX</c> hex escapes.</summary>
    internal byte[] DecodeStringBytes(IToken token)
    {
        string text = token.Text;
        var bytes = new List<byte>(text.Length);
        Span<byte> buffer = stackalloc byte[4];
        for (int i = 1; i < text.Length - 1; i++)
        {
            char c = text[i];
            if (c != '\\')
            {
                if (c < 0x80) bytes.Add((byte)c);
                else
                {
                    int len;
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length - 1)
                    {
                        len = Encoding.UTF8.GetBytes(text.AsSpan(i, 2), buffer);
                        i++;
                    }
                    else
                    {
                        len = Encoding.UTF8.GetBytes(text.AsSpan(i, 1), buffer);
                    }
                    for (int k = 0; k < len; k++) bytes.Add(buffer[k]);
                }
                continue;
            }
            char e = i + 1 < text.Length - 1 ? text[i + 1] : '\0';
            switch (e)
            {
                case '"' or '\\': bytes.Add((byte)e); i++; break;
                case 'n': bytes.Add((byte)'\n'); i++; break;
                case 't': bytes.Add((byte)'\t'); i++; break;
                default:
                    if (i + 2 < text.Length - 1 && char.IsAsciiHexDigit(e) && char.IsAsciiHexDigit(text[i + 2]))
                    {
                        bytes.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        i += 2;
                    }
                    else
                    {
                        diagnostics.Report(DiagnosticIds.InvalidAttribute, Span(token), $"unknown escape in string literal: '\\{e}'");
                        i++;
                    }
                    break;
            }
        }
        return bytes.ToArray();
    }

    private string DecodeSymbol(IToken token)
    {
        string text = token.Text.Substring(1);
        if (text.StartsWith('"'))
        {
            var inner = new CommonToken(token) { Text = text };
            return DecodeString(inner);
        }
        return text;
    }
}
