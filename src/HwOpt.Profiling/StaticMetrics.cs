using System.Globalization;

namespace HwOpt.Profiling;

/// <summary>Static code metrics of one function, read from <c>llc -O3</c> x86-64 assembly and its object file.</summary>
/// <param name="Spills">Register spills: instructions commented <c>N-byte Spill</c> or <c>N-byte Folded Spill</c> by LLVM's asm printer.</param>
/// <param name="Reloads">Reloads: <c>N-byte Reload</c> or <c>N-byte Folded Reload</c>.</param>
/// <param name="Instructions">Static machine instructions in the function body.</param>
/// <param name="CodeSizeBytes">Size of the function's symbol in the object file (bytes), or -1 when unknown.</param>
public sealed record FunctionMetrics(int Spills, int Reloads, int Instructions, long CodeSizeBytes);

/// <summary>
/// Reads per-function spills, reloads and instruction counts from LLVM assembly text (AT&amp;T syntax as printed by
/// <c>llc</c>: a function starts at its label line <c>name:</c> and ends at <c>.Lfunc_endN:</c>), and code sizes from
/// <c>llvm-nm --print-size</c> output.
/// </summary>
public static class StaticMetrics
{
    /// <summary>Metrics of every function in the assembly (code size -1; see <see cref="WithSizes"/>).</summary>
    /// <param name="assembly">The <c>.s</c> text.</param>
    /// <returns>Metrics by function symbol.</returns>
    public static IReadOnlyDictionary<string, FunctionMetrics> FromAssembly(string assembly)
    {
        var result = new Dictionary<string, FunctionMetrics>(StringComparer.Ordinal);
        var functions = new HashSet<string>(StringComparer.Ordinal);
        var lines = assembly.Split('\n');
        foreach (var line in lines)
        {
            // .type   name,@function
            var t = line.Trim();
            if (t.StartsWith(".type", StringComparison.Ordinal) && t.EndsWith("@function", StringComparison.Ordinal))
            {
                var name = t[5..t.LastIndexOf(',')].Trim();
                functions.Add(name);
            }
        }
        string? current = null;
        int spills = 0, reloads = 0, instructions = 0;
        foreach (var raw in lines)
        {
            if (current is null)
            {
                int colon = raw.IndexOf(':');
                if (colon > 0 && !char.IsWhiteSpace(raw[0]) && functions.Contains(raw[..colon]))
                {
                    current = raw[..colon];
                    spills = reloads = instructions = 0;
                }
                continue;
            }
            if (raw.StartsWith(".Lfunc_end", StringComparison.Ordinal))
            {
                result[current] = new FunctionMetrics(spills, reloads, instructions, -1);
                current = null;
                continue;
            }
            if (raw.Length < 2 || raw[0] != '\t') continue;
            var body = raw.AsSpan(1).TrimStart();
            if (body.Length == 0 || body[0] == '.' || body[0] == '#') continue;
            instructions++;
            int comment = raw.IndexOf('#');
            if (comment < 0) continue;
            var c = raw.AsSpan(comment);
            if (c.Contains("-byte Spill", StringComparison.Ordinal) || c.Contains("-byte Folded Spill", StringComparison.Ordinal)) spills++;
            else if (c.Contains("-byte Reload", StringComparison.Ordinal) || c.Contains("-byte Folded Reload", StringComparison.Ordinal)) reloads++;
        }
        return result;
    }

    /// <summary>Adds symbol sizes from <c>llvm-nm --print-size</c> output (<c>ADDR SIZE TYPE NAME</c>, hex).</summary>
    /// <param name="metrics">Metrics from <see cref="FromAssembly"/>.</param>
    /// <param name="nmOutput">The nm output.</param>
    /// <returns>Metrics with <see cref="FunctionMetrics.CodeSizeBytes"/> filled where nm lists the symbol.</returns>
    public static IReadOnlyDictionary<string, FunctionMetrics> WithSizes(IReadOnlyDictionary<string, FunctionMetrics> metrics, string nmOutput)
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in nmOutput.Split('\n'))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 4 && long.TryParse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long size)) sizes[parts[3]] = size;
        }
        return metrics.ToDictionary(kv => kv.Key, kv => sizes.TryGetValue(kv.Key, out var s) ? kv.Value with { CodeSizeBytes = s } : kv.Value, StringComparer.Ordinal);
    }
}
