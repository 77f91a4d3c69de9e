using System.Text;
using HwOpt.Diagnostics;

namespace HwOpt.Cli;

/// <summary>Reads an input file or stdin as strict UTF-8; invalid bytes give HW1014 at their line and column.</summary>
internal static class InputReader
{
    public static SourceText? Read(string path, DiagnosticBag diagnostics)
    {
        byte[] bytes;
        string display = path == "-" ? "<stdin>" : path;
        try
        {
            if (path == "-")
            {
                using var stdin = Console.OpenStandardInput();
                using var ms = new MemoryStream();
                stdin.CopyTo(ms);
                bytes = ms.ToArray();
            }
            else
            {
                return HwOpt.Syntax.SourceDecoder.DecodeFile(path, display, diagnostics);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            diagnostics.Report(DiagnosticIds.CannotReadInput, default, $"cannot read '{display}': {e.Message}");
            return null;
        }
        return HwOpt.Syntax.SourceDecoder.Decode(bytes, display, diagnostics);
    }

    /// <summary>Splits at lines <c>// -----</c> (mlir-opt's --split-input-file), keeping line numbers of the file.</summary>
    public static IReadOnlyList<SourceText> Split(SourceText source)
    {
        var chunks = new List<SourceText>();
        var bytes = source.Utf8.Span;
        int chunkStart = 0, lineStart = 0, line = 0, startLine = 0;
        while (lineStart <= bytes.Length)
        {
            int newline = bytes[lineStart..].IndexOf((byte)'\n');
            int lineEnd = newline < 0 ? bytes.Length : lineStart + newline;
            if (bytes[lineStart..lineEnd].TrimEnd("\r \t\f\v"u8).SequenceEqual("// -----"u8))
            {
                // The chunk ends before the separator's line break ([chunkStart, lineStart - 1)), as the lines' join did.
                chunks.Add(SourceText.FromUtf8(source.Path, bytes[chunkStart..Math.Max(chunkStart, lineStart - 1)].ToArray(), startLine));
                chunkStart = Math.Min(lineEnd + 1, bytes.Length);
                startLine = line + 1;
            }
            if (newline < 0) break;
            lineStart = lineEnd + 1;
            line++;
        }
        chunks.Add(SourceText.FromUtf8(source.Path, bytes[chunkStart..].ToArray(), startLine));
        return chunks;
    }
}
