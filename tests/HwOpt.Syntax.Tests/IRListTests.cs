using HwOpt.Diagnostics;
using HwOpt.IR;

namespace HwOpt.Syntax.Tests;

/// <summary>
/// The IR's compact lists: <see cref="OperandList"/> against <see cref="List{T}"/> as the model, <see cref="InlineList{T}"/>
/// through the ops, regions and blocks that fill it, and the uniquing of custom-syntax ops' attribute dictionaries.
/// </summary>
public sealed class IRListTests
{
    private static readonly MlirType I32 = new IntegerType(32, Signedness.Signless);

    private static Value NewValue(int i) => new Operation("test.def" + i, [I32]).Results[0];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void OperandListBehavesLikeAList(int seed)
    {
        var rng = new Random(seed);
        var pool = Enumerable.Range(0, 8).Select(NewValue).ToArray();
        for (int round = 0; round < 200; round++)
        {
            var op = new Operation("test.user", []);
            var model = new List<Value>();
            if (rng.Next(2) == 0) op.Operands.SetCapacity(rng.Next(0, 5));
            for (int step = 0; step < 40; step++)
            {
                var v = pool[rng.Next(pool.Length)];
                switch (rng.Next(7))
                {
                    case 0 or 1:
                        op.Operands.Add(v);
                        model.Add(v);
                        break;
                    case 2:
                    {
                        int at = rng.Next(model.Count + 1);
                        op.Operands.Insert(at, v);
                        model.Insert(at, v);
                        break;
                    }
                    case 3 when model.Count > 0:
                    {
                        int at = rng.Next(model.Count);
                        op.Operands.RemoveAt(at);
                        model.RemoveAt(at);
                        break;
                    }
                    case 4 when model.Count > 0:
                    {
                        int at = rng.Next(model.Count);
                        op.SetOperand(at, v);
                        model[at] = v;
                        break;
                    }
                    case 5:
                        Assert.Equal(model.Remove(v), op.Operands.Remove(v));
                        break;
                    case 6 when rng.Next(10) == 0:
                        op.Operands.Clear();
                        model.Clear();
                        break;
                }
                Assert.Equal(model.Count, op.Operands.Count);
                Assert.True(op.Operands.Capacity >= model.Count);
                Assert.Equal(model, op.Operands);
                Assert.Equal(model, op.Operands.AsSpan().ToArray());
                Assert.Equal(model.IndexOf(v), op.Operands.IndexOf(v));
                Assert.Equal(model.Contains(v), op.Operands.Contains(v));
            }
            var copy = new Value[model.Count + 2];
            op.Operands.CopyTo(copy, 2);
            Assert.Equal(model, copy.Skip(2));
        }
    }

    [Fact]
    public void OperandListSizesExactlyAndChecksBounds()
    {
        var op = new Operation("test.user", []);
        Assert.Equal(0, op.Operands.Capacity);
        op.Operands.SetCapacity(3);
        op.Operands.AddRange([NewValue(0), NewValue(1), NewValue(2)]);
        Assert.Equal(3, op.Operands.Capacity);
        Assert.Throws<ArgumentOutOfRangeException>(() => op.Operands.SetCapacity(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => op.Operands[3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => op.Operands[-1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => op.SetOperand(3, NewValue(3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => op.Operands.Insert(5, NewValue(3)));
        Assert.Throws<ArgumentNullException>(() => op.Operands.Add(null!));
        // AddRange of a counted sequence grows to exactly what it needs.
        op.Operands.AddRange([NewValue(3), NewValue(4)]);
        Assert.Equal(5, op.Operands.Capacity);
    }

    [Fact]
    public void OneOperandIsHeldWithoutAnArray()
    {
        var op = new Operation("test.user", []);
        var (a, b) = (NewValue(0), NewValue(1));
        op.Operands.Add(a);
        Assert.Equal(1, op.Operands.Capacity);
        Assert.Same(a, op.Operands.AsSpan()[0]);
        op.SetOperand(0, b);
        Assert.Equal(new[] { b }, op.Operands.ToArray());
        // A second operand moves both into an array; removing back to one keeps reading right.
        op.Operands.Insert(0, a);
        Assert.Equal(new[] { a, b }, op.Operands.ToArray());
        op.Operands.RemoveAt(0);
        Assert.Equal(new[] { b }, op.Operands.AsSpan().ToArray());
        op.Operands.SetCapacity(1);
        Assert.Equal(1, op.Operands.Capacity);
        Assert.Equal(new[] { b }, op.Operands.ToArray());
        // A list not taken from an op (a default one, as a collection expression makes) refuses to grow.
        Assert.Throws<InvalidOperationException>(() => default(OperandList).Add(a));
        op.Operands.Clear();
        Assert.Empty(op.Operands);
        Assert.Equal(0, op.Operands.Capacity);
    }

    [Fact]
    public void RareOpFieldsReadAsUnsetUntilSet()
    {
        var op = new Operation("test.op", []);
        Assert.False(op.IsOpaque);
        Assert.Null(op.SourceText);
        Assert.False(op.HasSuccessors);
        op.IsOpaque = true;
        op.SourceText = "test.op foo";
        var target = new Block();
        op.Successors.Add(target);
        Assert.True(op.IsOpaque);
        Assert.Equal("test.op foo", op.SourceText);
        Assert.True(op.HasSuccessors);
        Assert.Same(target, op.Successors[0]);
        op.IsOpaque = false;
        op.SourceText = null;
        Assert.False(op.IsOpaque);
        Assert.Null(op.SourceText);
        Assert.True(op.HasSuccessors);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(9)]
    public void InlineListsKeepOrderAtEverySize(int n)
    {
        var op = new Operation("test.op", Enumerable.Repeat(I32, n));
        Assert.Equal(n, op.Results.Count);
        Assert.Equal(Enumerable.Range(0, n), op.Results.Select(r => r.Index));
        Assert.All(op.Results, r => Assert.Same(op, r.Owner));

        var regions = Enumerable.Range(0, n).Select(_ => new Region()).ToArray();
        foreach (var r in regions) op.AddRegion(r);
        Assert.Equal(n > 0, op.HasRegions);
        Assert.Equal(regions, op.Regions);
        Assert.All(op.Regions, r => Assert.Same(op, r.Parent));

        var region = new Region();
        var blocks = Enumerable.Range(0, n).Select(_ => new Block()).ToArray();
        foreach (var b in blocks) region.AddBlock(b);
        Assert.Equal(blocks, region.Blocks);
        for (int i = 0; i < n; i++) Assert.Same(blocks[i], region.Blocks[i]);

        var block = new Block();
        var args = Enumerable.Range(0, n).Select(_ => block.AddArgument(I32)).ToArray();
        Assert.Equal(args, block.Arguments);
        var ops = Enumerable.Range(0, n).Select(i => new Operation("test.body" + i, [])).ToArray();
        foreach (var o in ops) block.Append(o);
        Assert.Equal(ops, block.Operations);
        Assert.All(block.Operations, o => Assert.Same(block, o.Parent));
        Assert.Equal(Enumerable.Range(0, n), block.Arguments.Select(a => a.Index));

        Assert.Throws<ArgumentOutOfRangeException>(() => op.Results[n]);
        Assert.Throws<ArgumentOutOfRangeException>(() => region.Blocks[-1]);
        // A view taken before an addition still shows the list as it was.
        var before = block.Arguments;
        block.AddArgument(I32);
        Assert.Equal(n, before.Count);
        Assert.Equal(n + 1, block.Arguments.Count);
    }

    [Fact]
    public void CustomOpsShareEqualAttributeDictionaries()
    {
        const string text = """
            func.func @f(%a: tensor<4x4xf32>, %b: tensor<4x4xf32>) -> tensor<4x4xf32> {
              %cst = arith.constant 0.000000e+00 : f32
              %e = tensor.empty() : tensor<4x4xf32>
              %z1 = linalg.fill ins(%cst : f32) outs(%e : tensor<4x4xf32>) -> tensor<4x4xf32>
              %z2 = linalg.fill ins(%cst : f32) outs(%e : tensor<4x4xf32>) -> tensor<4x4xf32>
              %m1 = linalg.matmul ins(%a, %b : tensor<4x4xf32>, tensor<4x4xf32>) outs(%z1 : tensor<4x4xf32>) -> tensor<4x4xf32>
              %m2 = linalg.matmul ins(%m1, %b : tensor<4x4xf32>, tensor<4x4xf32>) outs(%z2 : tensor<4x4xf32>) -> tensor<4x4xf32>
              %t1 = linalg.transpose ins(%m2 : tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) permutation = [1, 0]
              %t2 = linalg.transpose ins(%t1 : tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) permutation = [1, 0]
              return %t2 : tensor<4x4xf32>
            }
            """;
        var result = MlirParser.Parse(new SourceText("shared.mlir", text));
        Assert.Empty(result.Diagnostics);
        var ops = result.Module!.Walk().ToList();
        foreach (var name in new[] { "linalg.fill", "linalg.matmul", "linalg.transpose" })
        {
            var pair = ops.Where(o => o.Name == name).ToList();
            Assert.Equal(2, pair.Count);
            Assert.NotNull(pair[0].Properties);
            Assert.Same(pair[0].Properties, pair[1].Properties);
        }
        var fill = ops.First(o => o.Name == "linalg.fill");
        var matmul = ops.First(o => o.Name == "linalg.matmul");
        Assert.Equal("{operandSegmentSizes = array<i32: 1, 1>}", fill.Properties!.ToString());
        Assert.Equal("{operandSegmentSizes = array<i32: 2, 1>}", matmul.Properties!.ToString());
        Assert.Same(DictionaryAttr.Empty, ops.First(o => o.Name == "linalg.transpose").Attributes);
    }
}
