using HwOpt.Profiling;

namespace HwOpt.Profiling.Tests;

public sealed class LabelAgreementTests
{
    private static MeasurementRow Row(string id, string op, double? latency, string status = "ok") => new()
    {
        KernelId = id, Source = "m.mlir", Family = "cnn", OpNames = op, OpCount = 1, Status = status, LatencyMedianNs = latency,
    };

    [Fact]
    public void SharesAndQuantilesOfTheRatioOverKernelsMeasuredInBoth()
    {
        var first = new[]
        {
            Row("a", "linalg.generic", 100), Row("b", "linalg.generic", 104), Row("c", "linalg.generic", 115),
            Row("d", "tensor.pad", 300), Row("e", "tensor.pad", 50, "timeout"), Row("f", "linalg.fill", 10),
            Row("a", "linalg.generic", 999), // a duplicate id: the first row counts
        };
        var second = new[]
        {
            Row("a", "linalg.generic", 100), Row("b", "linalg.generic", 100), Row("c", "linalg.generic", 100),
            Row("d", "tensor.pad", 150), Row("e", "tensor.pad", 50), Row("g", "linalg.fill", 10),
        };
        var rows = LabelAgreement.Compare(first, second);

        var all = rows[0];
        Assert.Equal("all", all.Key);
        Assert.Equal(4, all.Kernels); // a, b, c, d: e failed in the first, f and g are in one dataset only
        Assert.Equal(0.5, all.Within5);   // 1.00, 1.04
        Assert.Equal(0.5, all.Within10);
        Assert.Equal(0.75, all.Within20); // 1.15 too
        Assert.Equal([1.0, 1.04, 1.15, 2.0, 2.0], all.RatioQuantiles);

        Assert.Equal(["all", "linalg.generic", "tensor.pad"], rows.Select(r => r.Key));
        Assert.Equal(3, rows[1].Kernels);
        Assert.Equal(2.0 / 3, rows[1].Within10, 12);
        Assert.Equal(0, rows[2].Within20);
    }

    [Fact]
    public void NoCommonKernelGivesNoRows()
    {
        Assert.Empty(LabelAgreement.Compare([Row("a", "x", 1)], [Row("b", "x", 1)]));
        Assert.Empty(LabelAgreement.Compare([Row("a", "x", 0)], [Row("a", "x", 1)]));
    }
}
