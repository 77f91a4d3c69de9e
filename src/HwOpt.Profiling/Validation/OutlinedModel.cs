using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HwOpt.IR;
using HwOpt.Syntax;

namespace HwOpt.Profiling.Validation;

/// <summary>One outlined kernel of an <see cref="OutlinedModel"/>.</summary>
/// <param name="Symbol">Function name (<c>k0</c>, <c>k1</c>, ...: the group's index).</param>
/// <param name="OpCount">Ops of the group (without absorbed <c>tensor.empty</c> ops and cloned constants).</param>
/// <param name="Format">Element type it computes in, or null.</param>
/// <param name="Execution">How that format was executed.</param>
public sealed record OutlinedKernel(string Symbol, int OpCount, string? Format, FormatExecution Execution);

/// <summary>
/// Rewrites a model's entry function as a driver that calls one outlined kernel function per <see cref="ExecutionGroup"/>:
/// each group becomes a <c>noinline</c> function (<see cref="KernelExtractor.Outline"/>, the profiler's outlining, so a
/// kernel is the text the cost model predicted), and the driver, which keeps the entry's name and signature, calls the
/// kernels in a topological order of their dependencies (ties by program order) and passes the values between them.
/// Ops that are in no group (constants, <c>tensor.empty</c> used by several kernels) stay in the driver; a
/// <c>tensor.empty</c> used only by one kernel moves into it, so that the kernel allocates its own destination.
/// A group in a reduced float format is rewritten to compute in it, with casts in the driver (<see cref="FormatExecution.Real"/>);
/// an integer format is emulated by per-tensor symmetric quantize-dequantize of the kernel's float arguments
/// (<see cref="FormatExecution.Emulated"/>), as is every format when <c>emulateFormats</c> is set.
/// </summary>
public static class OutlinedModel
{
    /// <summary>Builds the module text.</summary>
    /// <param name="entry">The entry <c>func.func</c> op.</param>
    /// <param name="groups">Kernels; every group's ops must be top-level ops of the entry body; ops may be in one group at most.</param>
    /// <param name="source">Source name (recorded in kernels).</param>
    /// <param name="kernels">Receives one entry per group, in group order.</param>
    /// <param name="emulateFormats">Emulate every reduced format (quantize-dequantize) instead of executing float formats for real.</param>
    /// <returns>MLIR text of a module: the kernel functions (generic form) and the driver.</returns>
    /// <exception cref="ArgumentException">An op is in two groups, not in the entry body, or the groups depend on each other in a cycle.</exception>
    public static string Build(Operation entry, IReadOnlyList<ExecutionGroup> groups, string source, out IReadOnlyList<OutlinedKernel> kernels, bool emulateFormats = false)
    {
        var body = entry.Regions[0].Blocks[0];
        string name = entry.GetAttribute("sym_name") is StringAttr s ? s.Value : "forward";
        var ops = body.Operations;
        var position = new Dictionary<Operation, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < ops.Count; i++) position[ops[i]] = i;
        var terminator = ops.LastOrDefault(o => DialectTraits.Has(o.Name, "terminator")) ?? throw new ArgumentException("the entry function has no terminator");

        // Item of each top-level op: group g, or a standalone op.
        var groupOf = new Dictionary<Operation, int>(ReferenceEqualityComparer.Instance);
        var members = groups.Select(g => new List<Operation>()).ToList();
        for (int g = 0; g < groups.Count; g++)
        {
            foreach (var op in groups[g].Ops)
            {
                if (!position.ContainsKey(op)) throw new ArgumentException($"op {op.Name} of group {g} is not in the body of @{name}");
                if (!groupOf.TryAdd(op, g)) throw new ArgumentException($"op {op.Name} is in groups {groupOf[op]} and {g}");
                members[g].Add(op);
            }
        }
        var topUsers = TopLevelUsers(ops);
        foreach (var op in ops)
        {
            if (groupOf.ContainsKey(op) || op.Operands.Count > 0 || op.Regions.Count > 0 || !DialectTraits.Has(op.Name, "allocation")) continue;
            var users = op.Results.SelectMany(r => topUsers.GetValueOrDefault(r, [])).Distinct().ToList();
            var owners = users.Select(u => groupOf.TryGetValue(u, out int g) ? g : -1).Distinct().ToList();
            if (owners.Count == 1 && owners[0] >= 0)
            {
                groupOf[op] = owners[0];
                members[owners[0]].Add(op);
            }
        }
        foreach (var m in members) m.Sort((a, b) => position[a].CompareTo(position[b]));
        var standalone = ops.Where(o => !groupOf.ContainsKey(o) && !ReferenceEquals(o, terminator)).ToList();

        // Outline the groups; name the values their calls define.
        var names = new Dictionary<Value, string>(ReferenceEqualityComparer.Instance);
        for (int a = 0; a < body.Arguments.Count; a++) names[body.Arguments[a]] = "%a" + I(a);
        var outlined = new List<OutlinedGroup?>();
        var info = new OutlinedKernel[groups.Count];
        var texts = new string[groups.Count];
        for (int g = 0; g < groups.Count; g++)
        {
            if (members[g].Count == 0)
            {
                outlined.Add(null);
                info[g] = new OutlinedKernel("k" + I(g), 0, groups[g].Format, FormatExecution.Native);
                continue;
            }
            var o = KernelExtractor.Outline(members[g], source, "validation");
            outlined.Add(o);
            var (text, execution) = KernelText(o, "k" + I(g), groups[g].Format, emulateFormats);
            texts[g] = text;
            info[g] = new OutlinedKernel("k" + I(g), groups[g].Ops.Count, groups[g].Format, execution);
            // Results of a real-format call are cast back one by one, so each gets a name of its own.
            bool separate = execution == FormatExecution.Real || o.Results.Count == 1;
            for (int r = 0; r < o.Results.Count; r++) names[o.Results[r]] = "%k" + I(g) + (o.Results.Count == 1 ? "" : (separate ? "_" : "#") + I(r));
        }

        // Standalone ops, printed together so that their names are unique, then cut into one chunk per op.
        var standaloneNames = new Dictionary<Value, string>(ReferenceEqualityComparer.Instance);
        string printed = GenericPrinter.PrintOperations(standalone, names, 2, standaloneNames);
        foreach (var (v, n) in standaloneNames) names[v] = n;
        var chunks = SplitTopLevel(printed, 2);
        if (chunks.Count != standalone.Count) throw new InvalidOperationException($"printed {chunks.Count} ops for {standalone.Count}");

        // Items and their dependencies: item i < groups.Count is group i, others are standalone ops.
        int itemCount = groups.Count + standalone.Count;
        var standaloneIndex = new Dictionary<Operation, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < standalone.Count; i++) standaloneIndex[standalone[i]] = i;
        int ItemOf(Operation top) => groupOf.TryGetValue(top, out int g) ? g : groups.Count + standaloneIndex[top];
        var first = new int[itemCount];
        for (int g = 0; g < groups.Count; g++) first[g] = members[g].Count == 0 ? int.MaxValue : position[members[g][0]];
        for (int i = 0; i < standalone.Count; i++) first[groups.Count + i] = position[standalone[i]];
        var successors = Enumerable.Range(0, itemCount).Select(_ => new HashSet<int>()).ToArray();
        var indegree = new int[itemCount];
        foreach (var op in ops)
        {
            if (ReferenceEquals(op, terminator)) continue;
            int to = ItemOf(op);
            foreach (var user in op.Walk())
            {
                foreach (var operand in user.Operands)
                {
                    if (operand is not OpResult r || TopLevel(r.Owner, position) is not { } def || ReferenceEquals(def, terminator)) continue;
                    int from = ItemOf(def);
                    if (from != to && successors[from].Add(to)) indegree[to]++;
                }
            }
        }
        var ready = new PriorityQueue<int, int>();
        for (int i = 0; i < itemCount; i++) if (indegree[i] == 0) ready.Enqueue(i, first[i]);
        var order = new List<int>();
        while (ready.TryDequeue(out int item, out _))
        {
            order.Add(item);
            foreach (int next in successors[item]) if (--indegree[next] == 0) ready.Enqueue(next, first[next]);
        }
        if (order.Count != itemCount) throw new ArgumentException("the kernels depend on each other in a cycle");

        var sb = new StringBuilder("module {\n");
        foreach (var text in texts) if (text is not null) sb.Append(text);
        var argTypes = body.Arguments.Select(a => a.Type).ToList();
        var resultTypes = terminator.Operands.Select(v => v.Type).ToList();
        sb.Append("\"func.func\"() <{function_type = ").Append(new FunctionType(argTypes, resultTypes)).Append(", sym_name = \"").Append(name).Append("\"}> ({\n^bb0(");
        sb.Append(string.Join(", ", body.Arguments.Select((a, i) => "%a" + I(i) + ": " + a.Type))).Append("):\n");
        foreach (int item in order)
        {
            if (item >= groups.Count)
            {
                sb.Append(chunks[item - groups.Count]);
                continue;
            }
            if (outlined[item] is not { } o) continue;
            AppendCall(sb, item, o, info[item], names);
        }
        sb.Append("  \"func.return\"(").Append(string.Join(", ", terminator.Operands.Select(v => names[v]))).Append(") : (")
          .Append(string.Join(", ", resultTypes)).Append(") -> ()\n}) : () -> ()\n}\n");
        kernels = info;
        return sb.ToString();
    }

    private static void AppendCall(StringBuilder sb, int g, OutlinedGroup o, OutlinedKernel info, Dictionary<Value, string> names)
    {
        var args = new List<string>();
        var argTypes = new List<string>();
        bool real = info.Execution == FormatExecution.Real && info.Format is not null;
        for (int a = 0; a < o.Arguments.Count; a++)
        {
            var v = o.Arguments[a];
            string n = names[v];
            string t = v.Type.ToString();
            if (info.Execution != FormatExecution.Native && info.Format is { } f && v.Type is TensorType { ElementType: FloatType ft } tt && tt.HasStaticShape && ft.Name != f)
            {
                string q = "%q" + I(g) + "_" + I(a);
                if (real)
                {
                    sb.Append(FormatCasts.Cast(q, n, tt.Shape!, ft.Name, f));
                    t = FormatCasts.TensorText(tt.Shape!, f);
                }
                else
                {
                    sb.Append(FormatCasts.QuantizeDequantize(q, n, tt.Shape!, ft.Name, f));
                }
                n = q;
            }
            args.Add(n);
            argTypes.Add(t);
        }
        var resultTypes = o.Results.Select(r => r.Type).ToList();
        var calleeResults = resultTypes.Select(t => real && t is TensorType { ElementType: FloatType } tt && tt.HasStaticShape ? FormatCasts.TensorText(tt.Shape!, info.Format!) : t.ToString()).ToList();
        string callName = real ? "%c" + I(g) : "%k" + I(g);
        sb.Append("  ").Append(callName).Append(o.Results.Count > 1 ? ":" + I(o.Results.Count) : "").Append(" = \"func.call\"(").Append(string.Join(", ", args))
          .Append(") <{callee = @k").Append(I(g)).Append("}> : (").Append(string.Join(", ", argTypes)).Append(") -> (").Append(string.Join(", ", calleeResults)).Append(")\n");
        if (!real) return;
        for (int r = 0; r < o.Results.Count; r++)
        {
            string from = callName + (o.Results.Count > 1 ? "#" + I(r) : "");
            string to = names[o.Results[r]];
            if (resultTypes[r] is TensorType { ElementType: FloatType ft } tt && tt.HasStaticShape && calleeResults[r] != resultTypes[r].ToString())
            {
                sb.Append(FormatCasts.Cast(to, from, tt.Shape!, info.Format!, ft.Name));
                continue;
            }
            sb.Append("  ").Append(to).Append(" = \"tensor.cast\"(").Append(from).Append(") : (").Append(resultTypes[r]).Append(") -> ").Append(resultTypes[r]).Append('\n');
        }
    }

    private static (string Text, FormatExecution Execution) KernelText(OutlinedGroup o, string symbol, string? format, bool emulate)
    {
        string text = o.Kernel.FunctionText(symbol, noInline: true);
        var original = o.Results.Select(r => r.Type).OfType<ShapedType>().Select(t => t.ElementType).OfType<FloatType>().FirstOrDefault();
        if (format is null || original is null || original.Name == format) return (text, FormatExecution.Native);
        bool integer = format.StartsWith('i');
        if (integer || emulate) return (text, FormatExecution.Emulated);
        return (Regex.Replace(text, "(?<=[x<(\\s:,\\[])" + Regex.Escape(original.Name) + "(?=[>\\s,)\\]}]|$)", format), FormatExecution.Real);
    }

    /// <summary>Cuts printed ops into one chunk per top-level op (a line at <paramref name="indent"/> spaces that does not start with <c>}</c> begins one).</summary>
    internal static List<string> SplitTopLevel(string printed, int indent)
    {
        var chunks = new List<string>();
        var current = new StringBuilder();
        string prefix = new(' ', indent);
        foreach (var line in printed.Split('\n'))
        {
            if (line.Length == 0) continue;
            bool starts = line.StartsWith(prefix, StringComparison.Ordinal) && line.Length > indent && line[indent] != ' ' && line[indent] != '}' && line[indent] != '^';
            if (starts && current.Length > 0)
            {
                chunks.Add(current.ToString());
                current.Clear();
            }
            current.Append(line).Append('\n');
        }
        if (current.Length > 0) chunks.Add(current.ToString());
        return chunks;
    }

    private static Operation? TopLevel(Operation op, Dictionary<Operation, int> position)
    {
        for (Operation? o = op; o is not null; o = o.ParentOp)
        {
            if (position.ContainsKey(o)) return o;
        }
        return null;
    }

    /// <summary>The top-level ops that use each value (uses inside nested regions count for the op that holds them).</summary>
    private static Dictionary<Value, List<Operation>> TopLevelUsers(IReadOnlyList<Operation> ops)
    {
        var users = new Dictionary<Value, List<Operation>>(ReferenceEqualityComparer.Instance);
        foreach (var top in ops)
        {
            foreach (var op in top.Walk())
            {
                foreach (var operand in op.Operands)
                {
                    if (!users.TryGetValue(operand, out var list)) users[operand] = list = [];
                    list.Add(top);
                }
            }
        }
        return users;
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
}
