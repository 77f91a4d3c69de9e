using HwOpt.Diagnostics;
using HwOpt.IR;

namespace HwOpt.Syntax;

/// <summary>A use of an SSA name before its definition; replaced when the definition is seen.</summary>
internal sealed class ForwardRef(string name, MlirType type, SourceSpan firstUse, bool typeKnown) : Value(type)
{
    public string Name { get; } = name;
    public SourceSpan FirstUse { get; } = firstUse;
    public bool TypeKnown { get; } = typeKnown;
    public List<(Operation Op, int Index)> Uses { get; } = new();
    public Value? Resolved { get; set; }
    public ForwardRef? Merged { get; set; }
}

/// <summary>
/// SSA name scopes, one per region being built. Names are looked up innermost first; a name used before its
/// definition becomes a <see cref="ForwardRef"/> that moves outwards when its region ends, and is an error
/// (HW1005) if the file ends without a definition.
/// </summary>
internal sealed class ValueScopes(DiagnosticBag diagnostics)
{
    private sealed class Scope
    {
        public bool Isolated { get; set; }
        public Dictionary<string, Value> Defs { get; } = new(Utf8KeyComparer.Instance);
        public Dictionary<string, ForwardRef> Pending { get; } = new(Utf8KeyComparer.Instance);
    }

    private readonly List<Scope> scopes = new();

    // Closed scopes, emptied, for the next regions: a file opens one scope per region (every linalg.generic body), and
    // reusing them keeps their dictionaries' storage instead of allocating two dictionaries per region.
    private readonly Stack<Scope> spare = new();

    /// <summary>Opens the scope of a region; an isolated-from-above region (e.g. a function body) may reuse outer names.</summary>
    public void Push(bool isolated = false)
    {
        var scope = spare.Count > 0 ? spare.Pop() : new Scope();
        scope.Isolated = isolated;
        scopes.Add(scope);
    }

    private void Recycle(Scope scope)
    {
        // A scope that grew large (a whole module's names) is dropped rather than kept with its large tables.
        if (scope.Defs.Count > 4096 || scope.Pending.Count > 4096) return;
        scope.Defs.Clear();
        scope.Pending.Clear();
        spare.Push(scope);
    }

    /// <summary>True when a definition of the name is visible.</summary>
    public bool IsVisible(string name)
    {
        for (int i = scopes.Count - 1; i >= 0; i--)
        {
            if (scopes[i].Defs.ContainsKey(name)) return true;
        }
        return false;
    }

    public void Pop()
    {
        var top = scopes[^1];
        scopes.RemoveAt(scopes.Count - 1);
        if (scopes.Count == 0)
        {
            foreach (var f in top.Pending.Values.OrderBy(f => f.FirstUse.Start))
            {
                diagnostics.Report(DiagnosticIds.UndefinedValue, f.FirstUse, $"use of undefined value '{f.Name}'");
            }
            Recycle(top);
            return;
        }
        var parent = scopes[^1];
        foreach (var (name, f) in top.Pending)
        {
            if (parent.Pending.TryGetValue(name, out var existing))
            {
                Redirect(f, existing);
            }
            else
            {
                parent.Pending[name] = f;
            }
        }
        Recycle(top);
    }

    /// <summary>Finds a visible definition or an existing forward reference; else records a new forward reference.</summary>
    public Value Use(string name, MlirType? expected, SourceSpan span)
    {
        Span<byte> buffer = stackalloc byte[256];
        var utf8 = System.Text.Encoding.UTF8.GetMaxByteCount(name.Length) <= buffer.Length
            ? buffer[..System.Text.Encoding.UTF8.GetBytes(name, buffer)]
            : System.Text.Encoding.UTF8.GetBytes(name);
        return Use(utf8, name, expected, span);
    }

    /// <summary>As <see cref="Use(string, MlirType?, SourceSpan)"/>, for a name not yet cut out of the source as a string (UTF-8).</summary>
    public Value Use(ReadOnlySpan<byte> name, MlirType? expected, SourceSpan span) => Use(name, null, expected, span);

    private Value Use(ReadOnlySpan<byte> name, string? nameString, MlirType? expected, SourceSpan span)
    {
        for (int i = scopes.Count - 1; i >= 0; i--)
        {
            if (scopes[i].Defs.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(name, out var v))
            {
                if (expected is not null && v is OpResult { Owner.IsOpaque: true } guessed)
                {
                    // Tolerant mode only guessed this type; a use in a known format knows better.
                    guessed.Type = expected;
                }
                else if (expected is not null && !TypeIdentity.Same(v.Type, expected) && v.Type is not NoneType)
                {
                    diagnostics.Report(DiagnosticIds.TypeMismatch, span,
                        $"use of value '{nameString ?? System.Text.Encoding.UTF8.GetString(name)}' expects type {expected} but the value has type {v.Type}");
                }
                return v;
            }
        }
        // `%v#0` names the only value of a single-valued definition too (MLIR accepts it: `return %0#0` after
        // `%0 = arith.addf ...`); a group's members are defined under their `#i` names and were found above.
        if (name.EndsWith("#0"u8) && name.Length > 3)
        {
            var single = name[..^2];
            for (int i = scopes.Count - 1; i >= 0; i--)
            {
                if (scopes[i].Defs.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(single, out var v)) return v;
            }
        }
        for (int i = scopes.Count - 1; i >= 0; i--)
        {
            if (scopes[i].Pending.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(name, out var f)) return f;
        }
        nameString ??= System.Text.Encoding.UTF8.GetString(name);
        var fresh = new ForwardRef(nameString, expected ?? NoneType.Instance, span, expected is not null);
        scopes[^1].Pending[nameString] = fresh;
        if (nameString.EndsWith("#0", StringComparison.Ordinal)) pendingFirstMembers++;
        return fresh;
    }

    // Forward references named `%v#0` still open: a later single-valued definition of `%v` resolves them too.
    private int pendingFirstMembers;

    /// <summary>Defines a name in the innermost scope, resolving forward references to it.</summary>
    public void Define(string name, Value value, SourceSpan span)
    {
        var top = scopes[^1];
        if (IsDefinedUpToIsolation(name))
        {
            diagnostics.Report(DiagnosticIds.RedefinedValue, span, $"redefinition of SSA value '{name}'");
            return;
        }
        top.Defs[name] = value;
        value.SourceName ??= name;
        for (int i = scopes.Count - 1; i >= 0; i--)
        {
            if (scopes[i].Pending.Remove(name, out var f))
            {
                if (f.TypeKnown && value is OpResult { Owner.IsOpaque: true })
                {
                    value.Type = f.Type;
                }
                else if (f.TypeKnown && !TypeIdentity.Same(f.Type, value.Type) && value.Type is not NoneType)
                {
                    diagnostics.Report(DiagnosticIds.TypeMismatch, f.FirstUse,
                        $"use of value '{name}' expects type {f.Type} but the value is defined with type {value.Type}");
                }
                foreach (var (op, index) in f.Uses) op.SetOperand(index, value);
                f.Uses.Clear();
                f.Resolved = value;
                break;
            }
        }
        if (pendingFirstMembers > 0 && !name.Contains('#'))
        {
            string first = name + "#0";
            if (!IsVisible(first)) ResolveFirstMember(first, value);
        }
    }

    private void ResolveFirstMember(string first, Value value)
    {
        for (int i = scopes.Count - 1; i >= 0; i--)
        {
            if (!scopes[i].Pending.Remove(first, out var f)) continue;
            pendingFirstMembers--;
            foreach (var (op, index) in f.Uses) op.SetOperand(index, value);
            f.Uses.Clear();
            f.Resolved = value;
            return;
        }
    }

    private bool IsDefinedUpToIsolation(string name)
    {
        for (int i = scopes.Count - 1; i >= 0; i--)
        {
            if (scopes[i].Defs.ContainsKey(name)) return true;
            if (scopes[i].Isolated) return false;
        }
        return false;
    }

    private static void Redirect(ForwardRef from, ForwardRef to)
    {
        foreach (var (op, index) in from.Uses)
        {
            op.SetOperand(index, to);
            to.Uses.Add((op, index));
        }
        from.Uses.Clear();
        from.Merged = to;
    }
}

/// <summary>Type identity as MLIR uniques types, where the text alone differs for the same type.</summary>
internal static partial class TypeIdentity
{
    /// <summary>
    /// True when <paramref name="a"/> and <paramref name="b"/> are the same type. Text decides, except for quantized
    /// types, whose scales MLIR reads as numbers and whose zero point 0 may be left out:
    /// <c>!quant.uniform&lt;i16:f32, 1.0:0&gt;</c> is <c>!quant.uniform&lt;i16:f32, 1.000000e+00&gt;</c>.
    /// </summary>
    public static bool Same(MlirType a, MlirType b)
    {
        if (a.Equals(b)) return true;
        string x = a.ToString(), y = b.ToString();
        return x.Contains("!quant.", StringComparison.Ordinal) && y.Contains("!quant.", StringComparison.Ordinal)
            && string.Equals(QuantKey(x), QuantKey(y), StringComparison.Ordinal);
    }

    private static string QuantKey(string text) =>
        ScaleAndZeroPoint().Replace(text, m =>
        {
            double scale = double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            string zero = m.Groups[2].Success && m.Groups[2].Value is not ("0" or "-0") ? ":" + m.Groups[2].Value : "";
            return scale.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + zero;
        });

    /// <summary>A scale with an optional zero point after <c>,</c> or <c>{</c> (<c>, 0.5:-128</c>, <c>{2.0e+2:120</c>).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=[,{]\s*)([-+]?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)(?::([-+]?[0-9]+))?")]
    private static partial System.Text.RegularExpressions.Regex ScaleAndZeroPoint();
}
