using System.Globalization;
using System.Text;
using HwOpt.CostModel;
using HwOpt.CostModel.Devices;
using HwOpt.Planning.Fusion;
using HwOpt.Planning.Joint;
using HwOpt.Planning.Partitioning;
using HwOpt.Planning.Precision;

namespace HwOpt.Planning.Tests.Joint;

/// <summary>Small graphs over 128x128 f32 tensors, two roofline devices (host f32 only, gpu f32 + bf16) and the brute-force reference.</summary>
internal static class JointTestSupport
{
    public const string T = "tensor<128x128xf32>";

    public static DeviceProfile Host(double peakWatts = 50) => new()
    {
        Name = "host-cpu", Kind = "cpu",
        PeakFlops = new(StringComparer.Ordinal) { ["f32"] = 2e11 },
        Memory = new MemorySpec { BandwidthBytesPerS = 5e10, CapacityBytes = 1e12 },
        KernelOverheadNs = 1000,
        Power = new PowerSpec { IdleWatts = 10, PeakWatts = peakWatts },
    };

    public static DeviceProfile Gpu(double capacityBytes = 1e12) => new()
    {
        Name = "gpu", Kind = "gpu",
        PeakFlops = new(StringComparer.Ordinal) { ["f32"] = 2e12, ["bf16"] = 8e12 },
        Memory = new MemorySpec { BandwidthBytesPerS = 1e12, CapacityBytes = capacityBytes },
        Link = new LinkSpec { Name = "pcie", BandwidthBytesPerS = 1e10, LatencyNs = 5000 },
        KernelOverheadNs = 4000,
        Power = new PowerSpec { IdleWatts = 50, PeakWatts = 300 },
    };

    public static IReadOnlyList<PartitionDevice> Devices(double gpuCapacity = 1e12, double hostPeakWatts = 50)
    {
        var gpu = Gpu(gpuCapacity);
        var host = Host(hostPeakWatts);
        return [new PartitionDevice(host, new RooflineCostModel(host)), new PartitionDevice(gpu, new RooflineCostModel(gpu))];
    }

    /// <summary>fp32 and bf16 only, deterministic solver.</summary>
    public static JointOptions Options => new() { Formats = [NumericFormat.Bf16], Solver = new HwOpt.Planning.Milp.SolverOptions(TimeLimitSeconds: 60, RelativeGap: 1e-9) };

    public static string Add(string r, string a, string b) => $"{r} = arith.addf {a}, {b} : {T}";
    public static string Mul(string r, string a, string b) => $"{r} = arith.mulf {a}, {b} : {T}";
    public static string Exp(string r, string a) => $"{r} = math.exp {a} : {T}";
    public static string MatMul(string r, string a, string b) => $"{r} = linalg.matmul ins({a}, {b} : {T}, {T}) outs(%w : {T}) -> {T}";

    public static PlanGraph Function(IEnumerable<string> body, params string[] results)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"func.func @f(%x: {T}, %y: {T}, %w: {T}) -> ({string.Join(", ", results.Select(_ => T))}) {{\n");
        foreach (var line in body) sb.Append("  ").Append(line).Append('\n');
        sb.Append(CultureInfo.InvariantCulture, $"  return {string.Join(", ", results)} : {string.Join(", ", results.Select(_ => T))}\n}}\n");
        return Partitioning.PartitionTestSupport.Graph(sb.ToString());
    }

    /// <summary>matmul → add → exp → matmul → mul (5 kernel ops).</summary>
    public static PlanGraph Chain() => Function([MatMul("%m1", "%x", "%y"), Add("%a", "%m1", "%x"), Exp("%e", "%a"), MatMul("%m2", "%e", "%y"), Mul("%b", "%m2", "%y")], "%b");

    /// <summary>A diamond around a matmul's result, then a second matmul and a residual add (6 kernel ops).</summary>
    public static PlanGraph Diamond() => Function([MatMul("%m1", "%x", "%y"), Exp("%a", "%m1"), Add("%b", "%m1", "%x"), Mul("%c", "%a", "%b"), MatMul("%m2", "%c", "%y"), Add("%d", "%m2", "%c")], "%d");

    /// <summary>A random DAG of <paramref name="ops"/> kernel ops (add, mul, exp, matmul).</summary>
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
                int k = Math.Max(0, values.Count - 1 - random.Next(Math.Min(3, values.Count)));
                used.Add(values[k]);
                return values[k];
            }
            int kind = random.Next(8);
            body.Add(kind switch { < 2 => Add(r, Pick(), Pick()), < 4 => Mul(r, Pick(), Pick()), < 5 => Exp(r, Pick()), _ => MatMul(r, Pick(), Pick()) });
            values.Add(r);
        }
        return Function(body, values.Skip(2).Where(v => !used.Contains(v)).ToArray());
    }

    /// <summary>
    /// Brute force: every partition of the kernel ops into legal groups (every subset checked by
    /// <c>FusionLegality.CheckGroup</c>, not the enumerator) with an acyclic group graph, every format and device per group
    /// that is a candidate and meets the pins, evaluated by <c>JointEvaluator</c> against the same budgets. Returns the least latency, ns.
    /// </summary>
    public static (double Ns, List<JointChoice>? Best, int Assignments) BruteForce(PlanGraph graph, IReadOnlyList<PartitionDevice> devices, JointOptions options, double sensitivityBudget)
    {
        var legality = new FusionLegality(graph);
        var nodes = graph.KernelNodes.ToArray();
        Assert.True(nodes.Length <= 6, "brute force is for tiny graphs");
        var legal = new List<int[]>();
        for (int mask = 1; mask < 1 << nodes.Length; mask++)
        {
            var set = Enumerable.Range(0, nodes.Length).Where(i => (mask >> i & 1) != 0).Select(i => nodes[i]).ToArray();
            if (legality.CheckGroup(set, options.Fusion.MaxGroupSize).Accepted && (set.Length == 1 || !set.Any(options.NoFuse.Contains))) legal.Add(set);
        }
        var ops = DeviceCostTable.Build(graph, devices, options.HostName);
        var p = JointProblem.Build(graph, ops, devices, legal, options);
        var (allowed, conflict) = JointChecks.Pins(p, options);
        Assert.Null(conflict);
        var budgets = new JointBudgets(sensitivityBudget, options.SizeBudgetBytes, options.EnergyBudgetJoules, options.EnforceMemory);
        double best = double.PositiveInfinity;
        List<JointChoice>? arg = null;
        int count = 0;
        var chosen = new List<int>();
        var covered = new HashSet<int>();
        void Partition()
        {
            int next = nodes.FirstOrDefault(n => !covered.Contains(n), -1);
            if (next < 0)
            {
                if (FusionMilp.Cycle(graph, chosen.Select(g => p.Groups[g]).ToList()) is null) Assign(0, []);
                return;
            }
            for (int g = 0; g < p.Groups.Count; g++)
            {
                if (!p.Groups[g].Contains(next) || p.Groups[g].Any(covered.Contains)) continue;
                chosen.Add(g);
                covered.UnionWith(p.Groups[g]);
                Partition();
                covered.ExceptWith(p.Groups[g]);
                chosen.RemoveAt(chosen.Count - 1);
            }
        }
        void Assign(int k, List<JointChoice> current)
        {
            if (k == chosen.Count)
            {
                count++;
                var t = JointEvaluator.Evaluate(p, current, budgets, makespan: false);
                if (t.Violated.Count == 0 && t.LatencyNs < best - 1e-9) (best, arg) = (t.LatencyNs, current.ToList());
                return;
            }
            int g = chosen[k];
            foreach (var (f, d) in JointChecks.Choices(p, g).Where(c => allowed(g, c.Format, c.Device)))
            {
                current.Add(new JointChoice(g, f, d));
                Assign(k + 1, current);
                current.RemoveAt(current.Count - 1);
            }
        }
        Partition();
        return (best, arg, count);
    }
}
