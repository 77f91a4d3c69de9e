using System.Text;
using HwOpt.Diagnostics;

namespace HwOpt.Syntax;

/// <summary>Turns input bytes into a <see cref="SourceText"/>: strict UTF-8 (a leading BOM is dropped).</summary>
public static class SourceDecoder
{
    /// <summary>
    /// Reads and decodes a file as <see cref="Decode"/> decodes its bytes, without holding them: one pass with a small
    /// buffer counts the characters, a second decodes them straight into the text (a pipe, which can be read once, is
    /// read whole first). The whole file's bytes beside its text kept a 23 MB array in the large-object heap until a
    /// full collection, and in the peak memory of a parse.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="display">The path to show in diagnostics.</param>
    /// <param name="diagnostics">Where to report (invalid UTF-8: HW1014, as <see cref="Decode"/>).</param>
    /// <returns>The text, or null after a diagnostic.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static SourceText? DecodeFile(string path, string display, DiagnosticBag diagnostics)
    {
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        if (!file.CanSeek)
        {
            // A pipe (`<(...)`) can be read once only.
            return DecodeWhole(file, display, diagnostics);
        }
        var buffer = new byte[BufferBytes];
        try
        {
            int chars = 0;
            var decoder = strict.GetDecoder();
            bool first = true, last;
            do
            {
                var bytes = Read(file, buffer, ref first, out last);
                chars = checked(chars + decoder.GetCharCount(bytes, last));
            }
            while (!last);
            file.Position = 0;
            string text = string.Create(chars, (file, buffer, strict), static (target, state) =>
            {
                var decoder = state.strict.GetDecoder();
                int at = 0;
                bool first = true, last;
                do
                {
                    var bytes = Read(state.file, state.buffer, ref first, out last);
                    // A file that changed meanwhile is read again the plain way (see the catch below).
                    if (decoder.GetCharCount(bytes, last) > target.Length - at) throw new FileChangedException();
                    at += decoder.GetChars(bytes, target[at..], last);
                }
                while (!last);
                if (at != target.Length) throw new FileChangedException();
            });
            return new SourceText(display, text);
        }
        catch (Exception e) when (e is DecoderFallbackException or FileChangedException or OverflowException)
        {
            // Invalid UTF-8 is located exactly from the bytes; a file that changed between the passes is read once more.
            file.Position = 0;
            return DecodeWhole(file, display, diagnostics);
        }
    }

    /// <summary>The rest of <paramref name="file"/> read whole and decoded by <see cref="Decode"/>.</summary>
    private static SourceText? DecodeWhole(FileStream file, string display, DiagnosticBag diagnostics)
    {
        using var all = new MemoryStream();
        file.CopyTo(all);
        return Decode(all.ToArray(), display, diagnostics);
    }

    private const int BufferBytes = 1 << 16;

    private sealed class FileChangedException : Exception;

    /// <summary>The next bytes of the file (after a leading BOM); <paramref name="last"/> is true at its end.</summary>
    private static ReadOnlySpan<byte> Read(FileStream file, byte[] buffer, ref bool first, out bool last)
    {
        int n = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        last = n < buffer.Length;
        int from = 0;
        if (first)
        {
            first = false;
            if (n >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF) from = 3;
        }
        return buffer.AsSpan(from, n - from);
    }

    /// <summary>Decodes bytes; invalid UTF-8 gives HW1014 at the line and column of the first bad byte and returns null.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="path">The path to show in diagnostics.</param>
    /// <param name="diagnostics">Where to report.</param>
    public static SourceText? Decode(byte[] bytes, string path, DiagnosticBag diagnostics)
    {
        int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        try
        {
            return new SourceText(path, strict.GetString(bytes, start, bytes.Length - start));
        }
        catch (DecoderFallbackException e)
        {
            int bad = Math.Clamp(start + Math.Max(0, e.Index), start, Math.Max(start, bytes.Length - 1));
            // Find the first bad byte exactly: the longest valid prefix.
            int lo = start, hi = bad;
            while (lo < hi)
            {
                int mid = (lo + hi + 1) / 2;
                try { strict.GetCharCount(bytes, start, mid - start); lo = mid; }
                catch (DecoderFallbackException) { hi = mid - 1; }
            }
            string prefix = Encoding.UTF8.GetString(bytes, start, lo - start);
            var src = new SourceText(path, prefix + " ");
            diagnostics.Report(DiagnosticIds.InvalidUtf8, new SourceSpan(src, prefix.Length, 1),
                $"invalid UTF-8 byte 0x{bytes[Math.Min(lo, bytes.Length - 1)]:X2}");
            return null;
        }
    }
}
