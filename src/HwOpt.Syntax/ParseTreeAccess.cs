using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using HwOpt.Syntax.Lexing;

namespace HwOpt.Syntax;

/// <summary>
/// Child lookups on parse-tree nodes for the IR builder's hot paths, doing what the generated accessors
/// (<c>ctx.type()</c>, <c>ctx.VALUE_ID()</c>, ...) do, faster: the ANTLR runtime answers those through generic virtual
/// methods (<c>GetRuleContext&lt;T&gt;</c>) that test every child with a generic type check, which costs a runtime
/// lookup per child. Here a rule child is matched by its rule index (labeled alternatives share their rule's index) and
/// a token child by its token type.
/// </summary>
internal static class ParseTreeAccess
{
    /// <summary>What the trimmer keeps of a context class T: its constructors (read through GetUninitializedObject).</summary>
    internal const DynamicallyAccessedMemberTypes Constructors =
        DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.NonPublicConstructors;

    /// <summary>The first child of rule <typeparamref name="T"/>, or null (like the generated <c>rule()</c> accessor).</summary>
    /// <remarks>Inlined so that the rule index is a constant of the caller's code: in shared generic code, reading
    /// <c>RuleIndexOf&lt;T&gt;.Value</c> is a runtime helper call on every use.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T? Rule<[DynamicallyAccessedMembers(Constructors)] T>(ParserRuleContext ctx) where T : ParserRuleContext
    {
        int rule = RuleIndexOf<T>.Value;
        foreach (var child in Span(ctx))
        {
            if (child is ParserRuleContext c && c.RuleIndex == rule) return Unsafe.As<T>(c);
        }
        return null;
    }

    /// <summary>The children of rule <typeparamref name="T"/>, in order (one exact-size array; like <c>rule()</c> of a repeated rule).</summary>
    public static T[] Rules<[DynamicallyAccessedMembers(Constructors)] T>(ParserRuleContext ctx) where T : ParserRuleContext
    {
        int rule = RuleIndexOf<T>.Value;
        var children = Span(ctx);
        int n = 0;
        foreach (var child in children)
        {
            if (child is ParserRuleContext c && c.RuleIndex == rule) n++;
        }
        if (n == 0) return [];
        var result = new T[n];
        int k = 0;
        foreach (var child in children)
        {
            if (child is ParserRuleContext c && c.RuleIndex == rule) result[k++] = Unsafe.As<T>(c);
        }
        return result;
    }

    /// <summary>The <paramref name="nth"/> (0-based) token child of type <paramref name="tokenType"/>, or null (like <c>TOKEN(i)</c>).</summary>
    public static IToken? Token(ParserRuleContext ctx, int tokenType, int nth = 0)
    {
        foreach (var child in Span(ctx))
        {
            var symbol = child switch
            {
                LightToken t => t,
                ITerminalNode t => t.Symbol,
                _ => null,
            };
            if (symbol is not null && symbol.Type == tokenType && nth-- == 0) return symbol;
        }
        return null;
    }

    /// <summary>True when the node has a token child of type <paramref name="tokenType"/>.</summary>
    public static bool HasToken(ParserRuleContext ctx, int tokenType) => Token(ctx, tokenType) is not null;

    /// <summary>The children as a span (the direct parser's lists are <see cref="ChildList"/>, the generated parser's <see cref="List{T}"/>).</summary>
    internal static ReadOnlySpan<IParseTree> Span(ParserRuleContext ctx) => ctx.children switch
    {
        null => [],
        ChildList list => list.AsSpan(),
        List<IParseTree> list => CollectionsMarshal.AsSpan(list),
        var other => other.ToArray(),
    };

    /// <summary>The rule index of a generated context class, read once from an uninitialized instance (the property returns a constant).</summary>
    /// <exception cref="InvalidOperationException">T is a labeled alternative's class (it shares its rule's index, so
    /// matching by index would accept the rule's other alternatives too).</exception>
    private static class RuleIndexOf<[DynamicallyAccessedMembers(Constructors)] T> where T : ParserRuleContext
    {
        public static readonly int Value = typeof(T).BaseType == typeof(ParserRuleContext)
            ? ((ParserRuleContext)RuntimeHelpers.GetUninitializedObject(typeof(T))).RuleIndex
            : throw new InvalidOperationException($"{typeof(T).Name} is a labeled alternative, not a rule's context class");
    }
}
