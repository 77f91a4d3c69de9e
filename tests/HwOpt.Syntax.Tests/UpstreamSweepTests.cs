using HwOpt.IR;

namespace HwOpt.Syntax.Tests;

/// <summary>
/// Constructs MLIR 19 accepts that hwopt read wrongly or only in tolerant mode, found by running the conformance
/// oracle on the shapes of MLIR's own dialect tests. Each input here is a small hand-written one of the same shape.
/// </summary>
public sealed class UpstreamSweepTests
{
    private static ParseResult Parse(string text)
    {
        var r = MlirParser.Parse(new HwOpt.Diagnostics.SourceText("t.mlir", text));
        Assert.True(r.Module is not null, string.Join("\n", r.Diagnostics.Select(d => d.Message)));
        Assert.Equal(0, r.Stats.OpaqueOps);
        return r;
    }

    [Fact]
    public void FastmathNoneKeepsItsWord()
    {
        // `none` lexes as the builtin type, so the flag group's only word was dropped: `#arith.fastmath<>` is invalid.
        var r = Parse("""
            func.func @k(%x: f32, %y: vector<2xf32>) -> f32 {
              %0 = arith.mulf %x, %x fastmath<none> : f32
              %1 = math.fma %y, %y, %y fastmath<none> : vector<2xf32>
              %2 = arith.subf %0, %x fastmath<nnan,contract> : f32
              return %2 : f32
            }
            """);
        var flags = r.Module!.Walk().Select(o => o.GetAttribute("fastmath")).OfType<TextAttr>().Select(a => a.ToString()).ToList();
        Assert.Equal(["#arith.fastmath<none>", "#arith.fastmath<none>", "#arith.fastmath<nnan,contract>"], flags);
    }

    [Fact]
    public void FunctionTypesStandInSignaturesWithoutNames()
    {
        var r = Parse("""
            func.func private @decl((index) -> (), () -> (f16, i8)) -> (() -> (() -> i1))
            func.func @pass(%cb: (i32) -> i32) -> ((i32) -> i32) {
              return %cb : (i32) -> i32
            }
            """);
        var funcs = r.Module!.Walk().Where(o => o.Name == "func.func").ToList();
        var decl = (FunctionType)((TypeAttr)funcs[0].GetAttribute("function_type")!).Value;
        Assert.Equal("((index) -> (), () -> (f16, i8)) -> (() -> (() -> i1))", decl.ToString());
        var pass = (FunctionType)((TypeAttr)funcs[1].GetAttribute("function_type")!).Value;
        Assert.Equal("((i32) -> i32) -> ((i32) -> i32)", pass.ToString());
    }

    [Fact]
    public void MemrefsMayHoldMemrefsButTensorsMayNot()
    {
        var r = Parse("func.func private @m(memref<3xmemref<?x2xf32>>, memref<*xmemref<*xi8>>)\n");
        Assert.False(r.HasErrors);
        var bad = MlirParser.Parse(new HwOpt.Diagnostics.SourceText("t.mlir", "func.func private @t(tensor<3xmemref<2xf32>>)\n"));
        Assert.Contains(bad.Diagnostics, d => d.Message.Contains("invalid element type", StringComparison.Ordinal));
    }

    [Fact]
    public void DimensionListsTakeBlanksAndLineBreaksWhereMlirDoes()
    {
        // MLIR's lexer reads `4x8xf32` as an integer and an identifier and its parser splits the `x` off, so mlir-opt
        // also reads `* x f32`, `* xf32`, `4 x4xf32`, `[4] x f32` and line breaks; these fell to tolerant mode.
        var r = Parse("""
            func.func private @d(%a: tensor<* x f32>, %b: memref<* x f32, 1>, %c: tensor<*x f32>, %d: tensor<* xf32>,
                                 %e: tensor<4 x4xf32>, %f: vector<[4] x f32>, %g: tensor<0xf8E4M3FN>, %h: tensor<2
                                 x ? xi8>, %i: memref<4 xf32, affine_map<(d0)[s0] -> (d0 * s0)>>) -> tensor<* x
                                 index>
            """);
        var f = (FunctionType)((TypeAttr)r.Module!.Walk().Single(o => o.Name == "func.func").GetAttribute("function_type")!).Value;
        Assert.Equal("(tensor<*xf32>, memref<*xf32, 1>, tensor<*xf32>, tensor<*xf32>, tensor<4x4xf32>, vector<[4]xf32>, "
            + "tensor<0xf8E4M3FN>, tensor<2x?xi8>, memref<4xf32, affine_map<(d0)[s0] -> (d0 * s0)>>) -> tensor<*xindex>", f.ToString());
    }

    [Fact]
    public void DeclarationsWithElementBodiesAfterTheXAreReadByTheFuncFormat()
    {
        // A declaration whose signature hwopt could not read fell to tolerant mode and printed `"func.func"() : () -> ()`,
        // which mlir-opt rejects (no region, no function_type). MLIR's own test/IR/parser.mlir has the first two.
        var r = Parse("""
            func.func private @tensors(tensor<* x f32>, tensor<* x vector<2x4xf32>>,
                             tensor<1x?x4x?x?xi32>, tensor<i8>)
            func.func private @glued(tensor<* xcomplex<f32>>, memref<4 xmemref<? xf32, 1>>, memref<* xmemref<* x i8>, 2>)
            """);
        var types = r.Module!.Walk().Where(o => o.Name == "func.func").Select(o => ((TypeAttr)o.GetAttribute("function_type")!).Value.ToString()).ToList();
        Assert.Equal(["(tensor<*xf32>, tensor<*xvector<2x4xf32>>, tensor<1x?x4x?x?xi32>, tensor<i8>) -> ()",
            "(tensor<*xcomplex<f32>>, memref<4xmemref<?xf32, 1>>, memref<*xmemref<*xi8>, 2>) -> ()"], types);
        Assert.All(r.Module.Walk().Where(o => o.Name == "func.func"), f => Assert.Single(f.Regions));
    }

    [Theory]
    [InlineData("tensor<4 f32>", "expected 'x' in a dimension list")]
    [InlineData("tensor<* xfoo>", "expected an element type, not 'foo'")]
    [InlineData("tensor<* xf32 i32>", "unexpected type after the element type 'f32'")]
    [InlineData("vector<* xf32>", "a vector cannot be unranked")]
    [InlineData("tensor<[4] x f32>", "scalable dimensions are only allowed in vector types")]
    [InlineData("memref<4 x>", "expected an element type after the dimension list")]
    [InlineData("tensor<4 xtuple<i32>>", "expected an element type, not 'tuple<...>'")]
    [InlineData("tensor<4 xcomplex<4xf32>>", "a complex type holds one element type")]
    [InlineData("vector<4 xvector<4xf32>>", "vector elements must be integer, index or float, not vector<4xf32>")]
    public void DimensionListsWithBlanksAreCheckedAsMlirChecksThem(string type, string message)
    {
        var r = MlirParser.Parse(new HwOpt.Diagnostics.SourceText("t.mlir", $"\"foo.op\"() : () -> {type}\n"));
        var d = Assert.Single(r.Diagnostics);
        Assert.Equal("HW1009", d.Descriptor.Id);
        Assert.Equal(message, d.Message);
    }

    [Fact]
    public void AffineForInductionVariableTakesALocation()
    {
        var r = Parse("""
            func.func @walk(%buf: memref<8xf32>) {
              affine.for %k loc("k_var") = 0 to 8 step 2 {
                %v = affine.load %buf[%k] : memref<8xf32>
              }
              return
            }
            """);
        var loop = r.Module!.Walk().Single(o => o.Name == "affine.for");
        var iv = loop.Regions[0].Blocks[0].Arguments[0];
        Assert.Equal("k_var", Assert.IsType<NameLoc>(iv.Location).Name);
    }
}
