using System.Text;
using HwOpt.Diagnostics;

namespace HwOpt.Syntax;

/// <summary>Turns input bytes into a <see cref="SourceText"/>: strict UTF-8 (a leading BOM is dropped), kept as bytes.</summary>
public static class SourceDecoder
{
    /// <summary>
    /// Reads a file's bytes and checks them as <see cref="Decode"/> does. The text stays UTF-8, as MLIR's source manager
    /// keeps it: a UTF-16 string of a 23 MB file took 46 MB for the whole parse.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="display">The path to show in diagnostics.</param>
    /// <param name="diagnostics">Where to report (invalid UTF-8: HW1014, as <see cref="Decode"/>).</param>
    /// <returns>The text, or null after a diagnostic.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static SourceText? DecodeFile(string path, string display, DiagnosticBag diagnostics)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        byte[] bytes;
        if (file.CanSeek && file.Length <= Array.MaxLength)
        {
            bytes = new byte[file.Length];
            int n = file.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            // A file that grew meanwhile is read to its end; one that shrank is cut where it ended.
            if (n < bytes.Length) Array.Resize(ref bytes, n);
            else if (file.ReadByte() is int next and >= 0) bytes = ReadRest(file, bytes, (byte)next);
        }
        else
        {
            // A pipe (`<(...)`) can be read once only, and has no length.
            using var all = new MemoryStream();
            file.CopyTo(all);
            bytes = all.ToArray();
        }
        return Decode(bytes, display, diagnostics);
    }

    private static byte[] ReadRest(FileStream file, byte[] head, byte next)
    {
        using var all = new MemoryStream();
        all.Write(head);
        all.WriteByte(next);
        file.CopyTo(all);
        return all.ToArray();
    }

    /// <summary>
    /// Checks bytes as UTF-8 and makes them a source text (the array is kept, not copied, unless it starts with a BOM);
    /// invalid UTF-8 gives HW1014 at the line and column of the first bad byte and returns null.
    /// </summary>
    /// <param name="bytes">The file's bytes (handed over: not to be changed afterwards).</param>
    /// <param name="path">The path to show in diagnostics.</param>
    /// <param name="diagnostics">Where to report.</param>
    public static SourceText? Decode(byte[] bytes, string path, DiagnosticBag diagnostics)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) bytes = bytes[3..];
        int bad = FirstInvalidByte(bytes);
        if (bad < 0) return SourceText.FromUtf8(path, bytes);
        var prefix = new byte[bad + 1];
        bytes.AsSpan(0, bad).CopyTo(prefix);
        prefix[bad] = (byte)' ';
        var src = SourceText.FromUtf8(path, prefix);
        diagnostics.Report(DiagnosticIds.InvalidUtf8, new SourceSpan(src, bad, 1), $"invalid UTF-8 byte 0x{bytes[bad]:X2}");
        return null;
    }

    /// <summary>Offset of the first byte that is not part of valid UTF-8 (surrogates and overlong forms included), or -1.</summary>
    private static int FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return -1;
        var buffer = new char[4096];
        int at = 0;
        while (true)
        {
            var status = System.Text.Unicode.Utf8.ToUtf16(bytes[at..], buffer, out int read, out _, replaceInvalidSequences: false);
            at += read;
            if (status == System.Buffers.OperationStatus.Done) return -1;
            if (status != System.Buffers.OperationStatus.DestinationTooSmall) return at;
        }
    }
}
