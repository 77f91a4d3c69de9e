using HwOpt.Diagnostics;
using HwOpt.Transforms.Pipeline;

namespace HwOpt.Transforms.Tests.Pipeline;

public sealed class PassPipelineParserTests
{
    private static (IReadOnlyList<PassSpec>? Passes, DiagnosticBag Diagnostics) Parse(string text)
    {
        var diagnostics = new DiagnosticBag();
        return (PassPipelineParser.Parse(new SourceText("<pass-pipeline>", text), diagnostics), diagnostics);
    }

    [Fact]
    public void ReadsMlirOptSyntaxWithListValues()
    {
        var (passes, d) = Parse("builtin.module(hwopt-fuse{max-group-size=8 max-spills=4},hwopt-precision, hwopt-partition{devices=cpu,gpu objective=energy})");
        Assert.False(d.HasErrors);
        Assert.NotNull(passes);
        Assert.Equal(["hwopt-fuse", "hwopt-precision", "hwopt-partition"], passes.Select(p => p.Name));
        Assert.Equal([new("max-group-size", "8"), new KeyValuePair<string, string>("max-spills", "4")], passes[0].Options);
        Assert.Empty(passes[1].Options);
        Assert.Equal("cpu,gpu", passes[2].Options[0].Value);
        Assert.Equal("energy", passes[2].Options[1].Value);
    }

    [Fact]
    public void TheAnchorIsOptionalAndValuesMayBeQuotedOrBare()
    {
        var (passes, d) = Parse("hwopt-fuse{note=\"a b\" flag}");
        Assert.False(d.HasErrors);
        Assert.NotNull(passes);
        Assert.Equal("a b", passes.Single().Options[0].Value);
        Assert.Equal("true", passes[0].Options[1].Value);
    }

    [Theory]
    [InlineData("", 1, "empty pass pipeline")]
    [InlineData("builtin.module(hwopt-fuse", 15, "missing ')'")]
    [InlineData("hwopt-fuse{max-group-size=8", 1, "missing '}'")]
    [InlineData("hwopt-fuse,,hwopt-precision", 12, "expected a pass name")]
    [InlineData("hwopt-fuse hwopt-precision", 12, "expected ','")]
    [InlineData("hwopt-fuse{a=1 a=2}", 16, "given twice")]
    [InlineData("hwopt-fuse{a=}", 14, "has no value")]
    public void ErrorsAreLocatedInThePipelineText(string text, int column, string message)
    {
        var (passes, d) = Parse(text);
        Assert.Null(passes);
        var e = Assert.Single(d.Items);
        Assert.Equal("HW3001", e.Id);
        Assert.Equal(column, e.Span.Column);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void UnknownPassesAndOptionsAreNamed()
    {
        var source = new SourceText("<pass-pipeline>", "hwopt-fuse{max-group-size=x bogus=1},hwopt-nope");
        var d = new DiagnosticBag();
        var specs = PassPipelineParser.Parse(source, d)!;
        Assert.Null(PassRegistry.Create(specs, source, d));
        var messages = d.Items.Select(i => i.Id + " " + i.Message).ToList();
        Assert.Contains(messages, m => m.Contains("HW3001") && m.Contains("'max-group-size'") && m.Contains("integer"));
        Assert.Contains(messages, m => m.Contains("unknown option 'bogus'"));
        Assert.Contains(messages, m => m.Contains("unknown pass 'hwopt-nope'") && m.Contains("hwopt-fuse"));
    }
}
