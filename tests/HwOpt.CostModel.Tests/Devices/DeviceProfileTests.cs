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
    public void EveryCommittedProfileRoundTripsThroughItsYaml()
    {
        foreach (var name in DeviceCatalog.Names())
        {
            var profile = DeviceCatalog.Load(name, new DiagnosticBag())!;
            string yaml = profile.ToYaml();
            string path = Path.Combine(Path.GetTempPath(), $"hwopt-roundtrip-{Guid.NewGuid():N}.yaml");
            File.WriteAllText(path, yaml);
            try
            {
                var diagnostics = new DiagnosticBag();
                var again = DeviceProfile.Load(path, diagnostics);
                Assert.True(again is not null, name + ": " + string.Join("; ", diagnostics.Items.Select(d => d.Message)));
                Assert.Equal(yaml, again!.ToYaml());
                Assert.Equal(profile.PeakFlops, again.PeakFlops);
                Assert.Equal(profile.Caches.Select(c => (c.Level, c.Bytes, c.BandwidthBytesPerS)), again.Caches.Select(c => (c.Level, c.Bytes, c.BandwidthBytesPerS)));
                Assert.Equal(profile.PricePerHourUsd, again.PricePerHourUsd);
            }
            finally { File.Delete(path); }
        }
    }

    [Theory]
    [InlineData("name: x\nkind: cpu\nmemory:\n  bandwidth: 3\n", 4, "unknown key 'bandwidth' in memory")]
    [InlineData("name: x\nkind: cpu\npeak_flops:\n  f32: fast\n", 4, "'fast' is not a number")]
    [InlineData("name: x\ncolour: red\n", 2, "unknown key 'colour'")]
    [InlineData("name: x\ncaches: 3\n", 2, "expected a sequence")]
    [InlineData("name: x\ncaches:\n  - { level: 99999999999, bytes: 1 }\n", 3, "'99999999999' is not an integer, or is out of range")]
    public void AnUnknownKeyOrAWrongValueIsHW4012AtItsLine(string text, int line, string message)
    {
        string path = Path.Combine(Path.GetTempPath(), $"hwopt-bad-device-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text);
        try
        {
            var diagnostics = new DiagnosticBag();
            Assert.Null(DeviceProfile.Load(path, diagnostics));
            var d = Assert.Single(diagnostics.Items);
            Assert.Equal("HW4012", d.Id);
            Assert.Equal(line, d.Span.Line);
            Assert.Contains(message, d.Message);
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
