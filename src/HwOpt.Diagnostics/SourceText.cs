namespace HwOpt.Diagnostics;

/// <summary>
/// The text of one input file with a line index, so that character offsets map to 1-based line and column
/// (columns count UTF-16 code units from 1, as MLIR counts bytes for ASCII input).
/// </summary>
public sealed class SourceText
{
    private readonly int[] lineStarts;

    /// <summary>Creates a source text.</summary>
    /// <param name="path">Path as given by the user (or <c>&lt;stdin&gt;</c>).</param>
    /// <param name="text">The whole text.</param>
    /// <param name="lineOffset">Lines before this text in the physical file (for <c>--split-input-file</c> chunks).</param>
    public SourceText(string path, string text, int lineOffset = 0)
    {
        Path = path;
        Text = text;
        LineOffset = lineOffset;
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n') starts.Add(i + 1);
        }
        lineStarts = starts.ToArray();
    }

    /// <summary>Path as given by the user.</summary>
    public string Path { get; }

    /// <summary>The text.</summary>
    public string Text { get; }

    /// <summary>Lines before this text in its physical file.</summary>
    public int LineOffset { get; }

    /// <summary>Number of lines.</summary>
    public int LineCount => lineStarts.Length;

    /// <summary>1-based line and column of a character offset (clamped into the text).</summary>
    public (int Line, int Column) GetLineColumn(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        int index = Array.BinarySearch(lineStarts, offset);
        int line = index >= 0 ? index : ~index - 1;
        return (line + 1 + LineOffset, offset - lineStarts[line] + 1);
    }

    /// <summary>The text of a 1-based line (of this text, without the offset), without its line break.</summary>
    public string GetLine(int line)
    {
        int local = line - LineOffset - 1;
        if (local < 0 || local >= lineStarts.Length) return string.Empty;
        int start = lineStarts[local];
        int end = local + 1 < lineStarts.Length ? lineStarts[local + 1] : Text.Length;
        while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r')) end--;
        return Text.Substring(start, end - start);
    }
}

/// <summary>A range of characters in a source text.</summary>
/// <param name="Source">The file (null for diagnostics without a file).</param>
/// <param name="Start">Offset of the first character.</param>
/// <param name="Length">Number of characters (0 for a point).</param>
public readonly record struct SourceSpan(SourceText? Source, int Start, int Length)
{
    /// <summary>1-based line of the start.</summary>
    public int Line => Source?.GetLineColumn(Start).Line ?? 0;

    /// <summary>1-based column of the start.</summary>
    public int Column => Source?.GetLineColumn(Start).Column ?? 0;
}
