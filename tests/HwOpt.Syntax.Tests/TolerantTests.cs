namespace HwOpt.Syntax.Tests;

/// <summary>Files mlir-opt 19 rejects (unknown dialects' custom syntax, old spellings): hwopt still recovers their graph.</summary>
public sealed class TolerantTests
{
    public static IEnumerable<object[]> TolerantFiles => TestPaths.Files("tolerant");

    [Theory]
    [MemberData(nameof(TolerantFiles))]
    public void TolerantCorpusGivesAGraphAndSaysWhatWasOpaque(string file)
    {
        string path = Path.Combine(TestPaths.Corpus("tolerant"), file);
        var r = TestPaths.ParseFile(path);
        Assert.True(r.Module is not null, string.Join("\n", r.Diagnostics.Select(d => HwOpt.Diagnostics.DiagnosticFormatter.Format(d))));
        var graph = HwOpt.Analysis.DataflowGraphBuilder.Build(r.Module!);
        Assert.True(graph.NodeCount > 0, "empty graph");
        Assert.True(r.Stats.Operations > 1);
        Assert.Equal(r.Stats.OpaqueOps, r.Stats.OpaqueByDialect.Sum(kv => kv.Value));
        Assert.Equal(r.Stats.OpaqueOps, r.Module!.Walk().Count(o => o.IsOpaque));
    }

    [Fact]
    public void OldStandardOpsWithoutResultsStartOpsOfTheirOwn()
    {
        // No `%r =` marks where `assert`, `store`, `dealloc`, `br` or `cond_br` start: they were read as items of the op
        // on the line before (`select` took the store's operands, its own result among them).
        const string text = """
            func.func @f(%c: i1, %m: memref<4xf32>, %v: f32, %i: index) {
              %x = arith.addf %v, %v : f32
              assert %c, "x is finite"
              %r = select %c, %x, %v : f32
              store %r, %m[%i] : memref<4xf32>
              memref.store %x, %m[%i] : memref<4xf32>
              dealloc %m : memref<4xf32>
              cond_br %c, ^bb1, ^bb2
            ^bb1:
              br ^bb2
            ^bb2:
              return
            }
            """;
        var r = MlirParser.Parse(new HwOpt.Diagnostics.SourceText("t.mlir", text));
        Assert.True(r.Module is not null, string.Join("\n", r.Diagnostics.Select(d => d.Message)));
        var ops = r.Module!.Walk().Where(o => o.Name != "builtin.module" && o.Name != "func.func").ToList();
        Assert.Equal(["arith.addf", "assert", "select", "store", "memref.store", "dealloc", "cond_br", "br", "func.return"], ops.Select(o => o.Name));
        var args = r.Module.Walk().Single(o => o.Name == "func.func").Regions[0].Blocks[0].Arguments;
        Assert.Same(args[0], ops[1].Operands.Single());
        Assert.Equal(3, ops[2].Operands.Count);
        Assert.Equal(["%r", "%m", "%i"], ops[3].Operands.Select(v => v.SourceName ?? ""));
        Assert.False(ops[4].IsOpaque);
        Assert.Same(args[1], ops[5].Operands.Single());
    }

    [Fact]
    public void NamesAnUnknownOpDeclaresAreArgumentsOfEachOfItsRegions()
    {
        // stablehlo.while names its loop-carried values once; both regions use them.
        const string text = """
            func.func @f(%c: tensor<i64>, %x: tensor<f32>) -> tensor<f32> {
              %0:2 = stablehlo.while(%i = %c, %acc = %x) : tensor<i64>, tensor<f32>
               cond {
                %p = stablehlo.compare LT, %i, %i, SIGNED : (tensor<i64>, tensor<i64>) -> tensor<i1>
                stablehlo.return %p : tensor<i1>
              } do {
                %n = stablehlo.add %acc, %acc : tensor<f32>
                stablehlo.return %i, %n : tensor<i64>, tensor<f32>
              }
              return %0#1 : tensor<f32>
            }
            """;
        var r = MlirParser.Parse(new HwOpt.Diagnostics.SourceText("t.mlir", text));
        Assert.True(r.Module is not null, string.Join("\n", r.Diagnostics.Select(d => d.Message)));
        var loop = r.Module!.Walk().Single(o => o.Name == "stablehlo.while");
        Assert.Equal(2, loop.Operands.Count);
        Assert.Equal(2, loop.Regions.Count);
        foreach (var region in loop.Regions) Assert.Equal(2, region.Blocks[0].Arguments.Count);
        var compare = r.Module.Walk().Single(o => o.Name == "stablehlo.compare");
        Assert.Same(loop.Regions[0].Blocks[0].Arguments[0], compare.Operands[0]);
        var add = r.Module.Walk().Single(o => o.Name == "stablehlo.add");
        Assert.Same(loop.Regions[1].Blocks[0].Arguments[1], add.Operands[0]);
    }

    [Fact]
    public void SizesAfterTypesAreOperandsAndTiedResultsTakeTheOperandsType()
    {
        // IREE writes the dynamic sizes of a type after it (`tensor<?x4xf32>{%n}`); a result may be tied to an
        // operand (`-> %a{%n}`); the types before a region are the region's signature, not the op's results.
        const string text = """
            util.func public @f(%a: tensor<?x4xf32>, %n: index) -> tensor<?x4xf32> {
              %r = flow.tensor.reshape %a : tensor<?x4xf32>{%n} -> tensor<?x2xf32>{%n}
              %w = flow.dispatch.workgroups[%n](%a, %n) : (tensor<?x4xf32>{%n}, index) -> %a{%n} =
                  (%io: !flow.dispatch.tensor<readwrite:tensor<?x4xf32>>, %k: index) {
                flow.return
              } count(%x: index) -> (index, index, index) {
                flow.return %x, %x, %x : index, index, index
              }
              util.return %w : tensor<?x4xf32>
            }
            """;
        var r = MlirParser.Parse(new HwOpt.Diagnostics.SourceText("t.mlir", text));
        Assert.True(r.Module is not null, string.Join("\n", r.Diagnostics.Select(d => d.Message)));
        var reshape = r.Module!.Walk().Single(o => o.Name == "flow.tensor.reshape");
        Assert.Equal("%a %n %n", string.Join(" ", reshape.Operands.Select(v => v.SourceName)));
        Assert.Equal("tensor<?x2xf32>", reshape.Results[0].Type.ToString());
        var dispatch = r.Module.Walk().Single(o => o.Name == "flow.dispatch.workgroups");
        Assert.Equal("%n %a %n %n", string.Join(" ", dispatch.Operands.Select(v => v.SourceName)));
        Assert.Equal("tensor<?x4xf32>", dispatch.Results[0].Type.ToString());
        Assert.Equal(2, dispatch.Regions.Count);
        Assert.Equal(2, dispatch.Regions[0].Blocks[0].Arguments.Count(a => a.SourceName is "%io" or "%k"));
    }

    [Fact]
    public void ResultListsNameTiedValuesAndTypesBeforeTheOnlyRegionAreResults()
    {
        // `-> (%a, %b{%n})` ties results to operands (their types, no second use); with no result type found
        // before, the types right before a region are the op's results (`flow.dispatch.region -> (T{%n}) {`).
        const string text = """
            util.func public @f(%a: tensor<4xf32>, %b: tensor<?xf32>, %n: index) -> tensor<?xf32> {
              %0, %1 = flow.dispatch @ex::@fn[%n](%a, %b) : (tensor<4xf32>, tensor<?xf32>{%n}) -> (%a, %b{%n})
              %2 = flow.dispatch.region[%n] -> (tensor<?xf32>{%n}) {
                flow.return %1 : tensor<?xf32>
              }
              util.return %2 : tensor<?xf32>
            }
            """;
        var r = MlirParser.Parse(new HwOpt.Diagnostics.SourceText("t.mlir", text));
        Assert.True(r.Module is not null, string.Join("\n", r.Diagnostics.Select(d => d.Message)));
        var dispatch = r.Module!.Walk().Single(o => o.Name == "flow.dispatch");
        Assert.Equal("%n %a %b %n %n", string.Join(" ", dispatch.Operands.Select(v => v.SourceName)));
        Assert.Equal("tensor<4xf32> tensor<?xf32>", string.Join(" ", dispatch.Results.Select(v => v.Type.ToString())));
        var region = r.Module.Walk().Single(o => o.Name == "flow.dispatch.region");
        Assert.Equal("tensor<?xf32>", region.Results[0].Type.ToString());
    }

    [Fact]
    public void FatArrowsBracedListsDeclarationsAndValuesAfterColonAreRead()
    {
        // `=> T` gives the result type like `-> T`; `{ro %r[...] : T{%n}}` and `{@ex::@f}` are neither regions nor
        // dictionaries; a body-less declaration `@f(%b[%o for %n]: T)` declares its names; `: %v` uses a value.
        const string text = """
            stream.cmd.func private @ext(%b[%o for %n]: !stream.resource<*>, %k: i32)
            util.func public @g(%res: !stream.resource<transient>, %size: index, %t: !stream.timepoint, %v: tensor<4xf32>) -> !stream.timepoint {
              %c0 = arith.constant 0 : index
              %done = stream.cmd.execute await(%t) => with(%res as %r: !stream.resource<transient>{%size}) {
                stream.cmd.dispatch {@ex::@f, @ex::@g}[%c0](%c0 : index) {
                  ro %r[%c0 for %size] : !stream.resource<transient>{%size}
                }
              } => !stream.timepoint
              tt.print "v" {hex = false} : %v : tensor<4xf32>
              util.return %done : !stream.timepoint
            }
            """;
        var r = MlirParser.Parse(new HwOpt.Diagnostics.SourceText("t.mlir", text));
        Assert.True(r.Module is not null, string.Join("\n", r.Diagnostics.Select(d => d.Message)));
        Assert.Empty(r.Module!.Walk().Single(o => o.Name == "stream.cmd.func").Operands);
        var execute = r.Module.Walk().Single(o => o.Name == "stream.cmd.execute");
        Assert.Equal("!stream.timepoint", execute.Results[0].Type.ToString());
        var dispatch = r.Module.Walk().Single(o => o.Name == "stream.cmd.dispatch");
        Assert.Contains(dispatch.Operands, v => ReferenceEquals(v, execute.Regions[0].Blocks[0].Arguments[0]));
        Assert.Equal("%v", r.Module.Walk().Single(o => o.Name == "tt.print").Operands.Single().SourceName);
    }

    [Fact]
    public void ShardingsWithOpenDimensionsAndResultListsAfterARegionAreRead()
    {
        // Shardy prints open dimensions `{"a", ?}` and sub-axes `{"a":(1)2}` inside `<@mesh, [...]>`; IREE's
        // LinalgExt ops list several result types after their region (`} -> T1, T2`).
        const string text = """
            func.func @f(%x: tensor<16x32xf32>, %k: tensor<16xi32>) -> tensor<16x32xf32> {
              %0 = sdy.manual_computation(%x) in_shardings=[<@mesh, [{"a", ?}, {?}]>] out_shardings=[<@mesh, [{"a":(1)2}, {}]>] manual_axes={"a"} (%y: tensor<8x32xf32>) {
                %1 = stablehlo.add %y, %y : tensor<8x32xf32>
                sdy.return %1 : tensor<8x32xf32>
              } : (tensor<16x32xf32>) -> tensor<16x32xf32>
              %2:2 = iree_linalg_ext.sort dimension(0) outs(%k, %0 : tensor<16xi32>, tensor<16x32xf32>) {
              ^bb0(%a: i32, %b: i32, %c: f32, %d: f32):
                %p = arith.cmpi sgt, %a, %b : i32
                iree_linalg_ext.yield %p : i1
              } -> tensor<16xi32>, tensor<16x32xf32>
              return %2#1 : tensor<16x32xf32>
            }
            """;
        var r = MlirParser.Parse(new HwOpt.Diagnostics.SourceText("t.mlir", text));
        Assert.True(r.Module is not null, string.Join("\n", r.Diagnostics.Select(d => d.Message)));
        var manual = r.Module!.Walk().Single(o => o.Name == "sdy.manual_computation");
        Assert.Equal("%x", manual.Operands.Single().SourceName);
        Assert.Equal("tensor<16x32xf32>", manual.Results[0].Type.ToString());
        var sort = r.Module.Walk().Single(o => o.Name == "iree_linalg_ext.sort");
        Assert.Equal("tensor<16xi32> tensor<16x32xf32>", string.Join(" ", sort.Results.Select(v => v.Type.ToString())));
    }

    [Fact]
    public void FirstMemberOfASingleValueNamesThatValue()
    {
        // MLIR accepts `%0#0` for the only result of `%0`, before or after its definition (TF Lite tests write it).
        const string text = """
            func.func @f(%a: f32) -> (f32, f32) {
              %0 = arith.addf %a, %a : f32
              "test.graph"() ({
                "test.use"(%1#0) : (f32) -> ()
                %1 = "test.def"() : () -> f32
              }) : () -> ()
              return %0#0, %a#0 : f32, f32
            }
            """;
        var r = MlirParser.Parse(new HwOpt.Diagnostics.SourceText("t.mlir", text));
        Assert.True(r.Module is not null, string.Join("\n", r.Diagnostics.Select(d => d.Message)));
        var add = r.Module!.Walk().Single(o => o.Name == "arith.addf");
        var ret = r.Module.Walk().Single(o => o.Name == "func.return");
        Assert.Same(add.Results[0], ret.Operands[0]);
        Assert.Same(add.Operands[0], ret.Operands[1]);
        var def = r.Module.Walk().Single(o => o.Name == "test.def");
        Assert.Same(def.Results[0], r.Module.Walk().Single(o => o.Name == "test.use").Operands[0]);
    }

    [Fact]
    public void UnknownCustomOpKeepsOperandsResultsTypesAndText()
    {
        const string text = """
            func.func @f(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
              %0 = stablehlo.add %a, %b : tensor<4xf32>
              %1 = stablehlo.dot_general %0, %b, contracting_dims = [0] x [0] : (tensor<4xf32>, tensor<4xf32>) -> tensor<f32>
              %2 = "test.use"(%1) : (tensor<f32>) -> tensor<4xf32>
              return %2 : tensor<4xf32>
            }
            """;
        var r = MlirParser.Parse(new HwOpt.Diagnostics.SourceText("t.mlir", text));
        Assert.NotNull(r.Module);
        var ops = r.Module!.Walk().Where(o => o.Dialect == "stablehlo").ToList();
        Assert.Equal(2, ops.Count);
        Assert.All(ops, o => Assert.True(o.IsOpaque));
        Assert.Equal(2, ops[0].Operands.Count);
        Assert.Equal("tensor<4xf32>", ops[0].Results[0].Type.ToString());
        Assert.Same(ops[0].Results[0], ops[1].Operands[0]);
        Assert.Equal("tensor<f32>", ops[1].Results[0].Type.ToString());
        Assert.Equal("stablehlo.add %a, %b : tensor<4xf32>", ops[0].SourceText);
        Assert.Equal(2, r.Stats.OpaqueOps);
        var graph = HwOpt.Analysis.DataflowGraphBuilder.Build(r.Module);
        Assert.Equal(4, graph.NodeCount);
        Assert.Contains(graph.Edges, e => e.From == 0 && e.To == 1 && e.Bytes == 16);
    }
}

/// <summary>
/// corpus/extended: files mlir-opt accepts that use custom syntax of dialects outside hwopt's exact set (affine
/// loops, gpu, llvm, vector, complex). hwopt must read them without error and recover their graph; how many also
/// pass the exact oracle is written to the test output.
/// </summary>
public sealed class ExtendedCorpusTests(Xunit.Abstractions.ITestOutputHelper output)
{
    public static IEnumerable<object[]> ExtendedFiles => TestPaths.Files("extended");

    [Theory]
    [MemberData(nameof(ExtendedFiles))]
    public void ExtendedCorpusParsesAndGivesAGraph(string file)
    {
        string path = Path.Combine(TestPaths.Corpus("extended"), file);
        var r = TestPaths.ParseFile(path);
        Assert.True(r.Module is not null, string.Join("\n", r.Diagnostics.Select(d => HwOpt.Diagnostics.DiagnosticFormatter.Format(d))));
        Assert.True(HwOpt.Analysis.DataflowGraphBuilder.Build(r.Module!).NodeCount > 0);
        var reference = TestPaths.RunMlirOpt($"--allow-unregistered-dialect --mlir-print-op-generic {path}");
        Assert.Equal(0, reference.Code);
        var again = TestPaths.RunMlirOpt("--allow-unregistered-dialect --mlir-print-op-generic -", TestPaths.Generic(r));
        output.WriteLine($"{file}: {r.Stats.OpaqueOps} opaque ops ({string.Join(", ", r.Stats.OpaqueByDialect.Select(kv => kv.Key + " " + kv.Value))}); exact oracle: {(again.Code == 0 && again.Stdout == reference.Stdout ? "pass" : "not yet")}");
    }
}

/// <summary>The dataflow graph of IR as parsed: nodes are ops of function bodies, also inside nested modules.</summary>
public sealed class DataflowGraphFromIRTests
{
    [Fact]
    public void FunctionsInsideNestedModulesBecomeNodesWithByteWeightedEdges()
    {
        const string text = """
            module {
              ttcore.device_module {
                builtin.module {
                  func.func @f(%a: tensor<2x8xf32>) -> tensor<2x8xf32> {
                    %0 = math.exp %a : tensor<2x8xf32>
                    %1 = arith.addf %0, %a : tensor<2x8xf32>
                    return %1 : tensor<2x8xf32>
                  }
                }
              }
            }
            """;
        var r = MlirParser.Parse(new HwOpt.Diagnostics.SourceText("nested.mlir", text));
        Assert.NotNull(r.Module);
        var graph = HwOpt.Analysis.DataflowGraphBuilder.Build(r.Module!);
        Assert.Equal(["math.exp", "arith.addf", "func.return"], graph.Nodes.Select(n => n.OpName));
        Assert.Equal([(0, 1, 64L), (1, 2, 64L)], graph.Edges.Select(e => (e.From, e.To, e.Bytes)));
        Assert.True(graph.IsAcyclic);
    }
}
