using System.Text;
using HwOpt.Diagnostics;

namespace HwOpt.Syntax;

/// <summary>Turns input bytes into a <see cref="SourceText"/>: strict UTF-8 (a leading BOM is dropped).</summary>
public static class SourceDecoder
{
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
