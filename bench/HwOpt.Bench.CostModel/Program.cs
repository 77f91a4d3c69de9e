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

int total = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
string modelsDir = args.Length > 2 ? args[2] : "corpus/models";
const int Batch = 16_384;

var diagnostics = new DiagnosticBag();
var host = DeviceCatalog.Load(DeviceCatalog.Host, diagnostics);
using var learned = LearnedCostModel.Load(LearnedCostModel.DefaultFolder ?? "cost-models/host-cpu", diagnostics, host);
if (learned is null || host is null)
{
    foreach (var d in diagnostics.Items) Console.Error.WriteLine(DiagnosticFormatter.Format(d));
    return 1;
}
var roofline = new RooflineCostModel(host);

var kernels = new List<IReadOnlyList<Operation>>();
foreach (var file in Directory.GetFiles(modelsDir, "*.mlir").Order(StringComparer.Ordinal))
{
    var parsed = MlirParser.Parse(new SourceText(file, File.ReadAllText(file)));
    if (parsed.Module is null || parsed.HasErrors) continue;
    foreach (var k in KernelExtractor.FromModule(parsed.Module, Path.GetFileName(file), "bench").Select(p => p.Kernel).DistinctBy(k => k.Id))
    {
        kernels.Add(HwOpt.CostModel.Features.Featurizer.KernelBody(k.Text));
    }
}
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

Run(learned);
Run(roofline);
var learnedRates = new List<double>();
var rooflineRates = new List<double>();
for (int r = 0; r < runs; r++)
{
    learnedRates.Add(Run(learned));
    rooflineRates.Add(Run(roofline));
}
double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
double l = Median(learnedRates), b = Median(rooflineRates);
Console.WriteLine($"learned ({learned.Name}, featurize + {learned.Card.Targets.Sum(t => t.Files.Count)} boosters): {l:N0} ops/s (median of {runs}; runs: {string.Join(", ", learnedRates.Select(x => x.ToString("N0", CultureInfo.InvariantCulture)))})");
Console.WriteLine($"roofline ({roofline.Name}, work estimate + formula): {b:N0} ops/s (runs: {string.Join(", ", rooflineRates.Select(x => x.ToString("N0", CultureInfo.InvariantCulture)))})");
Console.WriteLine($"ratio learned / roofline: {l / b:0.000}");
return 0;
