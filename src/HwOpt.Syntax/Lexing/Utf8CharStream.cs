using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using HwOpt.Diagnostics;

namespace HwOpt.Syntax.Lexing;

/// <summary>
/// The generated lexer's input over a source text's UTF-8 bytes: each byte is one symbol, so the lexer's offsets are
/// byte offsets, as everywhere else (<see cref="SourceText"/>), and no UTF-16 copy of the file is made. MLIR's lexical
/// grammar is ASCII: bytes from 0x80 occur only inside strings and comments, whose rules take any symbol but a quote,
/// backslash or line break, so they lex as the characters did. Token texts are decoded from the bytes.
/// </summary>
internal sealed class Utf8CharStream(SourceText source) : ICharStream
{
    private readonly ReadOnlyMemory<byte> bytes = source.Utf8;
    private int index;

    /// <inheritdoc/>
    public int Index => index;

    /// <inheritdoc/>
    public int Size => bytes.Length;

    /// <inheritdoc/>
    public string SourceName => source.Path;

    /// <inheritdoc/>
    public void Consume()
    {
        if (index >= bytes.Length) throw new InvalidOperationException("cannot consume EOF");
        index++;
    }

    /// <inheritdoc/>
    public int LA(int i)
    {
        if (i == 0) return 0;
        int at = i < 0 ? index + i : index + i - 1;
        return at < 0 || at >= bytes.Length ? IntStreamConstants.EOF : bytes.Span[at];
    }

    /// <inheritdoc/>
    public int Mark() => -1;

    /// <inheritdoc/>
    public void Release(int marker)
    {
    }

    /// <inheritdoc/>
    public void Seek(int index) => this.index = Math.Clamp(index, 0, bytes.Length);

    /// <inheritdoc/>
    public string GetText(Interval interval)
    {
        int start = Math.Max(0, interval.a), stop = Math.Min(interval.b, bytes.Length - 1);
        return stop < start ? string.Empty : source.Slice(start, stop - start + 1);
    }
}
