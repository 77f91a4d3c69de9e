using System.CommandLine;
using System.Diagnostics;
using HwOpt.CostModel.Devices;
using HwOpt.CostModel.Features;
using HwOpt.CostModel.Learning;
using HwOpt.CostModel.Model;
using HwOpt.CostModel.Training;
using HwOpt.Diagnostics;
using HwOpt.Profiling;

namespace HwOpt.Cli;

/// <summary>
/// <c>hwopt train DATA.csv[.gz] -o DIR [--members K] [--threads N] [--max-depth D] [--eta E] [--max-rounds R] [--seed S]
/// [--min-child-weight W] [--lambda L] [--model-row-weight M] [--cv family]</c>:
/// featurizes the measured kernels and trains one XGBoost booster per metric (an ensemble for latency), writing the
/// booster files and the model card into DIR. With <c>--cv family</c> it trains no bundle but runs leave-one-family-out
/// cross-validation of latency (<see cref="FamilyCrossValidation"/>) and writes <c>DIR/cv-family.md</c>, <c>.json</c> and <c>.csv.gz</c> (per held-out kernel, gzip).
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Argument<string>("data") { Description = "Measured dataset (hwopt profile output, .csv or .csv.gz)" }.RejectingOptions();
        var output = new Option<string>("--output", "-o") { Description = "Model folder to write (e.g. cost-models/host-cpu)", Required = true };
        var members = new Option<int?>("--members") { Description = "Latency ensemble members (their spread gives the interval); default 5, with --cv 1" };
        var threads = new Option<int>("--threads") { Description = "XGBoost and featurizer threads", DefaultValueFactory = _ => Environment.ProcessorCount };
        var depth = new Option<int>("--max-depth") { Description = "Tree depth", DefaultValueFactory = _ => 10 };
        var eta = new Option<double>("--eta") { Description = "Learning rate", DefaultValueFactory = _ => 0.05 };
        var rounds = new Option<int>("--max-rounds") { Description = "Most boosting rounds (early stopping after 50 without validation gain)", DefaultValueFactory = _ => 3000 };
        var seed = new Option<int>("--seed") { Description = "Seed (member i uses seed + i)", DefaultValueFactory = _ => 0 };
        var targets = new Option<string?>("--targets") { Description = "Comma-separated metrics to train (default: all of " + string.Join(", ", TargetMetric.All.Select(t => t.Name)) + ")" };
        var holdOut = new Option<string?>("--hold-out-op") { Description = "Keep kernels containing this op out of training and report accuracy on them (split test_op): an op kind never seen" };
        var minChild = new Option<double>("--min-child-weight") { Description = "Smallest hessian sum (weighted rows) in a leaf", DefaultValueFactory = _ => 1 };
        var lambda = new Option<double>("--lambda") { Description = "L2 regularisation of leaf weights", DefaultValueFactory = _ => 1 };
        var modelRowWeight = new Option<double>("--model-row-weight") { Description = "Sample weight of a kernel of a model architecture relative to a single-op sweep kernel (1)", DefaultValueFactory = _ => 1 };
        var cv = new Option<string?>("--cv") { Description = "Cross-validate instead of training a bundle: 'family' leaves each architecture family out in turn and writes DIR/cv-family.md, .json and .csv.gz (per kernel)" };
        var command = new Command("train", "Train the learned cost model (XGBoost per metric) on a measured dataset") { data, output, members, threads, depth, eta, rounds, seed, minChild, lambda, modelRowWeight, holdOut, targets, cv };
        command.SetAction(r => Run(r.GetValue(data)!, r.GetValue(output)!, new Settings(r.GetValue(members), r.GetValue(threads), r.GetValue(depth), r.GetValue(eta), r.GetValue(rounds), r.GetValue(seed),
            r.GetValue(minChild), r.GetValue(lambda), r.GetValue(modelRowWeight)), r.GetValue(holdOut), r.GetValue(targets), r.GetValue(cv)));
        return command;
    }

    private sealed record Settings(int? Members, int Threads, int Depth, double Eta, int Rounds, int Seed, double MinChildWeight, double Lambda, double ModelRowWeight);

    private static int Run(string data, string output, Settings settings, string? holdOut, string? targetList, string? cv)
    {
        var (_, threads, depth, eta, rounds, seed, minChildWeight, lambda, modelRowWeight) = settings;
        int members = settings.Members ?? (cv is null ? 5 : 1);
        if (members < 1 || threads < 1 || depth < 1 || eta <= 0 || rounds < 1)
        {
            Console.Error.WriteLine($"hwopt: error: {DiagnosticIds.Usage.Id}: --members, --threads, --max-depth, --eta and --max-rounds must be positive");
            return ExitCodes.Usage;
        }
        if (!(minChildWeight >= 0 && lambda >= 0 && modelRowWeight >= 0) || cv is not (null or "family") || (cv is not null && (holdOut is not null || targetList is not null)))
        {
            Console.Error.WriteLine($"hwopt: error: {DiagnosticIds.Usage.Id}: --min-child-weight, --lambda and --model-row-weight must be ≥ 0; --cv takes 'family' and cross-validates latency alone (no --hold-out-op, no --targets)");
            return ExitCodes.Usage;
        }
        var targetNames = targetList?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (targetNames is not null && (targetNames.Any(t => TargetMetric.Named(t) is null) || !targetNames.Contains(TargetMetric.Latency.Name)))
        {
            Console.Error.WriteLine($"hwopt: error: {DiagnosticIds.Usage.Id}: --targets must include latency_ns and name only known metrics ({string.Join(", ", TargetMetric.All.Select(t => t.Name))})");
            return ExitCodes.Usage;
        }
        try { XgbLibrary.EnsureAvailable(); }
        catch (NativeLibraryMissingException e)
        {
            Console.Error.WriteLine($"hwopt: error: {DiagnosticIds.MissingNativeLibrary.Id}: {e.Message}");
            return ExitCodes.InputErrors;
        }
        List<MeasurementRow> rows;
        try { rows = DatasetStore.Read(data); }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{data}: error: {DiagnosticIds.InvalidDataset.Id}: {e.Message}");
            return ExitCodes.InputErrors;
        }
        var watch = Stopwatch.StartNew();
        Console.Error.WriteLine($"hwopt train: featurizing {rows.Count} rows of {data} ...");
        var set = TrainingSet.Build(rows, Featurizer.Default, threads);
        Console.Error.WriteLine($"hwopt train: {set.Rows.Count} measured kernels ({set.Unreadable} unreadable), {set.Features.Columns} features, {watch.Elapsed.TotalSeconds:0.0} s; splits "
                                + string.Join(", ", TrainingSet.SplitNames.Select(s => $"{s} {set.Indices(s).Length}")));
        var host = DeviceCatalog.Load(DeviceCatalog.Host, new DiagnosticBag());
        if (host is null) Console.Error.WriteLine("hwopt train: note: no host-cpu device profile, so no roofline baseline in the card (run 'hwopt device measure-host')");
        string provenancePath = ProfileCommand.ProvenancePath(data);
        var provenance = Provenance.Load(provenancePath);
        var parameters = new BoosterParameters(MaxDepth: depth, LearningRate: eta, MaxRounds: rounds, Seed: seed, Threads: threads, MinChildWeight: minChildWeight, Lambda: lambda);
        string command = FormattableString.Invariant($"hwopt train {data} -o {output} --members {members} --max-depth {depth} --eta {eta} --max-rounds {rounds} --seed {seed}")
                         + (minChildWeight == 1 ? "" : FormattableString.Invariant($" --min-child-weight {minChildWeight}")) + (lambda == 1 ? "" : FormattableString.Invariant($" --lambda {lambda}"))
                         + (modelRowWeight == 1 ? "" : FormattableString.Invariant($" --model-row-weight {modelRowWeight}"))
                         + (holdOut is null ? "" : " --hold-out-op " + holdOut) + (targetList is null ? "" : " --targets " + targetList) + (cv is null ? "" : " --cv " + cv);
        var options = new TrainOptions(parameters, members, Path.GetFileName(Path.TrimEndingDirectorySeparator(output)), command, holdOut, targetNames, modelRowWeight);
        if (cv is not null) return CrossValidate(set, options, data, output, host, watch);
        ModelCard card;
        try
        {
            card = Trainer.Train(set, options, output, data, provenance, host, line => Console.Error.WriteLine("hwopt train: " + line));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{output}: error: {DiagnosticIds.CannotWriteOutput.Id}: {e.Message}");
            return ExitCodes.InputErrors;
        }
        Console.Error.WriteLine($"hwopt train: wrote {output}/model-card.json and {card.Targets.Sum(t => t.Files.Count)} booster files in {watch.Elapsed.TotalSeconds:0.0} s");
        Console.Write(ModelCardReport.Markdown(card));
        return ExitCodes.Ok;
    }

    private static int CrossValidate(TrainingSet set, TrainOptions options, string data, string output, DeviceProfile? host, Stopwatch watch)
    {
        var report = FamilyCrossValidation.Run(set, options, data, host, line => Console.Error.WriteLine("hwopt train --cv: " + line));
        string markdown = report.Markdown();
        try
        {
            Directory.CreateDirectory(output);
            File.WriteAllText(Path.Combine(output, "cv-family.md"), markdown);
            File.WriteAllText(Path.Combine(output, "cv-family.json"), report.ToJson());
            File.WriteAllBytes(Path.Combine(output, "cv-family.csv.gz"), report.CsvGzip());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{output}: error: {DiagnosticIds.CannotWriteOutput.Id}: {e.Message}");
            return ExitCodes.InputErrors;
        }
        Console.Error.WriteLine($"hwopt train --cv: wrote {output}/cv-family.md, .json and .csv.gz in {watch.Elapsed.TotalSeconds:0.0} s");
        Console.Write(markdown);
        return ExitCodes.Ok;
    }
}
