using System.CommandLine;
using System.Globalization;
using System.Text;
using HwOpt.CostModel;
using HwOpt.CostModel.Devices;
using HwOpt.CostModel.Features;
using HwOpt.CostModel.Model;
using HwOpt.CostModel.Training;
using HwOpt.Diagnostics;
using HwOpt.Profiling;

namespace HwOpt.Cli;

/// <summary>
/// <c>hwopt eval DATA --model DIR [--split S] [--plot PREFIX] [--few-shot N --trials T] [--whole-model TABLE.md]</c>:
/// accuracy of the learned model and of the roofline baseline (host profile) on measured kernels: MAPE, share within
/// ±10 % / ±20 %, RMSE of ln, Spearman, Kendall, overall, per op kind and per architecture; a log-log plot; few-shot
/// calibration to a new device's measurements; whole-model predicted vs measured latency.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var data = new Argument<string>("data") { Description = "Measured dataset (.csv or .csv.gz)" }.RejectingOptions();
        var model = new Option<string?>("--model") { Description = "Cost-model folder (default: cost-models/host-cpu)" };
        var split = new Option<string>("--split") { Description = "Rows to evaluate: test_family, test_random, validation, train, or all", DefaultValueFactory = _ => "test_family" };
        var plot = new Option<string?>("--plot") { Description = "Write a log-log predicted-vs-measured plot: PREFIX.png, PREFIX.svg (gnuplot) and PREFIX.dat" };
        var fewShot = new Option<int>("--few-shot") { Description = "Treat DATA as a new device: calibrate with this many random kernels (e.g. 10), evaluate on the rest" };
        var trials = new Option<int>("--trials") { Description = "Random draws of the few-shot samples (median reported)", DefaultValueFactory = _ => 100 };
        var seed = new Option<int>("--seed") { Description = "Seed of the few-shot draws", DefaultValueFactory = _ => 1 };
        var wholeModel = new Option<string?>("--whole-model") { Description = "A whole-model table (hwopt profile --whole-model output): compare each model's measured latency with the sum of its predicted kernels" };
        var models = new Option<string>("--models") { Description = "Folder of the models named in --whole-model", DefaultValueFactory = _ => "corpus/models" };
        var command = new Command("eval", "Evaluate the cost model (and the roofline baseline) against measurements") { data, model, split, plot, fewShot, trials, seed, wholeModel, models };
        command.SetAction(r => Run(r.GetValue(data)!, r.GetValue(model), r.GetValue(split)!, r.GetValue(plot), r.GetValue(fewShot), r.GetValue(trials), r.GetValue(seed), r.GetValue(wholeModel), r.GetValue(models)!));
        return command;
    }

    private static int Run(string data, string? modelDir, string split, string? plot, int fewShot, int trials, int seed, string? wholeModelTable, string modelsDir)
    {
        var diagnostics = new DiagnosticBag();
        if (split is not ("all" or "train" or "validation" or "test_random" or "test_family") || fewShot < 0 || trials < 1)
        {
            Console.Error.WriteLine($"hwopt: error: {DiagnosticIds.Usage.Id}: --split must be test_family, test_random, validation, train or all; --few-shot >= 0; --trials >= 1");
            return ExitCodes.Usage;
        }
        var host = DeviceCatalog.Load(DeviceCatalog.Host, diagnostics);
        string? folder = modelDir ?? LearnedCostModel.DefaultFolder;
        using var model = folder is null ? null : LearnedCostModel.Load(folder, diagnostics, host);
        if (model is null || host is null || diagnostics.HasErrors)
        {
            if (folder is null) diagnostics.Report(DiagnosticIds.InvalidCostModel, default, "cost-models/host-cpu not found: pass --model DIR");
            OutputWriter.PrintDiagnostics(diagnostics.Items);
            return ExitCodes.InputErrors;
        }
        List<MeasurementRow> rows;
        try { rows = DatasetStore.Read(data); }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{data}: error: {DiagnosticIds.InvalidDataset.Id}: {e.Message}");
            return ExitCodes.InputErrors;
        }
        bool newDevice = fewShot > 0;
        if (!newDevice && split != "all") rows = rows.Where(r => TrainingSet.SplitOf(r) == split).ToList();
        var set = TrainingSet.Build(rows, Featurizer.Default, Environment.ProcessorCount);
        var indices = Enumerable.Range(0, set.Rows.Count).ToArray();
        if (indices.Length == 0)
        {
            Console.Error.WriteLine($"hwopt: error: {DiagnosticIds.InvalidDataset.Id}: no measured rows in split {split} of {data}");
            return ExitCodes.InputErrors;
        }
        var sub = set.Subset(indices);
        var work = indices.Select(i => set.Work[i]).ToArray();
        var learned = model.PredictFeatures(sub, work);
        var roofline = new RooflineCostModel(host);
        var baseline = work.Select(w => roofline.FromWork(w)).ToArray();
        var measured = indices.Select(i => set.Rows[i].LatencyMedianNs!.Value).ToArray();

        var sb = new StringBuilder();
        sb.Append("# hwopt eval ").Append(data).Append(" (").Append(newDevice ? "new device, all rows" : "split " + split).Append("): ").Append(model.Name)
          .Append(" vs roofline on ").Append(host.Name).Append("; ").Append(indices.Length.ToString(CultureInfo.InvariantCulture)).Append(" kernels\n\n");
        sb.Append(Header("model"));
        Row(sb, model.Name, AccuracyMetrics.Compute(measured, learned.Select(p => p.LatencyNs).ToArray(), learned.Select(p => p.LatencyNsLow).ToArray(), learned.Select(p => p.LatencyNsHigh).ToArray()));
        Row(sb, roofline.Name, AccuracyMetrics.Compute(measured, baseline.Select(p => p.LatencyNs).ToArray()));
        sb.Append('\n');
        Breakdown(sb, "op kind", indices.Select(i => OpKind(set.Rows[i])).ToArray(), measured, learned, baseline);
        Breakdown(sb, "architecture", indices.Select(i => set.Rows[i].Source.StartsWith("sweep:", StringComparison.Ordinal) ? "sweeps" : set.Rows[i].Source).ToArray(), measured, learned, baseline);
        int extrapolated = learned.Count(p => p.OutOfRange.Count > 0);
        sb.Append("Predictions with features outside the training range: ").Append(extrapolated.ToString(CultureInfo.InvariantCulture)).Append(" of ").Append(learned.Count.ToString(CultureInfo.InvariantCulture)).Append(".\n\n");

        if (newDevice) FewShot(sb, fewShot, trials, seed, measured, learned, indices.Select(i => FewShotCalibration.ElementClass(set.Rows[i].ElementTypes)).ToArray());
        if (wholeModelTable is not null && !WholeModels(sb, wholeModelTable, modelsDir, model, roofline, diagnostics))
        {
            OutputWriter.PrintDiagnostics(diagnostics.Items);
            return ExitCodes.InputErrors;
        }
        Console.Write(sb.ToString());
        if (plot is not null)
        {
            var (files, message) = Plots.PredictedVsMeasured(plot, $"{Path.GetFileName(data)} ({(newDevice ? "new device" : split)})", measured,
                [(model.Name, learned.Select(p => p.LatencyNs).ToArray()), (roofline.Name, baseline.Select(p => p.LatencyNs).ToArray())]);
            Console.Error.WriteLine("hwopt eval: wrote " + string.Join(", ", files) + (message.Length > 0 ? " (" + message + ")" : ""));
        }
        return ExitCodes.Ok;
    }

    private static string OpKind(MeasurementRow row) => row.OpCount > 1 ? "group: " + row.OpNames : row.OpNames;

    private static string Header(string first) =>
        $"| {first} | n | within ±10 % | within ±20 % | MAPE % | median APE % | RMSE(ln) | Spearman | Kendall | interval coverage |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";

    private static void Row(StringBuilder sb, string name, AccuracyMetrics m)
    {
        static string F(double v, string f) => double.IsFinite(v) ? v.ToString(f, CultureInfo.InvariantCulture) : "-";
        sb.Append("| ").Append(name).Append(" | ").Append(m.N.ToString(CultureInfo.InvariantCulture)).Append(" | ")
          .Append(F(m.Within10 * 100, "0.0")).Append(" % | ").Append(F(m.Within20 * 100, "0.0")).Append(" % | ")
          .Append(F(m.Mape, "0.0")).Append(" | ").Append(F(m.MedianApe, "0.0")).Append(" | ").Append(F(m.RmseLog, "0.000")).Append(" | ")
          .Append(F(m.Spearman, "0.000")).Append(" | ").Append(F(m.Kendall, "0.000")).Append(" | ")
          .Append(m.IntervalCoverage is { } c ? F(c * 100, "0") + " %" : "-").Append(" |\n");
    }

    private static void Breakdown(StringBuilder sb, string title, string[] keys, double[] measured, IReadOnlyList<CostPrediction> learned, CostPrediction[] baseline)
    {
        sb.Append("## By ").Append(title).Append(" (learned | roofline: within ±10 %, MAPE %, Spearman)\n\n");
        sb.Append("| ").Append(title).Append(" | n | learned ±10 % | learned MAPE | learned Spearman | roofline ±10 % | roofline MAPE | roofline Spearman |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var g in Enumerable.Range(0, keys.Length).GroupBy(i => keys[i]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var idx = g.ToArray();
            var y = idx.Select(i => measured[i]).ToArray();
            var l = AccuracyMetrics.Compute(y, idx.Select(i => learned[i].LatencyNs).ToArray());
            var b = AccuracyMetrics.Compute(y, idx.Select(i => baseline[i].LatencyNs).ToArray());
            static string F(double v, string f) => double.IsFinite(v) ? v.ToString(f, CultureInfo.InvariantCulture) : "-";
            sb.Append("| ").Append(g.Key).Append(" | ").Append(idx.Length.ToString(CultureInfo.InvariantCulture))
              .Append(" | ").Append(F(l.Within10 * 100, "0.0")).Append(" % | ").Append(F(l.Mape, "0.0")).Append(" | ").Append(F(l.Spearman, "0.000"))
              .Append(" | ").Append(F(b.Within10 * 100, "0.0")).Append(" % | ").Append(F(b.Mape, "0.0")).Append(" | ").Append(F(b.Spearman, "0.000")).Append(" |\n");
        }
        sb.Append('\n');
    }

    private static void FewShot(StringBuilder sb, int shots, int trials, int seed, double[] measured, IReadOnlyList<CostPrediction> learned, string[] groups)
    {
        int n = measured.Length;
        if (n <= shots + 2)
        {
            sb.Append("Few-shot: too few rows (").Append(n.ToString(CultureInfo.InvariantCulture)).Append(") for ").Append(shots.ToString(CultureInfo.InvariantCulture)).Append(" samples.\n\n");
            return;
        }
        var random = new Random(seed);
        var raw = new List<AccuracyMetrics>();
        var calibrated = new List<AccuracyMetrics>();
        var grouped = new List<AccuracyMetrics>();
        int withOffsets = 0;
        for (int t = 0; t < trials; t++)
        {
            var order = Enumerable.Range(0, n).OrderBy(_ => random.Next()).ToArray();
            var sample = order.Take(shots).ToArray();
            var rest = order.Skip(shots).ToArray();
            double[] P(int[] idx) => idx.Select(i => learned[i].LatencyNs).ToArray();
            double[] F(int[] idx) => idx.Select(i => learned[i].Work.Flops).ToArray();
            double[] B(int[] idx) => idx.Select(i => learned[i].Work.Bytes).ToArray();
            double[] Y(int[] idx) => idx.Select(i => measured[i]).ToArray();
            double[] predicted = P(sample), flops = F(sample), bytes = B(sample), measuredSample = Y(sample);
            var fit = FewShotCalibration.Fit(predicted, flops, bytes, measuredSample);
            var fitGrouped = FewShotCalibration.Fit(predicted, flops, bytes, measuredSample, sample.Select(i => groups[i]).ToArray());
            if (fitGrouped.GroupEffects.Count > 0) withOffsets++;
            var y = Y(rest);
            raw.Add(AccuracyMetrics.Compute(y, P(rest)));
            calibrated.Add(AccuracyMetrics.Compute(y, rest.Select(i => fit.Predict(learned[i].LatencyNs, learned[i].Work.Flops, learned[i].Work.Bytes)).ToArray()));
            grouped.Add(AccuracyMetrics.Compute(y, rest.Select(i => fitGrouped.Predict(learned[i].LatencyNs, learned[i].Work.Flops, learned[i].Work.Bytes, groups[i])).ToArray()));
        }
        string S(int v) => v.ToString(CultureInfo.InvariantCulture);
        sb.Append("## Few-shot adaptation (").Append(S(shots)).Append(" measured kernels of the new device, median of ")
          .Append(S(trials)).Append(" random draws; evaluated on the other ").Append(S(n - shots)).Append(")\n\n");
        sb.Append(Header("host model"));
        Row(sb, "as trained (no calibration)", Median(raw));
        Row(sb, $"calibrated with {shots} samples (roofline terms)", Median(calibrated));
        Row(sb, $"calibrated with {shots} samples (roofline terms + element-type offsets)", Median(grouped));
        sb.Append('\n');
        sb.Append("Element-type groups (narrowest float type of the kernel): ");
        sb.Append(string.Join(", ", groups.GroupBy(g => g.Length == 0 ? "none" : g).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {S(g.Count())}")));
        sb.Append("; cross-validation kept element-type offsets in ").Append(S(withOffsets)).Append(" of ").Append(S(trials)).Append(" draws.\n\n");
    }

    private static AccuracyMetrics Median(List<AccuracyMetrics> all)
    {
        static double M(IEnumerable<double> v) => MathNet.Numerics.Statistics.Statistics.Median(v.Where(double.IsFinite));
        return new AccuracyMetrics
        {
            N = all[0].N,
            Mape = M(all.Select(a => a.Mape)),
            MedianApe = M(all.Select(a => a.MedianApe)),
            Within10 = M(all.Select(a => a.Within10)),
            Within20 = M(all.Select(a => a.Within20)),
            RmseLog = M(all.Select(a => a.RmseLog)),
            Spearman = M(all.Select(a => a.Spearman)),
            Kendall = M(all.Select(a => a.Kendall)),
        };
    }

    private static bool WholeModels(StringBuilder sb, string table, string modelsDir, LearnedCostModel model, RooflineCostModel roofline, DiagnosticBag diagnostics)
    {
        List<(string Model, double SumNs, double WholeNs)> measuredModels;
        try { measuredModels = ParseWholeModelTable(File.ReadAllLines(table)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Report(DiagnosticIds.CannotReadInput, default, $"{table}: {e.Message}");
            return false;
        }
        sb.Append("## Whole models: measured forward pass vs sum of kernel latencies\n\n");
        sb.Append("| model | measured whole (ms) | sum of measured kernels (ms) | sum of learned predictions (ms) | learned / measured | sum of roofline (ms) | roofline / measured |\n|---|---:|---:|---:|---:|---:|---:|\n");
        foreach (var (name, sumNs, wholeNs) in measuredModels)
        {
            string path = Path.Combine(modelsDir, name);
            var module = ProfileCommand.ReadModel(path, diagnostics);
            if (module is null) return false;
            double learned = ModuleCosting.Predict(module, name, model).Sum(c => c.Cost.LatencyNs);
            double baseline = ModuleCosting.Predict(module, name, roofline).Where(c => c.Cost.Supported).Sum(c => c.Cost.LatencyNs);
            sb.Append(CultureInfo.InvariantCulture, $"| {name} | {wholeNs / 1e6:0.###} | {sumNs / 1e6:0.###} | {learned / 1e6:0.###} | {learned / wholeNs:0.000} | {baseline / 1e6:0.###} | {baseline / wholeNs:0.000} |\n");
        }
        sb.Append('\n');
        return true;
    }

    /// <summary>Rows of a <c>hwopt profile --whole-model</c> table: model, sum of kernels (ns), whole model (ns).</summary>
    internal static List<(string Model, double SumNs, double WholeNs)> ParseWholeModelTable(IEnumerable<string> lines)
    {
        var result = new List<(string, double, double)>();
        foreach (var line in lines)
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            // | model | ops | measured | sum (ms) | whole (ms) | ratio | runs |
            if (cells.Length < 8 || !cells[1].EndsWith(".mlir", StringComparison.Ordinal)) continue;
            if (double.TryParse(cells[4], NumberStyles.Float, CultureInfo.InvariantCulture, out double sum) &&
                double.TryParse(cells[5], NumberStyles.Float, CultureInfo.InvariantCulture, out double whole))
            {
                result.Add((cells[1], sum * 1e6, whole * 1e6));
            }
        }
        return result;
    }
}
