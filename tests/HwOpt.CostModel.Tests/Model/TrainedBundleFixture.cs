using HwOpt.CostModel.Devices;
using HwOpt.CostModel.Features;
using HwOpt.CostModel.Learning;
using HwOpt.CostModel.Training;
using HwOpt.Diagnostics;
using HwOpt.Profiling;

namespace HwOpt.CostModel.Tests.Model;

/// <summary>A small model trained once on a sample of the committed dataset (fast settings, one thread), in a temp folder.</summary>
public sealed class TrainedBundleFixture : IDisposable
{
    public TrainedBundleFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "hwopt-bundle-" + Guid.NewGuid().ToString("N"));
        DatasetPath = Path.Combine(RepoRoot, "corpus", "measurements", "host-cpu.csv.gz");
        var rows = DatasetStore.Read(DatasetPath);
        // Every 20th row plus all rows of the small splits: about 1,100 kernels.
        Sample = rows.Where((r, i) => i % 20 == 0 || r.SplitFamily != "train").ToList();
        Set = TrainingSet.Build(Sample, Featurizer.Default, threads: 1);
        var parameters = new BoosterParameters(MaxDepth: 5, LearningRate: 0.2, MaxRounds: 120, EarlyStoppingRounds: 15, Threads: 1, Seed: 3);
        Card = Trainer.Train(Set, new TrainOptions(parameters, LatencyMembers: 2, Machine: "test-machine", Command: "test"), Folder, DatasetPath,
            Provenance.Load(Path.Combine(RepoRoot, "corpus", "measurements", "host-cpu.provenance.json")), DeviceCatalog.Load(DeviceCatalog.Host, new DiagnosticBag()), _ => { });
    }

    public static string RepoRoot { get; } = FindRoot();

    public string Folder { get; }

    public string DatasetPath { get; }

    public List<MeasurementRow> Sample { get; }

    public TrainingSet Set { get; }

    public HwOpt.CostModel.Model.ModelCard Card { get; }

    /// <summary>A copy of the bundle that a test may damage.</summary>
    public string Copy()
    {
        string dir = Folder + "-copy-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(Folder)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Compiler.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("repository root not found");
    }

    public void Dispose()
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), Path.GetFileName(Folder) + "*")) Directory.Delete(dir, recursive: true);
    }
}
