using HwOpt.Analysis;
using HwOpt.Diagnostics;
using HwOpt.IR;

namespace HwOpt.Syntax.Tests;

/// <summary>Regions built when first read: the IR contract, and linalg named ops' bodies made that way by the parser.</summary>
public sealed class OnDemandRegionTests
{
    private static readonly MlirType F32 = new FloatType("f32");

    private sealed class CountingSource : RegionSource
    {
        public int Builds;

        public override IReadOnlyList<Region> Build(Operation op)
        {
            Interlocked.Increment(ref Builds);
            Thread.Sleep(5);
            var region = new Region();
            var block = region.AddBlock(new Block());
            block.AddArgument(F32);
            block.Append(new Operation("test.yield", []));
            return [region, new Region()];
        }
    }

    [Fact]
    public void RegionsOnDemandAreBuiltOnceWhenFirstReadEvenFromManyThreads()
    {
        var source = new CountingSource();
        var op = new Operation("test.op", []);
        op.SetRegionsOnDemand(source);
        Assert.True(op.HasRegions);
        Assert.True(op.RegionsOnDemand);
        Assert.Equal(0, source.Builds);

        var counts = new int[8];
        Parallel.For(0, counts.Length, i => counts[i] = op.Regions.Count);
        Assert.All(counts, c => Assert.Equal(2, c));
        Assert.Equal(1, source.Builds);
        Assert.False(op.RegionsOnDemand);
        Assert.All(op.Regions, r => Assert.Same(op, r.Parent));
        Assert.Equal(["test.op", "test.yield"], op.Walk().Select(o => o.Name));

        // Added after them; and an op that has regions takes no source.
        var third = op.AddRegion(new Region());
        Assert.Same(third, op.Regions[2]);
        Assert.Throws<InvalidOperationException>(() => op.SetRegionsOnDemand(new CountingSource()));
        var late = new Operation("test.op", []);
        late.SetRegionsOnDemand(new CountingSource());
        late.AddRegion(new Region());
        Assert.Equal(3, late.Regions.Count);
    }

    private const string Named = """
        func.func @f(%a: tensor<4x8xf32>, %b: tensor<8x4xf32>, %c: tensor<4x4xf32>, %t: tensor<4x4xi32>) -> tensor<4x4xf32> {
          %0 = linalg.matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x4xf32>) outs(%c : tensor<4x4xf32>) -> tensor<4x4xf32>
          %1 = linalg.matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x4xf32>) outs(%0 : tensor<4x4xf32>) -> tensor<4x4xf32>
          %2 = linalg.transpose ins(%1 : tensor<4x4xf32>) outs(%c : tensor<4x4xf32>) permutation = [1, 0]
          %3 = linalg.matmul {cast = #linalg.type_fn<cast_unsigned>} ins(%t, %t : tensor<4x4xi32>, tensor<4x4xi32>) outs(%2 : tensor<4x4xf32>) -> tensor<4x4xf32>
          return %3 : tensor<4x4xf32>
        }
        """;

    [Fact]
    public void NamedOpBodiesWaitForTheirFirstReaderAndThenPrintAsBuiltEagerly()
    {
        var result = MlirParser.Parse(new SourceText("named.mlir", Named));
        Assert.Empty(result.Diagnostics);
        var named = result.Module!.Root.Regions[0].Blocks[0].Operations[0].Regions[0].Blocks[0].Operations
            .Where(o => o.Name is "linalg.matmul" or "linalg.transpose").ToList();
        Assert.Equal(4, named.Count);
        Assert.All(named, o => Assert.True(o.RegionsOnDemand, o.Name));

        // The dataflow graph passes over them: a named op's body uses no outside value.
        var graph = DataflowGraphBuilder.Build(result.Module);
        Assert.All(named, o => Assert.True(o.RegionsOnDemand, o.Name));
        Assert.Equal(5, graph.NodeCount);

        // Read, each is the body MLIR synthesizes, with the op's own types and the `cast` attribute it was read with.
        string printed = GenericPrinter.Print(result.Module);
        Assert.All(named, o => Assert.False(o.RegionsOnDemand, o.Name));
        // (mlir-opt 19 prints the same: the i32 operands of the last matmul are cast to f32 unsigned, then multiplied.)
        Assert.Equal(3, CountOf(printed, "\"arith.mulf\""));
        Assert.Equal(0, CountOf(printed, "\"arith.muli\""));
        Assert.Equal(2, CountOf(printed, "\"arith.uitofp\""));
        var body = named[0].Regions[0].Blocks[0];
        Assert.Equal(["f32", "f32", "f32"], body.Arguments.Select(a => a.Type.ToString()));
        Assert.Same(named[0], body.Parent!.Parent);

        // The same text parsed again prints the same (the bodies come out the same whenever they are built).
        var again = MlirParser.Parse(new SourceText("named.mlir", Named));
        _ = again.Module!.Walk().Count();
        Assert.Equal(printed, GenericPrinter.Print(again.Module));
    }

    private static int CountOf(string text, string what)
    {
        int n = 0;
        for (int at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
