using System.Text;
using HwOpt.Analysis;
using HwOpt.Analysis.Graph;
using HwOpt.IR;

namespace HwOpt.Syntax.Tests;

/// <summary>
/// The dataflow graph builder splits large modules over threads: the graph must not depend on how many, and must
/// match a plain reading of the definition (a node per op of a function body, an edge per use of a value defined
/// in another node, nested uses counted for their enclosing node).
/// </summary>
public sealed class GraphBuilderTests
{
    /// <summary>Three functions of 3,000-5,000 ops with loops whose bodies use values of the function (about 12,000 nodes).</summary>
    private static ModuleIR LargeModule()
    {
        var text = new StringBuilder();
        foreach (int size in new[] { 5000, 4000, 3000 })
        {
            text.Append($"func.func @f{size}(%a: tensor<4xf32>, %n: index) -> tensor<4xf32> {{\n");
            text.Append("  %c0 = arith.constant 0 : index\n  %c1 = arith.constant 1 : index\n  %v0 = arith.addf %a, %a : tensor<4xf32>\n");
            for (int i = 1; i < size; i++)
            {
                if (i % 50 == 0)
                {
                    text.Append($"  %v{i} = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %v{i - 1}) -> (tensor<4xf32>) {{\n");
                    text.Append($"    %t = arith.mulf %acc, %v{i / 2} : tensor<4xf32>\n    scf.yield %t : tensor<4xf32>\n  }}\n");
                }
                else
                {
                    // Locations of three forms on some ops: the nodes describe them (DataflowNode.Location).
                    string loc = (i % 7) switch
                    {
                        1 => $" loc(\"m.py\":{i}:3)",
                        2 => $" loc(fused[\"a.py\":{i}:1, \"b.py\":2:{i}])",
                        3 => $" loc(\"op{i}\"(\"c.py\":{i}:5))",
                        _ => "",
                    };
                    text.Append($"  %v{i} = arith.addf %v{i - 1}, %v{(i * 7) % i} : tensor<4xf32>{loc}\n");
                }
            }
            text.Append($"  return %v{size - 1} : tensor<4xf32>\n}}\n");
        }
        var r = MlirParser.Parse(new HwOpt.Diagnostics.SourceText("large.mlir", text.ToString()));
        Assert.True(r.Module is not null, string.Join("\n", r.Diagnostics.Select(d => d.Message)));
        return r.Module!;
    }

    [Fact]
    public void TheGraphIsTheSameOnOneThreadAndOnSeveral()
    {
        var module = LargeModule();
        var one = DataflowGraphBuilder.Build(module, 1);
        foreach (int threads in new[] { 2, 3 })
        {
            var many = DataflowGraphBuilder.Build(module, threads);
            Assert.Equal(Describe(one), Describe(many));
        }
    }

    [Fact]
    public void TheGraphMatchesAPlainReadingOfItsDefinition()
    {
        var module = LargeModule();
        var graph = DataflowGraphBuilder.Build(module, 2);
        var nodes = new List<(Operation Op, string Function)>();
        foreach (var f in module.Root.Regions[0].Blocks[0].Operations)
        {
            foreach (var op in f.Regions[0].Blocks[0].Operations) nodes.Add((op, "@" + ((StringAttr)f.GetAttribute("sym_name")!).Value));
        }
        var index = new Dictionary<Operation, int>();
        for (int i = 0; i < nodes.Count; i++) index[nodes[i].Op] = i;
        var expected = new StringBuilder();
        for (int to = 0; to < nodes.Count; to++)
        {
            var (op, function) = nodes[to];
            expected.Append($"node {to} {op.Name} {op.Location.Describe()} {function}\n");
        }
        for (int to = 0; to < nodes.Count; to++)
        {
            foreach (var user in nodes[to].Op.Walk())
            {
                foreach (var operand in user.Operands)
                {
                    if (operand is not OpResult r) continue;
                    var owner = r.Owner;
                    while (!index.ContainsKey(owner)) owner = owner.ParentOp!;
                    int from = index[owner];
                    if (from != to) expected.Append($"edge {from} {to} {r.Type}\n");
                }
            }
        }
        Assert.Equal(12000 + 3 * 3, graph.NodeCount); // the values, and two constants and a return per function
        Assert.Equal(expected.ToString(), Describe(graph, withNames: false));
    }

    private static string Describe(DataflowGraph g, bool withNames = true)
    {
        var text = new StringBuilder();
        foreach (var n in g.Nodes) text.Append($"node {n.Index} {n.OpName} {n.Location} {n.Label}\n");
        foreach (var e in g.Edges) text.Append(withNames ? $"edge {e.From} {e.To} {e.Type} {e.Bytes} {e.ValueName}\n" : $"edge {e.From} {e.To} {e.Type}\n");
        return text.ToString();
    }
}
