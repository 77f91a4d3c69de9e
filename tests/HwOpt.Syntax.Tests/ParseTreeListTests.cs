using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using HwOpt.Syntax.Generated;
using static HwOpt.Syntax.Generated.MLIRParser;

namespace HwOpt.Syntax.Tests;

/// <summary>
/// <see cref="ChildList"/> (the direct parser's children list) against <see cref="List{T}"/> as the model, and
/// <see cref="ParseTreeAccess"/> against the generated accessors it stands in for.
/// </summary>
public sealed class ParseTreeListTests
{
    private static IParseTree Leaf(int i) => new TerminalNodeImpl(new CommonToken(MLIRLexer.VALUE_ID, "%" + i));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ChildListBehavesLikeAList(int seed)
    {
        var rng = new Random(seed);
        for (int round = 0; round < 200; round++)
        {
            var list = new ChildList(rng.Next(0, 4));
            var model = new List<IParseTree>();
            for (int step = 0; step < 40; step++)
            {
                var leaf = Leaf(step);
                switch (rng.Next(6))
                {
                    case 0 or 1 or 2:
                        list.Add(leaf);
                        model.Add(leaf);
                        break;
                    case 3 when model.Count > 0:
                        int r = rng.Next(model.Count);
                        list.RemoveAt(r);
                        model.RemoveAt(r);
                        break;
                    case 4:
                        int at = rng.Next(model.Count + 1);
                        list.Insert(at, leaf);
                        model.Insert(at, leaf);
                        break;
                    case 5 when model.Count > 0:
                        int s = rng.Next(model.Count);
                        list[s] = leaf;
                        model[s] = leaf;
                        break;
                }
                Assert.Equal(model.Count, list.Count);
                Assert.Equal(model, list.ToList());
                Assert.Equal(model, list.AsSpan().ToArray());
                for (int i = 0; i < model.Count; i++)
                {
                    Assert.Same(model[i], list[i]);
                    Assert.Equal(i, list.IndexOf(model[i]));
                }
            }
        }
    }

    [Fact]
    public void NestedAndRepeatedEnumerationsSeeEveryChild()
    {
        var list = new ChildList(0);
        for (int i = 0; i < 5; i++) list.Add(Leaf(i));
        int pairs = 0;
        foreach (var a in (IEnumerable<IParseTree>)list)
        {
            foreach (var b in (IEnumerable<IParseTree>)list) pairs++;
        }
        Assert.Equal(25, pairs);
        // The list's own enumerator is given back on Dispose and taken again, from the start.
        for (int k = 0; k < 3; k++) Assert.Equal(5, ((IEnumerable<IParseTree>)list).Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => list[5]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChildList(0)[0]);
    }

    [Fact]
    public void FastAccessorsAgreeWithTheGeneratedOnes()
    {
        const string text = "%r:2 = \"test.op\"(%a, %b) ({ ^bb0(%x: i32 loc(\"f\":1:2)): \"test.y\"() : () -> () }) {k = 1 : i64} : (i32, f32) -> (i32, tensor<2xf32>) loc(#loc1)\n";
        var parser = new MLIRParser(new CommonTokenStream(new MLIRLexer(new AntlrInputStream(text))));
        var op = parser.operation();
        var generic = op.genericOperation();
        Assert.Same(op.opResultList(), ParseTreeAccess.Rule<OpResultListContext>(op));
        Assert.Same(generic, ParseTreeAccess.Rule<GenericOperationContext>(op));
        Assert.Null(ParseTreeAccess.Rule<CustomOperationContext>(op));
        Assert.Same(op.trailingLocation(), ParseTreeAccess.Rule<TrailingLocationContext>(op));
        Assert.Same(generic.functionType(), ParseTreeAccess.Rule<FunctionTypeContext>(generic));
        Assert.Same(generic.STRING().Symbol, ParseTreeAccess.Token(generic, MLIRLexer.STRING));
        var uses = generic.valueUseList();
        Assert.Equal(uses.VALUE_ID().Select(t => t.Symbol), [ParseTreeAccess.Token(uses, MLIRLexer.VALUE_ID, 0)!, ParseTreeAccess.Token(uses, MLIRLexer.VALUE_ID, 1)!]);
        Assert.Null(ParseTreeAccess.Token(uses, MLIRLexer.VALUE_ID, 2));
        var types = generic.functionType().typeList();
        Assert.Equal(types.type(), ParseTreeAccess.Rules<TypeContext>(types));
        // A labeled alternative shares its rule's index, so it cannot be asked for by itself.
        Assert.Throws<TypeInitializationException>(() => ParseTreeAccess.Rule<FileLineColLocContext>(op));
    }
}
