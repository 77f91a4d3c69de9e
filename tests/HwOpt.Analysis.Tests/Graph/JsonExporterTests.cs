using System.Text;
using System.Text.Json;
using HwOpt.Analysis.Graph;
using static HwOpt.Analysis.Tests.Graph.GraphFixtures;

namespace HwOpt.Analysis.Tests.Graph;

public sealed class JsonExporterTests
{
    [Fact]
    public void ThreeNodeGraph_ExactText()
    {
        const string expected = """
            {
              "schemaVersion": 1,
              "nodes": [
                {
                  "id": 0,
                  "op": "arith.constant",
                  "location": "m.mlir:1:1",
                  "opaque": false
                },
                {
                  "id": 1,
                  "op": "arith.addf",
                  "location": "m.mlir:2:3",
                  "opaque": false
                },
                {
                  "id": 2,
                  "op": "func.call",
                  "location": "",
                  "opaque": true,
                  "label": "@kernel"
                }
              ],
              "edges": [
                {
                  "id": 0,
                  "from": 0,
                  "to": 1,
                  "bytes": 64,
                  "value": "%0",
                  "type": "tensor<16xf32>"
                },
                {
                  "id": 1,
                  "from": 1,
                  "to": 2,
                  "bytes": 1536,
                  "value": "%1",
                  "type": "tensor<384xf32>"
                },
                {
                  "id": 2,
                  "from": 0,
                  "to": 2,
                  "bytes": -1,
                  "value": "%0",
                  "type": "tensor<?xf32>"
                }
              ],
              "topologicalOrder": [
                0,
                1,
                2
              ]
            }

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), Render(ExportFixtures.ThreeNodes()));
    }

    [Fact]
    public void CyclicGraph_HasNullOrder_AndEscapesStrings()
    {
        DataflowGraph g = DataflowGraph.Create(
            [new DataflowNode(0, "a\"b\\c", "line\nbreak", false), new DataflowNode(1, "x", "", false)],
            [Edge(0, 1), Edge(1, 0)]);
        string text = Render(g);
        Assert.Contains("\"topologicalOrder\": null", text, StringComparison.Ordinal);
        Assert.Contains("\"op\": \"a\\\"b\\\\c\"", text, StringComparison.Ordinal);
        Assert.Contains("\"location\": \"line\\nbreak\"", text, StringComparison.Ordinal);

        using JsonDocument doc = JsonDocument.Parse(text);
        JsonElement root = doc.RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("topologicalOrder").ValueKind);
        Assert.Equal("a\"b\\c", root.GetProperty("nodes")[0].GetProperty("op").GetString());
        Assert.Equal(2, root.GetProperty("edges").GetArrayLength());
    }

    [Fact]
    public void RandomGraph_RoundTripsAndIsDeterministic()
    {
        var rng = new Random(8);
        DataflowGraph g = RandomDag(rng, 60, 0.1);
        string first = Render(g);
        Assert.Equal(first, Render(g));

        using JsonDocument doc = JsonDocument.Parse(first);
        JsonElement root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(g.NodeCount, root.GetProperty("nodes").GetArrayLength());
        JsonElement edges = root.GetProperty("edges");
        Assert.Equal(g.EdgeCount, edges.GetArrayLength());
        for (int i = 0; i < g.EdgeCount; i++)
        {
            Assert.Equal(g.Edges[i].From, edges[i].GetProperty("from").GetInt32());
            Assert.Equal(g.Edges[i].To, edges[i].GetProperty("to").GetInt32());
            Assert.Equal(g.Edges[i].Bytes, edges[i].GetProperty("bytes").GetInt64());
        }

        Assert.Equal(g.TopologicalOrder(), root.GetProperty("topologicalOrder").EnumerateArray().Select(e => e.GetInt32()).ToArray());
    }

    [Fact]
    public void LeavesStreamOpen_AndRejectsBadArguments()
    {
        var stream = new MemoryStream();
        JsonExporter.Write(ExportFixtures.ThreeNodes(), stream);
        Assert.True(stream.CanWrite);
        Assert.True(stream.Length > 0);
        Assert.Throws<ArgumentNullException>(() => JsonExporter.Write(null!, stream));
        Assert.Throws<ArgumentNullException>(() => JsonExporter.Write(ExportFixtures.ThreeNodes(), null!));
        Assert.Throws<ArgumentException>(() => JsonExporter.Write(ExportFixtures.ThreeNodes(), new MemoryStream([], writable: false)));
    }

    private static string Render(DataflowGraph g)
    {
        using var stream = new MemoryStream();
        JsonExporter.Write(g, stream);
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(stream.ToArray());
    }
}
