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
        var lines = source.Text.Split('\n');
        var current = new StringBuilder();
        int startLine = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd('\r').TrimEnd() == "// -----")
            {
                chunks.Add(new SourceText(source.Path, current.ToString(), startLine));
                current.Clear();
                startLine = i + 1;
                continue;
            }
            current.Append(lines[i]);
            if (i < lines.Length - 1) current.Append('\n');
        }
        chunks.Add(new SourceText(source.Path, current.ToString(), startLine));
        return chunks;
    }
}
