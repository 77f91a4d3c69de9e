using HwOpt.Analysis;
using System.Text;
using HwOpt.IR;
using HwOpt.Syntax;

namespace HwOpt.Profiling;

/// <summary>Why an op of a model did not become a kernel.</summary>
/// <param name="OpName">The op.</param>
/// <param name="Reason">One sentence.</param>
public sealed record SkippedOp(string OpName, string Reason);

/// <summary>A group of ops outlined into a kernel, with the values its call passes and the values its results replace.</summary>
/// <param name="Kernel">The kernel.</param>
/// <param name="Arguments">The outside value of each kernel argument <c>%inN</c>, in order.</param>
/// <param name="Results">The op result of each kernel result, in order.</param>
public sealed record OutlinedGroup(Kernel Kernel, IReadOnlyList<Value> Arguments, IReadOnlyList<OpResult> Results);

/// <summary>
/// Outlines ops of a parsed module into standalone <see cref="Kernel"/>s. Kernel candidates are the ops of function
/// bodies (the dataflow graph's nodes); terminators, constants, allocations and ops that touch no tensor, memref or
/// vector are skipped (with a reason). Constants the ops use are cloned into the kernel when they hold at most
/// <see cref="MaxClonedConstantElements"/> elements; other outside values become arguments.
/// </summary>
public static class KernelExtractor
{
    /// <summary>Largest constant (in elements) cloned into a kernel instead of being passed as an argument.</summary>
    public const long MaxClonedConstantElements = 4096;

    /// <summary>One kernel per candidate op of every function body in the module, in program order.</summary>
    /// <param name="module">Parsed IR.</param>
    /// <param name="source">Source name recorded with each kernel.</param>
    /// <param name="family">Architecture family recorded with each kernel.</param>
    /// <param name="skipped">Receives the ops that were not outlined, with reasons.</param>
    /// <returns>Kernels paired with the op they came from.</returns>
    public static IReadOnlyList<(Operation Op, Kernel Kernel)> FromModule(ModuleIR module, string source, string family, List<SkippedOp>? skipped = null)
    {
        var result = new List<(Operation, Kernel)>();
        foreach (var body in FunctionBodies(module.Root))
        {
            foreach (var op in body)
            {
                string? reason = WhyNotAKernel(op);
                if (reason is not null)
                {
                    skipped?.Add(new SkippedOp(op.Name, reason));
                    continue;
                }
                result.Add((op, FromGroup([op], source, family)));
            }
        }
        return result;
    }

    /// <summary>Says why an op is not profiled on its own, or null when it is a kernel candidate.</summary>
    public static string? WhyNotAKernel(Operation op)
    {
        if (DialectTraits.Has(op.Name, "terminator")) return "terminator";
        if (DialectTraits.Has(op.Name, "constant")) return "constant (cloned into its users' kernels)";
        if (DialectTraits.Has(op.Name, "allocation")) return "allocation only";
        if (DialectTraits.Has(op.Name, "symbol")) return "symbol definition";
        if (op.Name is "func.call" or "func.call_indirect") return "call to another function";
        bool touchesData = op.Operands.Select(o => o.Type).Concat(op.Results.Select(r => r.Type)).Any(t => t is ShapedType);
        if (!touchesData) return "scalar op (no tensor, memref or vector)";
        return null;
    }

    /// <summary>
    /// Outlines a group of ops of one block (given in program order) into a kernel. Results used outside the group
    /// become the kernel's results; when none is used outside, the results of the last op are returned.
    /// </summary>
    /// <param name="group">The ops; all in the same block.</param>
    /// <param name="source">Source name.</param>
    /// <param name="family">Architecture family.</param>
    /// <returns>The kernel.</returns>
    /// <exception cref="ArgumentException">The group is empty.</exception>
    public static Kernel FromGroup(IReadOnlyList<Operation> group, string source, string family) => Outline(group, source, family).Kernel;

    /// <summary>
    /// Outlines a group like <see cref="FromGroup"/> and also says which outside values the kernel's arguments are and
    /// which op results its results are, so that a caller can replace the group by a call to the kernel.
    /// </summary>
    /// <param name="group">The ops; all in the same block, in program order.</param>
    /// <param name="source">Source name.</param>
    /// <param name="family">Architecture family.</param>
    /// <returns>The kernel with its argument values and result values, in the kernel's order.</returns>
    /// <exception cref="ArgumentException">The group is empty.</exception>
    public static OutlinedGroup Outline(IReadOnlyList<Operation> group, string source, string family)
    {
        if (group.Count == 0) throw new ArgumentException("empty group", nameof(group));
        var members = new HashSet<Operation>(ReferenceEqualityComparer.Instance);
        foreach (var op in group)
        {
            foreach (var nested in op.Walk()) members.Add(nested);
        }

        // Outside values, in first-use order: constants to clone, or arguments.
        var external = new Dictionary<Value, string>(ReferenceEqualityComparer.Instance);
        var argumentTypes = new List<MlirType>();
        var argumentValues = new List<Value>();
        var clones = new List<Operation>();
        var cloned = new HashSet<Operation>(ReferenceEqualityComparer.Instance);
        foreach (var op in group)
        {
            foreach (var user in op.Walk())
            {
                foreach (var operand in user.Operands)
                {
                    if (external.ContainsKey(operand) || IsDefinedInside(operand, members)) continue;
                    if (operand is OpResult r && IsClonableConstant(r.Owner))
                    {
                        if (cloned.Add(r.Owner)) clones.Add(r.Owner);
                        continue;
                    }
                    external[operand] = "%in" + argumentTypes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    argumentTypes.Add(operand.Type);
                    argumentValues.Add(operand);
                }
            }
        }

        var ops = clones.Concat(group).ToList();
        var resultNames = new Dictionary<Value, string>(ReferenceEqualityComparer.Instance);
        string text = GenericPrinter.PrintOperations(ops, external, 2, resultNames);

        var escaping = new List<OpResult>();
        foreach (var op in group)
        {
            foreach (var r in op.Results)
            {
                if (group.Count == 1 || UsedOutside(r, members)) escaping.Add(r);
            }
        }
        if (escaping.Count == 0) escaping.AddRange(group[^1].Results);

        var sb = new StringBuilder(text);
        sb.Append("  \"func.return\"(");
        sb.Append(string.Join(", ", escaping.Select(r => resultNames[r])));
        sb.Append(") : (").Append(string.Join(", ", escaping.Select(r => r.Type.ToString()))).Append(") -> ()\n");
        var kernel = new Kernel(source, family, group.Select(o => o.Name).ToList(), argumentTypes, escaping.Select(r => r.Type).ToList(), sb.ToString());
        return new OutlinedGroup(kernel, argumentValues, escaping);
    }

    private static bool IsDefinedInside(Value v, HashSet<Operation> members) => v switch
    {
        OpResult r => members.Contains(r.Owner),
        BlockArgument a => a.Owner.Parent?.Parent is { } owner && members.Contains(owner),
        _ => false,
    };

    private static bool IsClonableConstant(Operation op)
    {
        if (!DialectTraits.Has(op.Name, "constant") || op.Operands.Count > 0 || op.Regions.Count > 0 || op.Results.Count != 1) return false;
        return op.Results[0].Type switch
        {
            ShapedType s => s.ElementCount is { } n && n <= MaxClonedConstantElements,
            _ => true,
        };
    }

    private static bool UsedOutside(OpResult r, HashSet<Operation> members)
    {
        var block = r.Owner.Parent;
        Operation? scope = block?.Parent?.Parent;
        if (scope is null) return true;
        if (!Users(scope).TryGetValue(r, out var users)) return false;
        foreach (var user in users)
        {
            if (!members.Contains(user)) return true;
        }
        return false;
    }

    /// <summary>
    /// The users of every value defined in a function body (ops at any depth, the function op itself excluded), built
    /// once per function by one walk and kept while the function is alive: the IR has no use lists, and a planner
    /// outlines thousands of candidate groups of one function. Kernels are extracted from IR that is not being
    /// rewritten (parsed models; annotating attributes does not change uses).
    /// </summary>
    private static Dictionary<Value, List<Operation>> Users(Operation scope) =>
        UseIndex.GetValue(scope, static s =>
        {
            var users = new Dictionary<Value, List<Operation>>(ReferenceEqualityComparer.Instance);
            foreach (var op in s.Walk())
            {
                if (ReferenceEquals(op, s)) continue;
                foreach (var operand in op.Operands)
                {
                    if (!users.TryGetValue(operand, out var list)) users[operand] = list = [];
                    list.Add(op);
                }
            }
            return users;
        });

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Operation, Dictionary<Value, List<Operation>>> UseIndex = new();

    /// <summary>The op lists of the function bodies of a module (the dataflow graph's node rule).</summary>
    internal static IEnumerable<IReadOnlyList<Operation>> FunctionBodies(Operation root) =>
        DataflowGraphBuilder.FunctionLikeOps(root).Select(f => (IReadOnlyList<Operation>)f.Regions.SelectMany(r => r.Blocks).SelectMany(b => b.Operations).ToList());
}
