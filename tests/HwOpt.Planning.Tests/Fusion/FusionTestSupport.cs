using System.Globalization;
using System.Text;
using HwOpt.Analysis.Work;
using HwOpt.CostModel;
using HwOpt.CostModel.Devices;
using HwOpt.Diagnostics;
using HwOpt.IR;
using HwOpt.Planning.Fusion;
using HwOpt.Syntax;

namespace HwOpt.Planning.Tests.Fusion;

/// <summary>Graphs, cost models and a brute-force optimum for fusion tests.</summary>
internal static class FusionTestSupport
{
    public static string RepoRoot { get; } = FindRoot();

    public const string T = "tensor<8x8xf32>";

    /// <summary>Parses a module into a plan graph.</summary>
    public static PlanGraph Graph(string text, string name = "test.mlir")
    {
        var result = MlirParser.Parse(new SourceText(name, text));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        return PlanGraph.FromModule(result.Module!, name);
    }

    /// <summary>A function over 8x8 f32 tensors with arguments %x, %y, %w and the given body lines; returns <paramref name="results"/>.</summary>
    public static PlanGraph Function(IEnumerable<string> body, params string[] results)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"func.func @f(%x: {T}, %y: {T}, %w: {T}) -> ({string.Join(", ", results.Select(_ => T))}) {{\n");
        foreach (var line in body) sb.Append("  ").Append(line).Append('\n');
        sb.Append(CultureInfo.InvariantCulture, $"  return {string.Join(", ", results)} : {string.Join(", ", results.Select(_ => T))}\n}}\n");
        return Graph(sb.ToString());
    }

    public static string Add(string r, string a, string b) => $"{r} = arith.addf {a}, {b} : {T}";
    public static string Mul(string r, string a, string b) => $"{r} = arith.mulf {a}, {b} : {T}";
    public static string Exp(string r, string a) => $"{r} = math.exp {a} : {T}";
    public static string MatMul(string r, string a, string b) => $"{r} = linalg.matmul ins({a}, {b} : {T}, {T}) outs(%w : {T}) -> {T}";

    /// <summary>A generic that sums rows into a broadcast-free 8x8 result (reduction iterator, no multiply).</summary>
    public static string RowSum(string r, string a) =>
        $"{r} = linalg.generic {{indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = [\"parallel\", \"parallel\", \"reduction\"]}} ins({a} : {T}) outs(%w : {T}) {{\n" +
        "  ^bb0(%in: f32, %out: f32):\n    %s = arith.addf %in, %out : f32\n    linalg.yield %s : f32\n  } -> " + T;

    /// <summary>A random DAG of <paramref name="ops"/> kernel ops (elementwise, exp, matmul, row sums); every value without a user is returned.</summary>
    public static PlanGraph RandomDag(int seed, int ops)
    {
        var random = new Random(seed);
        var values = new List<string> { "%x", "%y" };
        var used = new HashSet<string>();
        var body = new List<string>();
        for (int i = 0; i < ops; i++)
        {
            string r = "%v" + i.ToString(CultureInfo.InvariantCulture);
            string Pick()
            {
                // Prefer recent values so that chains and diamonds appear.
                int k = Math.Max(0, values.Count - 1 - (int)Math.Floor(Math.Abs(random.NextDouble() * random.NextDouble()) * values.Count));
                used.Add(values[k]);
                return values[k];
            }
            int kind = random.Next(10);
            body.Add(kind switch
            {
                < 3 => Add(r, Pick(), Pick()),
                < 5 => Mul(r, Pick(), Pick()),
                < 6 => Exp(r, Pick()),
                < 8 => MatMul(r, Pick(), Pick()),
                _ => RowSum(r, Pick()),
            });
            values.Add(r);
        }
        var results = values.Skip(2).Where(v => !used.Contains(v)).ToArray();
        return Function(body, results);
    }

    public static DeviceProfile Host { get; } = DeviceCatalog.Load(DeviceCatalog.Host, new DiagnosticBag())!;

    public static ICostModel Roofline { get; } = new RooflineCostModel(Host);

    /// <summary>
    /// Brute force: every partition of the kernel nodes into legal groups (every subset checked by
    /// <c>FusionLegality.CheckGroup</c>, not the candidate enumerator) with an acyclic group graph, each group costed as one
    /// fused kernel with the same model. Returns the least total, ns, and its groups.
    /// </summary>
    public static (double Ns, List<int[]> Groups) BruteForce(PlanGraph plan, ICostModel model, int maxGroupSize, Func<GroupCostView, bool>? keep = null)
    {
        var legality = new FusionLegality(plan);
        var costing = new FusionCosting(plan, model);
        var nodes = plan.KernelNodes.ToArray();
        Assert.True(nodes.Length <= 12, "brute force is for small graphs");
        var legal = new List<int[]>();
        for (int mask = 1; mask < 1 << nodes.Length; mask++)
        {
            var set = Enumerable.Range(0, nodes.Length).Where(i => (mask >> i & 1) != 0).Select(i => nodes[i]).ToArray();
            if (legality.CheckGroup(set, maxGroupSize).Accepted) legal.Add(set);
        }
        var costs = costing.Cost(legal);
        var usable = costs.Where(c => c.Nodes.Length == 1 || keep is null || keep(new GroupCostView(c.Nodes, c.WorkingSetBytes, c.Spills))).ToList();
        double best = double.PositiveInfinity;
        List<int[]>? bestGroups = null;
        var chosen = new List<GroupCost>();
        var covered = new HashSet<int>();
        void Recurse(double sum)
        {
            int next = nodes.FirstOrDefault(n => !covered.Contains(n), -1);
            if (next < 0)
            {
                if (sum < best - 1e-9 && FusionMilp.Cycle(plan, chosen.Select(c => c.Nodes).ToList()) is null)
                {
                    best = sum;
                    bestGroups = chosen.Select(c => c.Nodes).ToList();
                }
                return;
            }
            foreach (var c in usable)
            {
                if (!c.Nodes.Contains(next) || c.Nodes.Any(covered.Contains)) continue;
                chosen.Add(c);
                foreach (int v in c.Nodes) covered.Add(v);
                Recurse(sum + c.ObjectiveNs);
                foreach (int v in c.Nodes) covered.Remove(v);
                chosen.RemoveAt(chosen.Count - 1);
            }
        }
        Recurse(0);
        return (best, bestGroups!);
    }

    /// <summary>What a brute-force limit filter sees of a group.</summary>
    public sealed record GroupCostView(int[] Nodes, double WorkingSetBytes, double Spills);

    public static IReadOnlyList<IReadOnlyList<int>> Nodes(IEnumerable<FusionGroup> groups) => groups.Select(g => g.Nodes).ToList();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Compiler.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("repository root not found");
    }
}

/// <summary>
/// A deterministic fake whose fused cost is not additive: 50 ns per kernel, 0.05 ns per byte crossing the kernel
/// boundary (fusing removes intermediate traffic), 0.01 ns per FLOP, plus 15·(k−1)² ns for k ops in one kernel
/// (big kernels get worse), so the optimum is neither "no fusion" nor "fuse everything". Spills = k − 1.
/// </summary>
internal sealed class NonAdditiveModel : ICostModel
{
    public string Name => "fake:non-additive";

    public IReadOnlyList<CostPrediction> Predict(IReadOnlyList<IReadOnlyList<Operation>> kernels) => kernels.Select(body =>
    {
        var work = WorkEstimator.EstimateGroup(body);
        int k = body.Count(o => !DialectTraits.Has(o.Name, "constant"));
        double ns = 50 + work.Bytes * 0.05 + work.Flops * 0.01 + 15.0 * (k - 1) * (k - 1);
        return new CostPrediction(ns, ns * 0.9, ns * 1.1, new Dictionary<string, double> { ["spills"] = k - 1 }, work, "memory", []);
    }).ToList();
}
