using System.Globalization;
using System.Text;

namespace HwOpt.IR;

/// <summary>Options of <see cref="GenericPrinter"/>.</summary>
/// <param name="PrintLocations">Print <c>loc(...)</c> after ops and block arguments (like <c>--mlir-print-debuginfo</c>).</param>
public sealed record PrintOptions(bool PrintLocations = false);

/// <summary>
/// Prints IR in MLIR's generic operation form, deterministically: two-space indentation per region level, results
/// numbered <c>%0, %1, ...</c> and block arguments <c>%arg0, ...</c> in print order, restarting in each op directly
/// inside the root module (results of ops directly in the module body are <c>%g0, ...</c> so that names never clash),
/// blocks <c>^bb0, ...</c> per region. Iterative, so deep IR cannot overflow the stack.
/// </summary>
public sealed class GenericPrinter
{
    private readonly PrintOptions options;
    private readonly Dictionary<Value, string> names = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Block, string> blockNames = new(ReferenceEqualityComparer.Instance);
    private int nextResult;
    private int nextArg;
    private int nextGlobal;

    /// <summary>Creates a printer.</summary>
    public GenericPrinter(PrintOptions? options = null) => this.options = options ?? new PrintOptions();

    /// <summary>Prints a module and its file metadata.</summary>
    public static string Print(ModuleIR module, PrintOptions? options = null)
    {
        var sb = new StringBuilder();
        new GenericPrinter(options).PrintTopLevel(sb, module.Root);
        foreach (var meta in module.MetadataText) sb.Append('\n').Append(meta).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// Prints a sequence of ops (and their regions) in generic form, as the body of a block at <paramref name="indent"/>
    /// spaces. Values used by the ops but defined elsewhere are named by <paramref name="externalNames"/> (they must
    /// not look like the printer's own names <c>%N</c> / <c>%argN</c>, e.g. <c>%in0</c>); results are <c>%0, %1, ...</c>.
    /// Used to outline ops into standalone kernel functions.
    /// </summary>
    /// <param name="ops">The ops, in order.</param>
    /// <param name="externalNames">Names of values defined outside <paramref name="ops"/>.</param>
    /// <param name="indent">Indentation of the ops, in spaces.</param>
    /// <param name="resultNames">Filled with the names given to the ops' results (for the caller's terminator).</param>
    /// <param name="options">Printing options.</param>
    /// <returns>The text, one op per line (nested regions on further lines).</returns>
    public static string PrintOperations(IReadOnlyList<Operation> ops, IReadOnlyDictionary<Value, string> externalNames, int indent,
        IDictionary<Value, string>? resultNames = null, PrintOptions? options = null)
    {
        var printer = new GenericPrinter(options);
        foreach (var (value, name) in externalNames) printer.names[value] = name;
        var sb = new StringBuilder();
        var work = new Stack<Action>();
        for (int i = ops.Count - 1; i >= 0; i--)
        {
            var op = ops[i];
            work.Push(() => printer.PrintOp(sb, op, indent, work, isModuleChild: false));
        }
        while (work.Count > 0) work.Pop()();
        if (resultNames is not null)
        {
            foreach (var op in ops)
            {
                foreach (var r in op.Results) resultNames[r] = printer.NameOf(r);
            }
        }
        return sb.ToString();
    }

    private void PrintTopLevel(StringBuilder sb, Operation root)
    {
        // Frames: an op to print, or the closing text of a region/op.
        var work = new Stack<Action>();
        work.Push(() => PrintOp(sb, root, 0, work, isModuleChild: false));
        while (work.Count > 0) work.Pop()();
    }

    private string NameOf(Value v)
    {
        if (names.TryGetValue(v, out var n)) return n;
        // A use before definition in print order (graph regions, blocks later in the region): name it now.
        return Define(v, v is OpResult r && IsInRootModule(r.Owner));
    }

    private string Define(Value v, bool global)
    {
        if (names.TryGetValue(v, out var existing)) return existing;
        string name;
        if (v is OpResult r)
        {
            // All results of one op share a base name: %5 (one result) or %5#i.
            var owner = r.Owner;
            string baseName = global
                ? "%g" + (nextGlobal++).ToString(CultureInfo.InvariantCulture)
                : "%" + (nextResult++).ToString(CultureInfo.InvariantCulture);
            for (int i = 0; i < owner.Results.Count; i++)
            {
                names[owner.Results[i]] = owner.Results.Count == 1 ? baseName : baseName + "#" + i.ToString(CultureInfo.InvariantCulture);
            }
            name = names[v];
        }
        else
        {
            name = "%arg" + (nextArg++).ToString(CultureInfo.InvariantCulture);
            names[v] = name;
        }
        return name;
    }

    private static bool IsInRootModule(Operation op) => op.ParentOp is { } p && p.ParentOp is null;

    private void PrintOp(StringBuilder sb, Operation op, int indent, Stack<Action> work, bool isModuleChild)
    {
        if (isModuleChild)
        {
            nextResult = 0;
            nextArg = 0;
        }
        Indent(sb, indent);
        if (op.Results.Count > 0)
        {
            string baseName = Define(op.Results[0], global: IsInRootModule(op));
            int hash = baseName.IndexOf('#');
            sb.Append(hash < 0 ? baseName : baseName.Substring(0, hash));
            if (op.Results.Count > 1) sb.Append(':').Append(op.Results.Count.ToString(CultureInfo.InvariantCulture));
            sb.Append(" = ");
        }
        Printing.QuotedString(sb, op.Name);
        sb.Append('(');
        for (int i = 0; i < op.Operands.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(NameOf(op.Operands[i]));
        }
        sb.Append(')');
        if (op.HasSuccessors)
        {
            sb.Append('[');
            for (int i = 0; i < op.Successors.Count; i++)
            {
                if (i > 0) sb.Append(", ");
                sb.Append(BlockName(op.Successors[i]));
            }
            sb.Append(']');
        }
        if (op.Properties is not null && !(op.Properties is DictionaryAttr { Count: 0 }))
        {
            sb.Append(" <");
            op.Properties.Print(sb);
            sb.Append('>');
        }

        // The tail after the regions: attributes, type, location.
        var tail = new StringBuilder();
        if (op.Attributes.Count > 0)
        {
            tail.Append(' ');
            op.Attributes.Print(tail);
        }
        tail.Append(" : ");
        op.FunctionType.Print(tail);
        if (options.PrintLocations)
        {
            tail.Append(' ');
            op.Location.Print(tail);
        }
        tail.Append('\n');
        string tailText = tail.ToString();

        if (!op.HasRegions)
        {
            sb.Append(tailText);
            return;
        }

        sb.Append(" (");
        // Push in reverse: regions in order, separated by ", ", then ")" + tail.
        work.Push(() => { Indent(sb, indent); sb.Append('}').Append(')').Append(tailText); });
        for (int r = op.Regions.Count - 1; r >= 0; r--)
        {
            PushRegionBody(sb, op.Regions[r], indent, work, isModuleBody: op.ParentOp is null && op.Name == "builtin.module");
            if (r > 0) work.Push(() => { Indent(sb, indent); sb.Append("}, {\n"); });
        }
        work.Push(() => sb.Append("{\n"));
    }

    private void PushRegionBody(StringBuilder sb, Region region, int indent, Stack<Action> work, bool isModuleBody)
    {
        // Name blocks first so that successors can refer forward.
        for (int b = 0; b < region.Blocks.Count; b++) blockNames[region.Blocks[b]] = "^bb" + b.ToString(CultureInfo.InvariantCulture);
        var frames = new List<Action>();
        for (int b = 0; b < region.Blocks.Count; b++)
        {
            var block = region.Blocks[b];
            // An empty entry block needs its label, or the region would read back as having no block.
            bool printLabel = b > 0 || block.Arguments.Count > 0 || block.Operations.Count == 0;
            if (printLabel) frames.Add(() => PrintBlockLabel(sb, block, indent));
            foreach (var op in block.Operations)
            {
                var o = op;
                frames.Add(() => PrintOp(sb, o, indent + 2, work, isModuleBody));
            }
        }
        for (int i = frames.Count - 1; i >= 0; i--) work.Push(frames[i]);
    }

    private void PrintBlockLabel(StringBuilder sb, Block block, int indent)
    {
        Indent(sb, indent);
        sb.Append(BlockName(block));
        if (block.Arguments.Count > 0)
        {
            sb.Append('(');
            for (int i = 0; i < block.Arguments.Count; i++)
            {
                if (i > 0) sb.Append(", ");
                var a = block.Arguments[i];
                sb.Append(Define(a, global: false)).Append(": ");
                a.Type.Print(sb);
                if (options.PrintLocations && a.Location is not null)
                {
                    sb.Append(' ');
                    a.Location.Print(sb);
                }
            }
            sb.Append(')');
        }
        sb.Append(":\n");
    }

    private string BlockName(Block b) => blockNames.TryGetValue(b, out var n) ? n : "^bb_unknown";

    private static void Indent(StringBuilder sb, int n) => sb.Append(' ', n);
}
