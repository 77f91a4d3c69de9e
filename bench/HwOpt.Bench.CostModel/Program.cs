// Prediction throughput: featurize + predict N ops (default 1,000,000) in batches, learned model vs the roofline
// baseline (its analytical peer), interleaved, median of R runs. The ops are the distinct kernels of the corpus
// models (each op outlined and read back, as 'hwopt cost' does), repeated to N.
using System.Diagnostics;
using System.Globalization;
using HwOpt.CostModel;
using HwOpt.CostModel.Devices;
using HwOpt.CostModel.Model;
using HwOpt.Diagnostics;
using HwOpt.IR;
using HwOpt.Profiling;
using HwOpt.Syntax;

// Modes: 'featurize N R [DIRS]' times the featurizer alone (quick iteration on it); 'dump FILE [DIRS]' writes the
// feature rows of every distinct kernel of DIRS (comma-separated, default corpus/models) to FILE as raw floats, to
// compare featurizer changes bit for bit (cmp); DIRS may instead be a .txt file of kernel texts separated by NUL
// characters (e.g. the distinct kernel_mlir of a measurements CSV). Otherwise: N R [DIR], the full benchmark.
string mode = args.Length > 0 && args[0] is "featurize" or "dump" ? args[0] : "full";
if (mode != "full") args = args[1..];
if (mode == "dump") return Modes.Dump(args[0], args.Length > 1 ? args[1] : "corpus/models");
int total = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
string modelsDir = args.Length > 2 ? args[2] : "corpus/models";
const int Batch = 16_384;

if (mode == "featurize") return Modes.FeaturizeOnly(total, runs, modelsDir, Batch);
var diagnostics = new DiagnosticBag();
var host = DeviceCatalog.Load(DeviceCatalog.Host, diagnostics);
using var learned = LearnedCostModel.Load(LearnedCostModel.DefaultFolder ?? "cost-models/host-cpu", diagnostics, host);
if (learned is null || host is null)
{
    foreach (var d in diagnostics.Items) Console.Error.WriteLine(DiagnosticFormatter.Format(d));
    return 1;
}
var roofline = new RooflineCostModel(host);
// What 'hwopt optimize' loads: latency (with its interval) and spills.
using var planner = LearnedCostModel.Load(LearnedCostModel.DefaultFolder ?? "cost-models/host-cpu", diagnostics, host, new HashSet<string> { "spills" })!;

var kernels = Modes.Kernels(modelsDir);
Console.WriteLine($"{kernels.Count} distinct kernels from {modelsDir}, repeated to {total:N0} ops, batches of {Batch:N0}, {Environment.ProcessorCount} threads");
var batch = Enumerable.Range(0, Batch).Select(i => kernels[i % kernels.Count]).ToArray();

double Run(ICostModel model)
{
    var watch = Stopwatch.StartNew();
    double sink = 0;
    for (int done = 0; done < total; done += Batch)
    {
        var slice = done + Batch <= total ? batch : batch[..(total - done)];
        foreach (var p in model.Predict(slice)) sink += p.LatencyNs;
    }
    watch.Stop();
    if (sink < 0) Console.WriteLine(sink);
    return total / watch.Elapsed.TotalSeconds;
}

// Featurize only (the learned model's first stage), to see where its time goes.
double Featurize()
{
    var featurizer = HwOpt.CostModel.Features.Featurizer.Default;
    int columns = featurizer.Schema.Count;
    var data = new float[Batch * columns];
    var watch = Stopwatch.StartNew();
    for (int done = 0; done < total; done += Batch)
    {
        int n = Math.Min(Batch, total - done);
        Parallel.For(0, n, i => featurizer.Featurize(batch[i], data.AsSpan(i * columns, columns)));
    }
    return total / watch.Elapsed.TotalSeconds;
}

double RunLearned(bool deduplicate, LearnedCostModel? model = null)
{
    model ??= learned;
    model.DeduplicateRows = deduplicate;
    return Run(model);
}

RunLearned(true);
RunLearned(false);
Run(roofline);
RunLearned(false, planner);
var rates = new Dictionary<string, List<double>> { ["dedup"] = [], ["every"] = [], ["planner"] = [], ["planner-dedup"] = [], ["roofline"] = [], ["featurize"] = [] };
for (int r = 0; r < runs; r++)
{
    rates["dedup"].Add(RunLearned(true));
    rates["every"].Add(RunLearned(false));
    rates["planner"].Add(RunLearned(false, planner));
    rates["planner-dedup"].Add(RunLearned(true, planner));
    rates["roofline"].Add(Run(roofline));
    rates["featurize"].Add(Featurize());
}
double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
string Runs(List<double> v) => string.Join(", ", v.Select(x => x.ToString("N0", CultureInfo.InvariantCulture)));
int boosters = learned.Card.Targets.Sum(t => t.Files.Count);
double b = Median(rates["roofline"]);
Console.WriteLine($"learned ({learned.Name}, featurize + {boosters} boosters, each distinct kernel of a batch predicted once): {Median(rates["dedup"]):N0} ops/s (median of {runs}; runs: {Runs(rates["dedup"])}); ratio to roofline {Median(rates["dedup"]) / b:0.000}");
Console.WriteLine($"learned ({learned.Name}, featurize + {boosters} boosters, every row predicted): {Median(rates["every"]):N0} ops/s (runs: {Runs(rates["every"])}); ratio to roofline {Median(rates["every"]) / b:0.000}");
int plannerBoosters = planner.Card.Targets.Where(t => t.Name is "latency_ns" or "spills").Sum(t => t.Files.Count);
Console.WriteLine($"learned, latency + spills only as 'hwopt optimize' loads it (featurize + {plannerBoosters} boosters), every row predicted: {Median(rates["planner"]):N0} ops/s (runs: {Runs(rates["planner"])}); ratio to roofline {Median(rates["planner"]) / b:0.000}");
Console.WriteLine($"learned, latency + spills only, each distinct kernel of a batch predicted once: {Median(rates["planner-dedup"]):N0} ops/s (runs: {Runs(rates["planner-dedup"])}); ratio to roofline {Median(rates["planner-dedup"]) / b:0.000}");
Console.WriteLine($"roofline ({roofline.Name}, work estimate + formula): {b:N0} ops/s (runs: {Runs(rates["roofline"])})");
Console.WriteLine($"featurize only (learned model's first stage): {Median(rates["featurize"]):N0} ops/s (runs: {Runs(rates["featurize"])})");

// The tree evaluator alone: XGBoost's C API (XGBoosterPredictFromDense, 2 threads) against the managed compiled
// forest (2 threads) on the same featurized rows, interleaved; both give the same bits (tests/…/CompiledForestTests).
{
    var featurizer = HwOpt.CostModel.Features.Featurizer.Default;
    int columns = featurizer.Schema.Count;
    var data = new float[Batch * columns];
    Parallel.For(0, Batch, i => featurizer.Featurize(batch[i], data.AsSpan(i * columns, columns)));
    foreach (var file in new[] { "latency_ns.0.json.gz", "code_bytes.0.json.gz" })
    {
        using var gz = new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine(learned.Folder, file)), System.IO.Compression.CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gz.CopyTo(buffer);
        using var booster = HwOpt.CostModel.Learning.XgbRegressor.LoadJson(buffer.ToArray(), Environment.ProcessorCount);
        var output = new float[Batch];
        double Time(Action predict)
        {
            var watch = Stopwatch.StartNew();
            predict();
            return Batch / watch.Elapsed.TotalSeconds;
        }
        var native = new List<double>();
        var compiled = new List<double>();
        Time(() => booster.PredictNative(data, Batch, output));
        for (int r = 0; r < runs; r++)
        {
            native.Add(Time(() => booster.PredictNative(data, Batch, output)));
            compiled.Add(Time(() => booster.Compiled.Predict(data, Batch, output, Environment.ProcessorCount)));
        }
        Console.WriteLine($"booster {file} ({booster.Compiled.Trees} trees, {booster.Compiled.Nodes:N0} nodes), {Batch:N0} rows: XGBoost C API {Median(native):N0} rows/s (runs: {Runs(native)}), compiled forest {Median(compiled):N0} rows/s (runs: {Runs(compiled)}); ratio compiled / XGBoost {Median(compiled) / Median(native):0.00}");
    }
}
return 0;

/// <summary>The featurize-only and dump modes, and the kernels every mode reads.</summary>
internal static class Modes
{
    /// <summary>The distinct kernels of the models in <paramref name="dirs"/> (comma-separated), each outlined and read back.</summary>
    public static List<IReadOnlyList<Operation>> Kernels(string dirs)
    {
        var kernels = new List<IReadOnlyList<Operation>>();
        foreach (var dir in dirs.Split(','))
        {
            foreach (var file in Directory.GetFiles(dir, "*.mlir").Order(StringComparer.Ordinal))
            {
                var parsed = MlirParser.Parse(new SourceText(file, File.ReadAllText(file)));
                if (parsed.Module is null || parsed.HasErrors) continue;
                foreach (var k in KernelExtractor.FromModule(parsed.Module, Path.GetFileName(file), "bench").Select(p => p.Kernel).DistinctBy(k => k.Id))
                {
                    try
                    {
                        kernels.Add(HwOpt.CostModel.Features.Featurizer.KernelBody(k.Text));
                    }
                    catch (FormatException)
                    {
                        // A kernel that does not read back alone (a reference outside it): not a kernel the model sees.
                    }
                }
            }
        }
        return kernels;
    }

    /// <summary>Writes every kernel's feature row to <paramref name="path"/> as raw little-endian floats.</summary>
    public static int Dump(string path, string dirs)
    {
        var kernels = dirs.EndsWith(".txt", StringComparison.Ordinal)
            ? File.ReadAllText(dirs).Split('\0').Select(HwOpt.CostModel.Features.Featurizer.KernelBody).ToList()
            : Kernels(dirs);
        var featurizer = HwOpt.CostModel.Features.Featurizer.Default;
        var row = new float[featurizer.Schema.Count];
        using var output = File.Create(path);
        foreach (var k in kernels)
        {
            featurizer.Featurize(k, row);
            output.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(row.AsSpan()));
        }
        Console.WriteLine($"{kernels.Count} rows of {row.Length} features to {path}");
        return 0;
    }

    /// <summary>Featurizes <paramref name="total"/> ops (the kernels repeated) in parallel batches, <paramref name="runs"/> times after a warm-up; prints the median rate.</summary>
    public static int FeaturizeOnly(int total, int runs, string dirs, int batchSize)
    {
        var kernels = Kernels(dirs);
        var batch = Enumerable.Range(0, batchSize).Select(i => kernels[i % kernels.Count]).ToArray();
        var featurizer = HwOpt.CostModel.Features.Featurizer.Default;
        int columns = featurizer.Schema.Count;
        var data = new float[batchSize * columns];
        double Once()
        {
            var watch = Stopwatch.StartNew();
            for (int done = 0; done < total; done += batchSize)
            {
                int n = Math.Min(batchSize, total - done);
                Parallel.For(0, n, i => featurizer.Featurize(batch[i], data.AsSpan(i * columns, columns)));
            }
            return total / watch.Elapsed.TotalSeconds;
        }
        Once();
        var rates = Enumerable.Range(0, runs).Select(_ => Once()).ToList();
        Console.WriteLine($"featurize only, {kernels.Count} distinct kernels, {total:N0} ops, {Environment.ProcessorCount} threads: {rates.Order().ElementAt(runs / 2):N0} ops/s (runs: {string.Join(", ", rates.Select(x => x.ToString("N0", CultureInfo.InvariantCulture)))})");
        return 0;
    }
}
