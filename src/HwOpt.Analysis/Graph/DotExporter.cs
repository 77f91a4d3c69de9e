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
    public static void Write(DataflowGraph graph, TextWriter writer, string graphName) => Write(graph, writer, graphName, null);

    /// <summary>
    /// Writes <paramref name="graph"/> with a <paramref name="style"/>: nodes of a cluster inside
    /// <c>subgraph cluster_N { label="..."; style=filled; fillcolor="..."; ... }</c> (clusters in index order, each
    /// after the free nodes before its first node), node fill colours, and edge labels on or off.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="writer">Destination.</param>
    /// <param name="graphName">Name put in the <c>digraph</c> header.</param>
    /// <param name="style">Clusters and colours; null for the plain layout of <see cref="Write(DataflowGraph, TextWriter, string)"/>.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="style"/> is null.</exception>
    /// <exception cref="ArgumentException">The style's per-node lists do not have one entry per node, or name a cluster that does not exist.</exception>
    /// <exception cref="IOException">The writer fails.</exception>
    public static void Write(DataflowGraph graph, TextWriter writer, string graphName, DotStyle? style)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(graphName);
        style?.Check(graph.NodeCount);

        var line = new StringBuilder();
        writer.Write("digraph " + Quote(graphName) + " {\n");
        if (style?.GraphAttributes is { Length: > 0 } attributes) writer.Write("  " + attributes + ";\n");
        writer.Write("  node [shape=box, fontname=\"monospace\"" + (style is null ? "" : ", style=filled, fillcolor=white") + "];\n");
        var nodeLines = new string[graph.NodeCount];
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
                line.Append(style is null ? ", style=dashed" : ", style=\"filled,dashed\"");
            }

            if (style?.NodeFill?[node.Index] is { } fill)
            {
                line.Append(", fillcolor=").Append(Quote(fill));
            }

            line.Append("];\n");
            nodeLines[node.Index] = line.ToString();
        }

        WriteNodes(writer, nodeLines, style);
        foreach (DataflowEdge edge in graph.Edges)
        {
            if (style is { EdgeLabels: false })
            {
                writer.Write(FormattableString.Invariant($"  n{edge.From} -> n{edge.To};\n"));
                continue;
            }

            string label = edge.ValueName + ": " + ByteSizeFormat.Format(edge.Bytes);
            writer.Write(FormattableString.Invariant($"  n{edge.From} -> n{edge.To} [label={Quote(label)}];\n"));
        }

        writer.Write("}\n");
    }

    /// <summary>Node lines in index order; a cluster's nodes together, at the position of its first node.</summary>
    private static void WriteNodes(TextWriter writer, string[] nodeLines, DotStyle? style)
    {
        if (style?.ClusterOfNode is not { } clusterOf)
        {
            foreach (string l in nodeLines)
            {
                writer.Write(l);
            }

            return;
        }

        var members = new List<int>[style.Clusters.Count];
        for (int i = 0; i < nodeLines.Length; i++)
        {
            if (clusterOf[i] is int c)
            {
                (members[c] ??= []).Add(i);
            }
        }

        var written = new bool[style.Clusters.Count];
        for (int i = 0; i < nodeLines.Length; i++)
        {
            if (clusterOf[i] is not int c)
            {
                writer.Write(nodeLines[i]);
                continue;
            }

            if (written[c])
            {
                continue;
            }

            written[c] = true;
            DotCluster cluster = style.Clusters[c];
            writer.Write(FormattableString.Invariant($"  subgraph cluster_{c} {{\n    label={Quote(cluster.Label)}; style=filled; fillcolor={Quote(cluster.FillColor)}; color=\"#555555\";\n"));
            foreach (int m in members[c])
            {
                writer.Write("  " + nodeLines[m]);
            }

            writer.Write("  }\n");
        }
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

/// <summary>One cluster of a <see cref="DotStyle"/>: a box drawn around its nodes.</summary>
/// <param name="Label">Text shown on the cluster.</param>
/// <param name="FillColor">Graphviz colour (<c>#rrggbb</c> or a colour name).</param>
public sealed record DotCluster(string Label, string FillColor);

/// <summary>How <see cref="DotExporter"/> decorates a graph: clusters, node fill colours, edge labels.</summary>
/// <param name="Clusters">Clusters, by index.</param>
/// <param name="ClusterOfNode">Per node, its cluster index or null; null for no clusters.</param>
/// <param name="NodeFill">Per node, a fill colour or null; null for none.</param>
/// <param name="EdgeLabels">Write each edge's value name and size (false: bare edges, which lay out faster).</param>
/// <param name="GraphAttributes">Extra graph attributes written after the header, e.g. <c>rankdir=TB; fontsize=10</c>; null for none.</param>
public sealed record DotStyle(
    IReadOnlyList<DotCluster> Clusters, IReadOnlyList<int?>? ClusterOfNode, IReadOnlyList<string?>? NodeFill, bool EdgeLabels = true, string? GraphAttributes = null)
{
    internal void Check(int nodeCount)
    {
        if (ClusterOfNode is { } c && c.Count != nodeCount) throw new ArgumentException("ClusterOfNode needs one entry per node");
        if (NodeFill is { } f && f.Count != nodeCount) throw new ArgumentException("NodeFill needs one entry per node");
        if (ClusterOfNode?.Any(x => x is int i && (i < 0 || i >= Clusters.Count)) == true) throw new ArgumentException("a node names a cluster that does not exist");
    }
}
