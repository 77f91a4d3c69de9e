using HwOpt.Profiling;

namespace HwOpt.Profiling.Tests;

public class DatasetKernelsTests
{
    [Fact]
    public void KernelsOfTheCommittedDatasetRebuildToTheirIds()
    {
        var rows = DatasetStore.Read(Path.Combine(TestSupport.RepoRoot, "corpus", "measurements", "host-cpu.csv.gz"));
        // Every op kind once, so models' fusion groups, sweeps and tosa ops are all covered.
        var sample = rows.GroupBy(r => r.OpNames).Select(g => g.First()).ToList();
        var mismatched = new List<MeasurementRow>();
        var kernels = DatasetKernels.FromRows(sample, mismatched);
        Assert.Empty(mismatched.Select(r => r.OpNames));
        Assert.Equal(sample.Select(r => r.KernelId), kernels.Select(k => k.Id));
        Assert.Equal(sample.Select(r => r.Source), kernels.Select(k => k.Source));
    }

    [Fact]
    public void TextThatIsNotAKernelIsReportedNotThrown()
    {
        var mismatched = new List<MeasurementRow>();
        var kernels = DatasetKernels.FromRows([new MeasurementRow { KernelId = "0", KernelMlir = "\"func.func\"() ({" }], mismatched);
        Assert.Empty(kernels);
        Assert.Single(mismatched);
    }
}
