using HwOpt.Planning.Fusion;
using static HwOpt.Planning.Tests.Fusion.FusionTestSupport;

namespace HwOpt.Planning.Tests.Fusion;

public sealed class FusionLegalityTests
{
    // Nodes: 0 matmul, 1 add (bias), 2 exp, 3 matmul, 4 row sum, 5 row sum, 6 return.
    private static readonly PlanGraph Chain = Function(
        [MatMul("%m", "%x", "%y"), Add("%a", "%m", "%y"), Exp("%e", "%a"), MatMul("%n", "%e", "%y"), RowSum("%r1", "%n"), RowSum("%r2", "%r1")], "%r2");

    [Fact]
    public void ClassifiesNamedOpsAndGenericsFromTheirIterators()
    {
        var legality = new FusionLegality(Chain);
        Assert.Equal(OpClass.Contraction, legality.ClassOf(0));
        Assert.Equal(OpClass.Elementwise, legality.ClassOf(1));
        Assert.Equal(OpClass.Elementwise, legality.ClassOf(2));
        Assert.Equal(OpClass.Reduction, legality.ClassOf(4));
    }

    [Fact]
    public void ClassifiesAGenericThatMultipliesAndReducesAsAContraction()
    {
        var g = Graph($$"""
            func.func @f(%a: {{T}}, %b: {{T}}, %w: {{T}}) -> {{T}} {
              %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : {{T}}, {{T}}) outs(%w : {{T}}) {
              ^bb0(%x: f32, %y: f32, %o: f32):
                %p = arith.mulf %x, %y : f32
                %s = arith.addf %o, %p : f32
                linalg.yield %s : f32
              } -> {{T}}
              return %0 : {{T}}
            }
            """);
        Assert.Equal(OpClass.Contraction, new FusionLegality(g).ClassOf(0));
    }

    [Fact]
    public void EpilogueAndPrologueFuseButTwoHeavyOpsDoNot()
    {
        var legality = new FusionLegality(Chain);
        Assert.True(legality.CanFuse(0, 1).Accepted);  // matmul → add: epilogue
        Assert.True(legality.CanFuse(2, 3).Accepted);  // exp → matmul: light producer
        Assert.True(legality.CanFuse(3, 4).Accepted is false);
        Assert.Contains("complete result", legality.CanFuse(3, 4).Reason);
        Assert.False(legality.CanFuse(4, 5).Accepted); // reduction → reduction
        Assert.False(legality.CanFuse(5, 6).Accepted); // return is not a kernel
        Assert.Contains("not a kernel", legality.CanFuse(5, 6).Reason);
    }

    [Fact]
    public void GroupRulesCarryReasons()
    {
        var legality = new FusionLegality(Chain);
        Assert.True(legality.CheckGroup([0, 1, 2], 8).Accepted);
        Assert.True(legality.CheckGroup([0, 1, 2, 3], 8) is { Accepted: false, Reason: var twoMatmuls } && twoMatmuls.Contains("two contractions"));
        Assert.Contains("maximum group size", legality.CheckGroup([0, 1, 2], 2).Reason);
        Assert.Contains("not connected", legality.CheckGroup([0, 2], 8).Reason);
    }

    [Fact]
    public void NonConvexGroupIsRejected()
    {
        // 0 → 1 → 2 and 0 → 2: {0, 2} is connected but the path through 1 leaves and re-enters it.
        var g = Function([Add("%a", "%x", "%y"), Exp("%b", "%a"), Add("%c", "%a", "%b")], "%c");
        var legality = new FusionLegality(g);
        Assert.Contains("not convex", legality.CheckGroup([0, 2], 8).Reason);
        Assert.True(legality.CheckGroup([0, 1, 2], 8).Accepted);
    }

    [Fact]
    public void OpaqueOpsNeverFuse()
    {
        var g = Graph($$"""
            func.func @f(%x: {{T}}) -> {{T}} {
              %0 = arith.addf %x, %x : {{T}}
              %1 = "mystery.op"(%0) : ({{T}}) -> {{T}}
              %2 = arith.addf %1, %1 : {{T}}
              return %2 : {{T}}
            }
            """);
        var legality = new FusionLegality(g);
        Assert.Equal(OpClass.Opaque, legality.ClassOf(1));
        Assert.Contains("opaque", legality.CanFuse(0, 1).Reason);
        Assert.False(legality.CanFuse(1, 2).Accepted);
    }
}
