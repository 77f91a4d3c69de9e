using System.Runtime.InteropServices;
using HwOpt.Diagnostics;

namespace HwOpt.Syntax.Lexing;

/// <summary>The array behind a source text's UTF-8 bytes, for the scanners, which index it directly.</summary>
internal static class SourceBytes
{
    /// <summary>The source's bytes as an array (<see cref="SourceText.Utf8"/> is always a whole array).</summary>
    /// <exception cref="InvalidOperationException">The memory is not a whole array (not made by <see cref="SourceText"/>).</exception>
    public static byte[] Bytes(this SourceText source) =>
        MemoryMarshal.TryGetArray(source.Utf8, out var segment) && segment.Offset == 0 && segment.Array!.Length == segment.Count
            ? segment.Array
            : throw new InvalidOperationException("a source text's bytes are a whole array");
}
