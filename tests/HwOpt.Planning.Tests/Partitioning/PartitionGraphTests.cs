using HwOpt.CostModel;
using HwOpt.Planning.Cbc;
using HwOpt.Planning.Milp;
using HwOpt.Planning.Partitioning;
using static HwOpt.Planning.Tests.Partitioning.PartitionTestSupport;

namespace HwOpt.Planning.Tests.Partitioning;

/// <summary>Partitioning hand-written linalg graphs over the catalogue's devices (roofline costs everywhere, so no native model is needed).</summary>
public sealed class PartitionGraphTests
{
    private static readonly CbcSolver Solver = new();

    /// <summary>A two-layer f32 MLP (256-1024-256, batch 64), an opaque op at the end.</summary>
    private const string FloatMlp = """
        module {
          func.func @forward(%x: tensor<64x256xf32>, %w1: tensor<256x1024xf32>, %w2: tensor<1024x256xf32>) -> tensor<64x256xf32> {
            %cst = arith.constant 0.000000e+00 : f32
            %0 = tensor.empty() : tensor<64x1024xf32>
            %1 = linalg.fill ins(%cst : f32) outs(%0 : tensor<64x1024xf32>) -> tensor<64x1024xf32>
            %2 = linalg.matmul ins(%x, %w1 : tensor<64x256xf32>, tensor<256x1024xf32>) outs(%1 : tensor<64x1024xf32>) -> tensor<64x1024xf32>
            %3 = tensor.empty() : tensor<64x1024xf32>
            %4 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%2 : tensor<64x1024xf32>) outs(%3 : tensor<64x1024xf32>) {
            ^bb0(%in: f32, %out: f32):
              %5 = arith.maximumf %in, %cst : f32
              linalg.yield %5 : f32
            } -> tensor<64x1024xf32>
            %6 = tensor.empty() : tensor<64x256xf32>
            %7 = linalg.fill ins(%cst : f32) outs(%6 : tensor<64x256xf32>) -> tensor<64x256xf32>
            %8 = linalg.matmul ins(%4, %w2 : tensor<64x1024xf32>, tensor<1024x256xf32>) outs(%7 : tensor<64x256xf32>) -> tensor<64x256xf32>
            %9 = "mystery.normalize"(%8) : (tensor<64x256xf32>) -> tensor<64x256xf32>
            return %9 : tensor<64x256xf32>
          }
        }
        """;

    /// <summary>An int8 matmul with i32 accumulation.</summary>
    private const string Int8Matmul = """
        module {
          func.func @forward(%x: tensor<64x256xi8>, %w: tensor<256x256xi8>) -> tensor<64x256xi32> {
            %c0 = arith.constant 0 : i32
            %0 = tensor.empty() : tensor<64x256xi32>
            %1 = linalg.fill ins(%c0 : i32) outs(%0 : tensor<64x256xi32>) -> tensor<64x256xi32>
            %2 = linalg.matmul ins(%x, %w : tensor<64x256xi8>, tensor<256x256xi8>) outs(%1 : tensor<64x256xi32>) -> tensor<64x256xi32>
            return %2 : tensor<64x256xi32>
          }
        }
        """;

    private static DeviceCostTable Table(PlanGraph graph, params string[] names) =>
        DeviceCostTable.Build(graph, names.Select(n => Catalog(n)).Select(p => new PartitionDevice(p, new RooflineCostModel(p))).ToArray());

    [Fact]
    public void TableHoldsKernelsEdgesAndWeights()
    {
        var graph = Graph(FloatMlp);
        var table = Table(graph, "host-cpu", "h200", "edge-npu");
        Assert.Equal(graph.KernelNodes, table.Nodes);
        Assert.Equal(0, table.Host);
        // fill → matmul → relu → matmul ← fill, matmul → opaque op.
        Assert.Equal(["linalg.fill", "linalg.matmul", "linalg.generic", "linalg.fill", "linalg.matmul", "mystery.normalize"], table.Labels.Select(l => l.Split(' ')[1]));
        Assert.Equal([(0, 1), (1, 2), (2, 4), (3, 4), (4, 5)], table.Edges.Select(e => (e.From, e.To)));
        Assert.Equal(64 * 1024 * 4, table.Edges[1].Bytes);
        // Weights: %x, %w1, %w2 (function arguments) and the scalar constant read by the fills and the relu body.
        Assert.Equal([4L, 64 * 256 * 4L, 256 * 1024 * 4L, 1024 * 256 * 4L], table.WeightBytes.Order());
        Assert.Contains(table.WeightsRead[1], w => table.WeightBytes[w] == 256 * 1024 * 4);
    }

    [Fact]
    public void Int8OnlyNpuNeverGetsFloatOpsAndOpaqueOpsStayOnTheHost()
    {
        var graph = Graph(FloatMlp);
        var table = Table(graph, "host-cpu", "h200", "edge-npu");
        int npu = table.DeviceIndex("edge-npu");
        int matmul = 1;
        Assert.False(table.Supports(matmul, npu));
        Assert.Contains("'f32' is not supported", table.Unsupported(matmul, npu));
        // Fills and the relu move or compute f32 data: no f32 op at all is runnable on the int8-only NPU.
        Assert.All(Enumerable.Range(0, table.TaskCount), t => Assert.False(table.Supports(t, npu), table.Labels[t]));
        int opaque = table.TaskCount - 1;
        Assert.True(table.Supports(opaque, table.Host));
        Assert.Contains("not in dialects/", table.Unsupported(opaque, table.DeviceIndex("h200")));
        foreach (var objective in Enum.GetValues<PartitionObjective>())
        {
            var plan = PartitionPlanner.Plan(graph, table, Solver, new PartitionOptions { Objective = objective });
            Assert.True(plan.HasPlan, objective.ToString());
            for (int t = 0; t < table.TaskCount; t++) Assert.NotEqual("edge-npu", plan.DevicePerNode[table.Nodes[t]]);
            int node = table.Nodes[opaque];
            Assert.Equal("host-cpu", plan.DevicePerNode[node]);
            Assert.StartsWith("only host-cpu can run it", plan.Decisions[node].Reason);
            Assert.False(plan.Decisions[node].Accepted);
        }
    }

    [Fact]
    public void NonKernelNodesFollowTheirUsers()
    {
        var graph = Graph(FloatMlp);
        var table = Table(graph, "host-cpu", "h200");
        var plan = PartitionPlanner.Plan(graph, table, Solver, new PartitionOptions { Pins = new Dictionary<int, string> { [table.Nodes[0]] = "h200" } });
        Assert.Equal(graph.Count, plan.DevicePerNode.Count);
        // %0 = tensor.empty (node 1) feeds the pinned fill (node 2).
        Assert.Equal(2, table.Nodes[0]);
        Assert.Equal("h200", plan.DevicePerNode[1]);
        Assert.Contains("follows its user op2", plan.Decisions[1].Reason);
        Assert.True(plan.Decisions[2].Accepted);
        Assert.Equal(["pin[op2]"], plan.Decisions[2].Binding);
    }

    [Fact]
    public void Int8MatmulMayRunOnTheNpu()
    {
        var graph = Graph(Int8Matmul);
        var table = Table(graph, "host-cpu", "edge-npu");
        int npu = table.DeviceIndex("edge-npu");
        Assert.True(table.Supports(1, npu)); // i8 x i8 -> i32 matmul: MACs run at i8
        Assert.Contains("'i32' is not supported", table.Unsupported(0, npu)); // the i32 accumulator fill stays off the NPU
        var plan = PartitionPlanner.Plan(graph, table, Solver, new PartitionOptions { Objective = PartitionObjective.Energy });
        Assert.Equal(SolveStatus.Optimal, plan.Status);
        // 2 W NPU vs 5 W host core with a 16x higher int8 peak: the matmul goes to the NPU for energy.
        Assert.Equal("edge-npu", plan.DevicePerNode[table.Nodes[1]]);
        Assert.True(plan.Decisions[table.Nodes[1]].Accepted);
    }

    [Fact]
    public void SameModelSameTableSamePlan()
    {
        PartitionPlan Run()
        {
            var graph = Graph(FloatMlp);
            return PartitionPlanner.Plan(graph, Table(graph, "host-cpu", "h200", "edge-npu"), Solver, new PartitionOptions());
        }
        var (a, b) = (Run(), Run());
        Assert.Equal(a.DevicePerNode, b.DevicePerNode);
        Assert.Equal(a.Decisions.Select(d => d.Reason), b.Decisions.Select(d => d.Reason));
        Assert.Equal(a.Evaluation!.MakespanNs, b.Evaluation!.MakespanNs);
        Assert.Equal(a.Source, b.Source);
    }

    [Fact]
    public void BaselinesAreEvaluatedAndTheMilpBeatsOrTiesThemOnItsFigure()
    {
        var graph = Graph(FloatMlp);
        var table = Table(graph, "host-cpu", "h200", "edge-npu");
        var plan = PartitionPlanner.Plan(graph, table, Solver, new PartitionOptions());
        Assert.Equal(["single:host-cpu", "single:h200", "single:edge-npu", "greedy:h200>edge-npu>host-cpu"], plan.Baselines.Select(b => b.Name));
        foreach (var b in plan.Baselines)
        {
            Assert.True(plan.MilpObjective <= b.Evaluation.MakespanBoundNs * (1 + 1e-6), b.Name);
            Assert.True(plan.Evaluation!.MakespanNs <= b.Evaluation.MakespanNs * (1 + 1e-9), b.Name);
        }
        Assert.True(plan.Evaluation!.MakespanNs >= plan.MilpObjective * (1 - 1e-9));
        Assert.True(plan.MilpBestBound <= plan.MilpObjective * (1 + 1e-9));
        Assert.Single(plan.Solver);
        Assert.Equal("partition", plan.Solver[0].Problem);
    }
}
