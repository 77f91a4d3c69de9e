using System.CommandLine;
using System.Globalization;
using HwOpt.Corpus;
using HwOpt.Diagnostics;

namespace HwOpt.Cli;

/// <summary>
/// <c>hwopt corpus generate [-o DIR] [--model NAME|all] [--batch N] [--seq N] [--image N] [--dtype f32|f16|bf16] [--layers N] [--tosa]</c>:
/// writes models of real architectures as MLIR (see <c>corpus/models/README.md</c>).
/// </summary>
internal static class CorpusCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o") { Description = "Output folder", DefaultValueFactory = _ => Path.Combine("corpus", "models") };
        var model = new Option<string>("--model") { Description = "Model name or 'all'", DefaultValueFactory = _ => "all" };
        model.AcceptOnlyFromAmong([.. ModelZoo.Names, "all"]);
        var batch = new Option<int?>("--batch") { Description = "Batch size (default 1)" };
        var seq = new Option<int?>("--seq") { Description = "Sequence length of text transformers (default 128)" };
        var image = new Option<int?>("--image") { Description = "Image height = width in pixels of vision models" };
        var dtype = new Option<string?>("--dtype") { Description = "Element type: f32, f16 or bf16 (default f32)" };
        dtype.AcceptOnlyFromAmong("f32", "f16", "bf16");
        var layers = new Option<int?>("--layers") { Description = "Transformer layers (BERT, GPT-2, ViT, Llama); ignored by the CNNs" };
        var tosa = new Option<bool>("--tosa") { Description = "Write the TOSA variant (lenet5, mlp)" };

        var generate = new Command("generate", "Write MLIR models of real architectures (weights as arguments of @forward) and, for the default corpus, README.md")
        {
            output, model, batch, seq, image, dtype, layers, tosa,
        };
        generate.SetAction(r =>
        {
            string? dt = r.GetValue(dtype);
            var options = new ModelOptions(r.GetValue(batch), r.GetValue(seq), r.GetValue(image),
                dt is null ? null : ElementTypes.Parse(dt), r.GetValue(layers), r.GetValue(tosa));
            return Run(r.GetValue(output)!, r.GetValue(model)!, options);
        });
        return new Command("corpus", "Generated model corpus") { generate };
    }

    private static int Run(string outDir, string model, ModelOptions options)
    {
        bool defaultCorpus = model == "all" && options == new ModelOptions();
        IEnumerable<(string Model, ModelOptions Options)> jobs = defaultCorpus
            ? ModelZoo.DefaultCorpus
            : (model == "all" ? (options.Tosa ? ModelZoo.TosaNames : ModelZoo.Names) : [model]).Select(n => (n, options));
        var written = new List<GeneratedModel>();
        try
        {
            // Generate everything first: a usage error leaves the file system untouched.
            foreach (var (name, opts) in jobs) written.Add(ModelZoo.Generate(name, opts));
            Directory.CreateDirectory(outDir);
            foreach (var m in written)
            {
                File.WriteAllText(Path.Combine(outDir, m.FileName), m.Text);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{Path.Combine(outDir, m.FileName)}: {m.OpCount} ops, {m.Parameters} params, {m.TotalFlops / 1e9:F3} GFLOPs"));
            }
            if (defaultCorpus)
            {
                string tsv = Path.Combine(outDir, CorpusReadme.ResultsFile);
                string readme = CorpusReadme.Write(written, File.Exists(tsv) ? File.ReadAllText(tsv) : null);
                File.WriteAllText(Path.Combine(outDir, "README.md"), readme);
            }
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"hwopt: error: {DiagnosticIds.Usage.Id}: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"hwopt: error: {DiagnosticIds.Usage.Id}: cannot write to '{outDir}': {e.Message}");
            return ExitCodes.InputErrors;
        }
        return ExitCodes.Ok;
    }
}
