using System.Globalization;
using System.Text;

namespace HwOpt.Corpus;

/// <summary>
/// Writes <c>corpus/models/README.md</c>: one row per generated file with citation, config, op count, parameters and
/// FLOPs, joined with the verification results of <c>scripts/verify-models.sh</c> (<c>verify-results.tsv</c>) when present.
/// </summary>
public static class CorpusReadme
{
    /// <summary>Name of the tab-separated results file the verify script writes next to the models.</summary>
    public const string ResultsFile = "verify-results.tsv";

    /// <summary>
    /// The README text. <paramref name="verifyTsv"/> is the content of <see cref="ResultsFile"/> (header line, then
    /// <c>file, mlir-opt, hwopt parse, opaque ops, lowers, runs, wall s, note</c> per line) or null.
    /// </summary>
    public static string Write(IReadOnlyList<GeneratedModel> models, string? verifyTsv)
    {
        var results = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in (verifyTsv ?? string.Empty).Split('\n').Skip(1))
        {
            var cells = line.TrimEnd('\r').Split('\t');
            if (cells.Length >= 7) results[cells[0]] = cells;
        }
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("# Models of real architectures (generated)\n\n");
        sb.Append("Written by `hwopt corpus generate` (`src/HwOpt.Corpus`); do not edit the `.mlir` files or this README by hand.\n");
        sb.Append("Each file is one `func.func @forward(inputs..., weights...)` in MLIR 19 custom syntax: func + linalg on tensors +\n");
        sb.Append("arith/math/tensor, or TOSA for the `_tosa` files. Weights are function arguments (no weight data). Every file opens\n");
        sb.Append("with the paper it follows and the configuration used.\n\n");
        sb.Append("FLOPs are counted by the generator: contractions (matmul, batch matmul, convolutions) as 2 x MACs; elementwise,\n");
        sb.Append("reduction and pooling ops as one FLOP per arith/math op per iteration. Parameters are the elements of the weight\n");
        sb.Append("arguments (batch-norm running statistics included). Ops are the ops of `@forward` outside region bodies.\n\n");
        sb.Append("Verification columns come from `scripts/verify-models.sh` (mlir-opt 19 parse, `hwopt parse --emit stats` with the\n");
        sb.Append("number of opaque ops, lowering with `cost-models/pipelines/cpu-loops.pipeline` (TOSA files first through\n");
        sb.Append("`builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor))`), and one run of a\n");
        sb.Append("`@main` harness under `mlir-cpu-runner -O3` with every argument filled with 0.01; wall time of the whole runner call).\n\n");
        sb.Append("| file | config | ops | params | contraction GFLOPs | total GFLOPs | mlir-opt | hwopt parse (opaque) | lowers | runs | wall s |\n");
        sb.Append("|---|---|---:|---:|---:|---:|---|---|---|---|---:|\n");
        foreach (var m in models)
        {
            var c = m.Config;
            var cfg = new List<string> { string.Create(inv, $"N={c.Batch}") };
            if (c.Sequence > 0) cfg.Add(string.Create(inv, $"S={c.Sequence}"));
            if (c.Image > 0) cfg.Add(string.Create(inv, $"{c.Image}px"));
            if (c.Layers > 0) cfg.Add(string.Create(inv, $"L={c.Layers}"));
            cfg.Add(c.Element.Mlir());
            if (c.Tosa) cfg.Add("tosa");
            results.TryGetValue(m.FileName, out var r);
            string V(int i) => r is null ? "-" : r[i];
            sb.Append(inv, $"| `{m.FileName}` | {string.Join(" ", cfg)} | {m.OpCount} | {m.Parameters:N0} | {m.ContractionFlops / 1e9:F3} | {m.TotalFlops / 1e9:F3} | {V(1)} | {V(2)} ({V(3)}) | {V(4)} | {V(5)} | {V(6)} |\n");
        }
        var notes = results.Values.Where(r => r.Length > 7 && r[7].Length > 0).OrderBy(r => r[0], StringComparer.Ordinal).ToList();
        if (notes.Count > 0)
        {
            sb.Append("\nNotes from the verification run:\n\n");
            foreach (var r in notes) sb.Append(inv, $"* `{r[0]}`: {r[7]}\n");
        }
        sb.Append("\n## Sources\n\n");
        foreach (var m in models.DistinctBy(m => m.Model)) sb.Append(inv, $"* `{m.Model}`: {m.Citation}.\n");
        sb.Append("\n## Regenerate and verify\n\n```sh\n");
        sb.Append("dotnet src/HwOpt.Cli/bin/Release/net10.0/hwopt.dll corpus generate          # all files below + this README\n");
        sb.Append("dotnet src/HwOpt.Cli/bin/Release/net10.0/hwopt.dll corpus generate --model llama2_7b --layers 32 -o /tmp/llama\n");
        sb.Append("bash scripts/verify-models.sh                                                # table + verify-results.tsv, then rerun generate\n");
        sb.Append("```\n");
        return sb.ToString();
    }
}
