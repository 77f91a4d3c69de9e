using System.Text;

namespace HwOpt.Analysis.Graph;

/// <summary>
/// Writes a <see cref="DataflowGraph"/> as a Graphviz DOT digraph. O(N + E); output depends only on the
/// graph, and lines always end in <c>\n</c> whatever the writer's <see cref="TextWriter.NewLine"/>.
/// </summary>
/// <remarks>
/// Layout: <c>digraph "name" {</c>, a default node style line, one line per node in index order
/// (<c>n0 [label="arith.addf\nloc"];</c>, with <c>style=dashed</c> for opaque nodes; the label's lines are the
/// op name, the location when non-empty and the <see cref="DataflowNode.Label"/> when non-empty), one line
/// per edge in id order (<c>n0 -&gt; n1 [label="%3: 64 B"];</c>, sizes in B/KiB/MiB/GiB, <c>?</c> when
/// unknown), then <c>}</c>. Strings are escaped for DOT: <c>"</c> and <c>\</c> get a backslash, line breaks
/// become <c>\n</c>, other control characters become spaces.
/// </remarks>
public static class DotExporter
{
    /// <summary>Writes <paramref name="graph"/> to <paramref name="writer"/> (which is not flushed or closed).</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="writer">Destination.</param>
    /// <param name="graphName">Name put in the <c>digraph</c> header; any text, escaped as needed.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IOException">The writer fails.</exception>
    public static void Write(DataflowGraph graph, TextWriter writer, string graphName)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(graphName);

        var line = new StringBuilder();
        writer.Write("digraph " + Quote(graphName) + " {\n");
        writer.Write("  node [shape=box, fontname=\"monospace\"];\n");
        foreach (DataflowNode node in graph.Nodes)
        {
            line.Clear();
            line.Append("  n").Append(node.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" [label=\"");
            AppendEscaped(line, node.OpName);
            if (node.Location.Length > 0)
            {
                line.Append("\\n");
                AppendEscaped(line, node.Location);
            }

            if (!string.IsNullOrEmpty(node.Label))
            {
                line.Append("\\n");
                AppendEscaped(line, node.Label);
            }

            line.Append('"');
            if (node.Opaque)
            {
                line.Append(", style=dashed");
            }

            line.Append("];\n");
            writer.Write(line.ToString());
        }

        foreach (DataflowEdge edge in graph.Edges)
        {
            string label = edge.ValueName + ": " + ByteSizeFormat.Format(edge.Bytes);
            writer.Write(FormattableString.Invariant($"  n{edge.From} -> n{edge.To} [label={Quote(label)}];\n"));
        }

        writer.Write("}\n");
    }

    /// <summary>Returns <paramref name="text"/> as a quoted, escaped DOT string.</summary>
    private static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        sb.Append('"');
        AppendEscaped(sb, text);
        sb.Append('"');
        return sb.ToString();
    }

    private static void AppendEscaped(StringBuilder sb, string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\r':
                    sb.Append("\\n");
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                default:
                    sb.Append(char.IsControl(c) ? ' ' : c);
                    break;
            }
        }
    }
}
