using System.Diagnostics;
using HwOpt.Diagnostics;

namespace HwOpt.Syntax;

/// <summary>Outcome of a fuzz campaign.</summary>
/// <param name="Accepted">Inputs parsed without error.</param>
/// <param name="Rejected">Inputs rejected with located diagnostics.</param>
/// <param name="Failures">Inputs that crashed, hung or gave an unlocated error (with the mutation that made them).</param>
/// <param name="SlowestMs">The slowest single parse, in ms.</param>
public sealed record FuzzReport(int Accepted, int Rejected, IReadOnlyList<string> Failures, double SlowestMs)
{
    /// <summary>The input bytes of each failure, in the order of <see cref="Failures"/> (to save as reproducers).</summary>
    public IReadOnlyList<byte[]> FailureInputs { get; init; } = [];
}

/// <summary>
/// Mutation fuzzer for the parser: byte flips, truncations, duplicated and deleted lines, spliced chunks, deep
/// nesting, huge literals and invalid UTF-8, applied to seed files. Deterministic for a seed.
/// </summary>
public static class Fuzzer
{
    /// <summary>Runs <paramref name="iterations"/> mutated inputs through <see cref="SourceDecoder"/> and <see cref="MlirParser"/>.</summary>
    /// <param name="seeds">Seed files' bytes.</param>
    /// <param name="iterations">Mutated inputs to try.</param>
    /// <param name="seed">Random seed (the campaign is deterministic for a seed).</param>
    /// <param name="perInputTimeout">Time one input may take before it counts as a hang.</param>
    /// <param name="differential">
    /// Also compare the direct parser's tree with the generated parser's on each decoded input
    /// (<see cref="ParserEquivalence"/>); a divergence is a failure.
    /// </param>
    public static FuzzReport Run(IReadOnlyList<byte[]> seeds, int iterations, int seed, TimeSpan perInputTimeout, bool differential = false)
    {
        var rng = new Random(seed);
        int accepted = 0, rejected = 0;
        double slowest = 0;
        var failures = new List<string>();
        var failureInputs = new List<byte[]>();
        for (int i = 0; i < iterations; i++)
        {
            var input = seeds[rng.Next(seeds.Count)];
            var (bytes, what) = Mutate(input, rng);
            var sw = Stopwatch.StartNew();
            var task = Task.Run(() =>
            {
                var bag = new DiagnosticBag();
                var src = SourceDecoder.Decode(bytes, "fuzz.mlir", bag);
                if (src is null) return ((IReadOnlyList<Diagnostic>)bag.Items, (string?)null);
                string? divergence = differential ? ParserEquivalence.Compare(src.Text).Divergence : null;
                return (MlirParser.Parse(src).Diagnostics, divergence);
            });
            try
            {
                if (!task.Wait(perInputTimeout))
                {
                    failures.Add($"#{i} ({what}): no result after {perInputTimeout.TotalSeconds} s");
                    failureInputs.Add(bytes);
                    continue;
                }
            }
            catch (AggregateException e)
            {
                var inner = e.InnerException;
                while (inner?.InnerException is not null) inner = inner.InnerException;
                failures.Add($"#{i} ({what}): {inner?.GetType().Name}: {inner?.Message}\n{inner?.StackTrace}");
                failureInputs.Add(bytes);
                continue;
            }
            slowest = Math.Max(slowest, sw.Elapsed.TotalMilliseconds);
            if (task.Result.Item2 is { } divergence)
            {
                failures.Add($"#{i} ({what}): the parsers differ: {divergence}");
                failureInputs.Add(bytes);
                continue;
            }
            var errors = task.Result.Item1.Where(d => d.IsError).ToList();
            if (errors.Count == 0) accepted++;
            else if (errors.All(d => d.Span.Source is not null && d.Span.Line >= 1 && d.Id.StartsWith("HW", StringComparison.Ordinal))) rejected++;
            else
            {
                failures.Add($"#{i} ({what}): unlocated diagnostic {errors[0].Id}: {errors[0].Message}");
                failureInputs.Add(bytes);
            }
        }
        return new FuzzReport(accepted, rejected, failures, slowest) { FailureInputs = failureInputs };
    }

    internal static (byte[] Bytes, string What) Mutate(byte[] input, Random rng)
    {
        var b = input.ToArray();
        switch (rng.Next(8))
        {
            case 0:
                for (int k = 0, n = 1 + rng.Next(4); k < n && b.Length > 0; k++) b[rng.Next(b.Length)] ^= (byte)(1 << rng.Next(8));
                return (b, "bit flips");
            case 1:
                return (b[..rng.Next(b.Length + 1)], "truncation");
            case 2:
            {
                var lines = Lines(b);
                if (lines.Count == 0) return (b, "empty");
                int at = rng.Next(lines.Count);
                lines.Insert(at, lines[at]);
                return (Join(lines), "duplicated line");
            }
            case 3:
            {
                var lines = Lines(b);
                if (lines.Count == 0) return (b, "empty");
                lines.RemoveAt(rng.Next(lines.Count));
                return (Join(lines), "deleted line");
            }
            case 4:
            {
                int depth = rng.Next(2) == 0 ? 5_000 : 200;
                string open = new[] { "(", "[", "{", "<" }[rng.Next(4)];
                int at = rng.Next(b.Length + 1);
                return ([.. b[..at], .. System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(open, depth))), .. b[at..]], $"nesting {open} x{depth}");
            }
            case 5:
            {
                int at = rng.Next(b.Length + 1);
                string lit = rng.Next(2) == 0 ? new string('7', 20_000) : "0x" + new string('F', 5_000);
                return ([.. b[..at], .. System.Text.Encoding.ASCII.GetBytes(lit), .. b[at..]], "huge literal");
            }
            case 6:
            {
                int at = rng.Next(b.Length + 1);
                byte[] bad = rng.Next(2) == 0 ? [0xFF] : [0xC3];
                return ([.. b[..at], .. bad, .. b[at..]], "invalid UTF-8");
            }
            default:
            {
                if (b.Length < 2) return (b, "short");
                int from = rng.Next(b.Length), len = rng.Next(Math.Min(200, b.Length - from) + 1), at = rng.Next(b.Length);
                return ([.. b[..at], .. b.AsSpan(from, len).ToArray(), .. b[at..]], "spliced chunk");
            }
        }
    }

    private static List<byte[]> Lines(byte[] b)
    {
        var lines = new List<byte[]>();
        int start = 0;
        for (int i = 0; i < b.Length; i++)
        {
            if (b[i] != (byte)'\n') continue;
            lines.Add(b[start..(i + 1)]);
            start = i + 1;
        }
        if (start < b.Length) lines.Add(b[start..]);
        return lines;
    }

    private static byte[] Join(List<byte[]> lines) => lines.SelectMany(l => l).ToArray();
}
