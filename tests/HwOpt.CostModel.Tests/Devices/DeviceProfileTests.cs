using HwOpt.CostModel.Devices;
using HwOpt.Diagnostics;

namespace HwOpt.CostModel.Tests.Devices;

public class DeviceProfileTests
{
    [Fact]
    public void EveryCommittedProfileLoadsAndValidates()
    {
        var names = DeviceCatalog.Names();
        Assert.Contains("h200", names);
        Assert.Contains("edge-npu", names);
        Assert.Contains("mobile-cpu", names);
        foreach (var name in names)
        {
            var diagnostics = new DiagnosticBag();
            var profile = DeviceCatalog.Load(name, diagnostics);
            Assert.True(profile is not null, name + ": " + string.Join("; ", diagnostics.Items.Select(d => d.Message)));
            Assert.Equal(name, profile!.Name);
            Assert.NotEmpty(profile.Source);
        }
    }

    [Fact]
    public void TheEdgeNpuComputesOnlyInt8()
    {
        var npu = DeviceCatalog.Load("edge-npu", new DiagnosticBag())!;
        Assert.True(npu.Supports("i8"));
        Assert.False(npu.Supports("f32"));
        Assert.False(npu.Supports("bf16"));
    }

    [Fact]
    public void MalformedYamlGivesHW4012AtItsLine()
    {
        string path = Path.Combine(Path.GetTempPath(), $"hwopt-bad-device-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "name: x\nkind: cpu\npeak_flops:\n  f32: [1, 2\n");
        try
        {
            var diagnostics = new DiagnosticBag();
            Assert.Null(DeviceProfile.Load(path, diagnostics));
            var d = Assert.Single(diagnostics.Items);
            Assert.Equal("HW4012", d.Id);
            Assert.Equal(path, d.Span.Source!.Path);
            Assert.True(d.Span.Line >= 4, $"line {d.Span.Line}");
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void MissingFiguresAreNamed()
    {
        string path = Path.Combine(Path.GetTempPath(), $"hwopt-empty-device-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "name: x\nkind: tpu\npeak_flops:\n  f32: -1\nmemory:\n  bandwidth_bytes_per_s: 0\n");
        try
        {
            var diagnostics = new DiagnosticBag();
            Assert.Null(DeviceProfile.Load(path, diagnostics));
            string all = string.Join("\n", diagnostics.Items.Select(d => d.Message));
            Assert.Contains("kind", all);
            Assert.Contains("peak_flops.f32", all);
            Assert.Contains("bandwidth_bytes_per_s", all);
            Assert.Contains("capacity_bytes", all);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void UnknownDeviceNamesTheKnownOnes()
    {
        var diagnostics = new DiagnosticBag();
        Assert.Null(DeviceCatalog.Load("no-such-device", diagnostics));
        Assert.Contains("h200", Assert.Single(diagnostics.Items).Message);
    }

    [Theory]
    [InlineData("32K", 32768)]
    [InlineData("1024K", 1048576)]
    [InlineData("32M", 33554432)]
    [InlineData("512", 512)]
    public void SysfsCacheSizesParse(string text, long bytes) => Assert.Equal(bytes, HostMicroBenchmark.ParseSize(text));

    [Fact]
    public void MeasuredFiguresKeepFourSignificantDigits()
    {
        Assert.Equal(3.642e9, HostMicroBenchmark.Significant(3_641_987_654), 1e-3);
        Assert.Equal(0.0, HostMicroBenchmark.Significant(0));
    }
}
