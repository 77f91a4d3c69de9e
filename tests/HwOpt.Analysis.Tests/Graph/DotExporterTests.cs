using System.Globalization;
using HwOpt.Analysis.Graph;
using static HwOpt.Analysis.Tests.Graph.GraphFixtures;

namespace HwOpt.Analysis.Tests.Graph;

public sealed class DotExporterTests
{
    [Fact]
    public void ThreeNodeGraph_ExactText()
    {
        const string expected =
            "digraph \"fused\" {\n" +
            "  node [shape=box, fontname=\"monospace\"];\n" +
            "  n0 [label=\"arith.constant\\nm.mlir:1:1\"];\n" +
            "  n1 [label=\"arith.addf\\nm.mlir:2:3\"];\n" +
            "  n2 [label=\"func.call\\n@kernel\", style=dashed];\n" +
            "  n0 -> n1 [label=\"%0: 64 B\"];\n" +
            "  n1 -> n2 [label=\"%1: 1.5 KiB\"];\n" +
            "  n0 -> n2 [label=\"%0: ?\"];\n" +
            "}\n";
        Assert.Equal(expected, Render(ExportFixtures.ThreeNodes(), "fused"));
    }

    [Fact]
    public void StyledGraphPutsClusterMembersTogetherAtTheirFirstNode()
    {
        var style = new DotStyle([new DotCluster("kernel 0", "#9ecae1")], [0, null, 0], [null, "#ffffff", null], EdgeLabels: false, GraphAttributes: "rankdir=TB");
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        DotExporter.Write(ExportFixtures.ThreeNodes(), writer, "k", style);
        const string expected =
            "digraph \"k\" {\n" +
            "  rankdir=TB;\n" +
            "  node [shape=box, fontname=\"monospace\", style=filled, fillcolor=white];\n" +
            "  subgraph cluster_0 {\n" +
            "    label=\"kernel 0\"; style=filled; fillcolor=\"#9ecae1\"; color=\"#555555\";\n" +
            "    n0 [label=\"arith.constant\\nm.mlir:1:1\"];\n" +
            "    n2 [label=\"func.call\\n@kernel\", style=\"filled,dashed\"];\n" +
            "  }\n" +
            "  n1 [label=\"arith.addf\\nm.mlir:2:3\", fillcolor=\"#ffffff\"];\n" +
            "  n0 -> n1;\n" +
            "  n1 -> n2;\n" +
            "  n0 -> n2;\n" +
            "}\n";
        Assert.Equal(expected, writer.ToString());
        Assert.Throws<ArgumentException>(() => DotExporter.Write(ExportFixtures.ThreeNodes(), new StringWriter(), "k", style with { ClusterOfNode = [0, 1, null] }));
    }

    [Fact]
    public void EscapesQuotesBackslashesAndLineBreaks()
    {
        DataflowGraph g = DataflowGraph.Create(
            [new DataflowNode(0, "my\"op", "C:\\src\\a.mlir:1:2", false, Label: "two\r\nlines\rand\nmore\ttab\u0001")],
            [new DataflowEdgeSpec(0, 0, 0, "%\"x\\", "i1")]);
        const string expected =
            "digraph \"a\\\"b\\\\c\\nd\" {\n" +
            "  node [shape=box, fontname=\"monospace\"];\n" +
            "  n0 [label=\"my\\\"op\\nC:\\\\src\\\\a.mlir:1:2\\ntwo\\nlines\\nand\\nmore tab \"];\n" +
            "  n0 -> n0 [label=\"%\\\"x\\\\: 0 B\"];\n" +
            "}\n";
        Assert.Equal(expected, Render(g, "a\"b\\c\nd"));
    }

    [Theory]
    [InlineData(0L, "0 B")]
    [InlineData(1023L, "1023 B")]
    [InlineData(1024L, "1 KiB")]
    [InlineData(1536L, "1.5 KiB")]
    [InlineData(1100L, "1.07 KiB")]
    [InlineData(3L * 1024 * 1024, "3 MiB")]
    [InlineData(5L * 1024 * 1024 + 256 * 1024, "5.25 MiB")]
    [InlineData(40L * 1024 * 1024 * 1024, "40 GiB")]
    [InlineData(-1L, "?")]
    public void ByteSizesAreHumanReadable(long bytes, string text)
    {
        DataflowGraph g = DataflowGraph.Create(Nodes(2), [Edge(0, 1, bytes)]);
        Assert.Contains($"  n0 -> n1 [label=\"%v0: {text}\"];\n", Render(g, "g"), StringComparison.Ordinal);
    }

    [Fact]
    public void OutputIgnoresWriterNewLine()
    {
        DataflowGraph g = ExportFixtures.ThreeNodes();
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\r\n" };
        DotExporter.Write(g, writer, "g");
        Assert.DoesNotContain("\r", writer.ToString(), StringComparison.Ordinal);
        Assert.Equal(Render(g, "g"), writer.ToString());
    }

    [Fact]
    public void RejectsNullArguments()
    {
        DataflowGraph g = ExportFixtures.ThreeNodes();
        Assert.Throws<ArgumentNullException>(() => DotExporter.Write(null!, TextWriter.Null, "g"));
        Assert.Throws<ArgumentNullException>(() => DotExporter.Write(g, null!, "g"));
        Assert.Throws<ArgumentNullException>(() => DotExporter.Write(g, TextWriter.Null, null!));
    }

    private static string Render(DataflowGraph g, string name)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        DotExporter.Write(g, writer, name);
        return writer.ToString();
    }
}
