using System.Text.Encodings.Web;
using System.Text.Json;

namespace HwOpt.Analysis.Graph;

/// <summary>
/// Writes a <see cref="DataflowGraph"/> as indented UTF-8 JSON (schema version 1). O(E + N log N) (the
/// topological order is included). Output bytes depend only on the graph: two-space indentation, <c>\n</c>
/// line ends on every platform, a final <c>\n</c>, and no escaping of <c>&lt;</c>, <c>&gt;</c> or non-ASCII
/// text beyond what JSON requires.
/// </summary>
/// <remarks>
/// Schema: <c>{"schemaVersion":1, "nodes":[{"id","op","location","opaque"[,"label"]}],
/// "edges":[{"id","from","to","bytes","value","type"}], "topologicalOrder":[...] | null}</c>. Nodes are in
/// index order and edges in id order; <c>"label"</c> appears only for nodes that have one; <c>"bytes"</c> is
/// -1 when the size is unknown; <c>"topologicalOrder"</c> is <see cref="DataflowGraph.TopologicalOrder"/>,
/// or null when the graph is cyclic.
/// </remarks>
public static class JsonExporter
{
    /// <summary>The schema version written in <c>"schemaVersion"</c>.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentCharacter = ' ',
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <paramref name="graph"/> to <paramref name="stream"/>, which is flushed but left open.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="stream">A writable stream.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not writable.</exception>
    /// <exception cref="IOException">The stream fails.</exception>
    public static void Write(DataflowGraph graph, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The stream is not writable.", nameof(stream));
        }

        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", SchemaVersion);
            json.WriteStartArray("nodes");
            foreach (DataflowNode node in graph.Nodes)
            {
                json.WriteStartObject();
                json.WriteNumber("id", node.Index);
                json.WriteString("op", node.OpName);
                json.WriteString("location", node.Location);
                json.WriteBoolean("opaque", node.Opaque);
                if (node.Label is not null)
                {
                    json.WriteString("label", node.Label);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("edges");
            foreach (DataflowEdge edge in graph.Edges)
            {
                json.WriteStartObject();
                json.WriteNumber("id", edge.Id);
                json.WriteNumber("from", edge.From);
                json.WriteNumber("to", edge.To);
                json.WriteNumber("bytes", edge.Bytes);
                json.WriteString("value", edge.ValueName);
                json.WriteString("type", edge.Type);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (graph.TryTopologicalOrder(out int[] order))
            {
                json.WriteStartArray("topologicalOrder");
                foreach (int v in order)
                {
                    json.WriteNumberValue(v);
                }

                json.WriteEndArray();
            }
            else
            {
                json.WriteNull("topologicalOrder");
            }

            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        stream.Flush();
    }
}
