using System.Text;

namespace HwOpt.Diagnostics;

/// <summary>
/// The text of one input file, held as its UTF-8 bytes, with a line index, so that offsets map to 1-based line and
/// column. Offsets and columns count bytes, as MLIR's source manager does (for ASCII input a byte is a character).
/// The parser reads <see cref="Utf8"/>; <see cref="Text"/> decodes the whole text once, on first use, for small
/// inputs (pass pipelines, pin files) and for callers that want a string.
/// </summary>
public sealed class SourceText
{
    private readonly byte[] utf8;
    private readonly int[] lineStarts;
    private string? text;

    /// <summary>Creates a source text from a string (kept as <see cref="Text"/>; encoded to UTF-8).</summary>
    /// <param name="path">Path as given by the user (or <c>&lt;stdin&gt;</c>).</param>
    /// <param name="text">The whole text.</param>
    /// <param name="lineOffset">Lines before this text in the physical file (for <c>--split-input-file</c> chunks).</param>
    public SourceText(string path, string text, int lineOffset = 0)
        : this(path, Encoding.UTF8.GetBytes(text), lineOffset)
    {
        this.text = text;
    }

    private SourceText(string path, byte[] utf8, int lineOffset)
    {
        Path = path;
        this.utf8 = utf8;
        LineOffset = lineOffset;
        IsAscii = System.Text.Ascii.IsValid(utf8);
        var starts = new List<int> { 0 };
        var rest = utf8.AsSpan();
        int at = 0;
        while (true)
        {
            int newline = rest.IndexOf((byte)'\n');
            if (newline < 0) break;
            at += newline + 1;
            starts.Add(at);
            rest = rest[(newline + 1)..];
        }
        lineStarts = starts.ToArray();
    }

    /// <summary>
    /// Creates a source text over UTF-8 bytes without copying them: the caller hands the array over and must not change
    /// it. The bytes must be valid UTF-8 without a byte order mark (<c>SourceDecoder</c> checks a file's bytes).
    /// </summary>
    /// <param name="path">Path as given by the user.</param>
    /// <param name="utf8">The whole text, UTF-8.</param>
    /// <param name="lineOffset">Lines before this text in the physical file.</param>
    /// <returns>The source text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8"/> is null.</exception>
    public static SourceText FromUtf8(string path, byte[] utf8, int lineOffset = 0)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        return new SourceText(path, utf8, lineOffset);
    }

    /// <summary>Path as given by the user.</summary>
    public string Path { get; }

    /// <summary>The text's UTF-8 bytes (what offsets index).</summary>
    public ReadOnlyMemory<byte> Utf8 => utf8;

    /// <summary>Length of the text in bytes.</summary>
    public int Length => utf8.Length;

    /// <summary>True when every byte is ASCII (then byte offsets are character offsets).</summary>
    public bool IsAscii { get; }

    /// <summary>
    /// The whole text as a string: decoded on first use and kept (for a 23 MB file that is 46 MB more, so the parser
    /// never asks for it; it cuts what it needs with <see cref="Slice"/>).
    /// </summary>
    public string Text => text ??= Encoding.UTF8.GetString(utf8);

    /// <summary>Lines before this text in its physical file.</summary>
    public int LineOffset { get; }

    /// <summary>Number of lines.</summary>
    public int LineCount => lineStarts.Length;

    /// <summary>The text of a byte range, decoded.</summary>
    /// <param name="start">Offset of the first byte.</param>
    /// <param name="length">Number of bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside the text.</exception>
    public string Slice(int start, int length) => Encoding.UTF8.GetString(utf8, start, length);

    /// <summary>
    /// The byte offset of a character index of <see cref="Text"/> (for readers that scan the string: pass pipelines,
    /// pin files); clamped into the text.
    /// </summary>
    /// <param name="charIndex">Index of a UTF-16 code unit in <see cref="Text"/>.</param>
    public int OffsetOfChar(int charIndex)
    {
        if (IsAscii) return Math.Clamp(charIndex, 0, utf8.Length);
        var s = Text;
        return Encoding.UTF8.GetByteCount(s.AsSpan(0, Math.Clamp(charIndex, 0, s.Length)));
    }

    /// <summary>1-based line and column (in bytes) of a byte offset (clamped into the text).</summary>
    public (int Line, int Column) GetLineColumn(int offset)
    {
        offset = Math.Clamp(offset, 0, utf8.Length);
        int line = LineIndex(offset);
        return (line + 1 + LineOffset, offset - lineStarts[line] + 1);
    }

    /// <summary>
    /// Characters (UTF-16 code units) between the start of an offset's line and the offset: where a caret goes under
    /// <see cref="GetLine"/>'s text.
    /// </summary>
    public int GetCharColumn(int offset)
    {
        offset = Math.Clamp(offset, 0, utf8.Length);
        int start = lineStarts[LineIndex(offset)];
        return IsAscii ? offset - start : Encoding.UTF8.GetCharCount(utf8, start, offset - start);
    }

    /// <summary>The text of a 1-based line (of this text, without the offset), without its line break.</summary>
    public string GetLine(int line)
    {
        int local = line - LineOffset - 1;
        if (local < 0 || local >= lineStarts.Length) return string.Empty;
        int start = lineStarts[local];
        int end = local + 1 < lineStarts.Length ? lineStarts[local + 1] : utf8.Length;
        while (end > start && (utf8[end - 1] == '\n' || utf8[end - 1] == '\r')) end--;
        return Encoding.UTF8.GetString(utf8, start, end - start);
    }

    private int LineIndex(int offset)
    {
        int index = Array.BinarySearch(lineStarts, offset);
        return index >= 0 ? index : ~index - 1;
    }
}

/// <summary>A range of bytes in a source text.</summary>
/// <param name="Source">The file (null for diagnostics without a file).</param>
/// <param name="Start">Offset of the first byte.</param>
/// <param name="Length">Number of bytes (0 for a point).</param>
public readonly record struct SourceSpan(SourceText? Source, int Start, int Length)
{
    /// <summary>1-based line of the start.</summary>
    public int Line => Source?.GetLineColumn(Start).Line ?? 0;

    /// <summary>1-based column (in bytes) of the start.</summary>
    public int Column => Source?.GetLineColumn(Start).Column ?? 0;
}
