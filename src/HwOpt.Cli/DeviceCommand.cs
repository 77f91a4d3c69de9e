using System.CommandLine;
using System.Globalization;
using HwOpt.CostModel.Devices;
using HwOpt.Diagnostics;
using HwOpt.Profiling;

namespace HwOpt.Cli;

/// <summary>
/// <c>hwopt device list | show NAME | measure-host [-o FILE] [--cpu N]</c>: the device profiles of
/// <c>cost-models/devices/</c>, and the micro-benchmarks that measure this machine's profile.
/// </summary>
internal static class DeviceCommand
{
    public static Command Create()
    {
        var list = new Command("list", "List the device profiles (name, kind, peak FLOP/s per type, memory bandwidth)");
        list.SetAction(_ => List());

        var name = new Argument<string>("device") { Description = "Profile name (e.g. h200) or YAML path" }.RejectingOptions();
        var show = new Command("show", "Print a device profile after validating it") { name };
        show.SetAction(r => Show(r.GetValue(name)!));

        var output = new Option<string?>("--output", "-o") { Description = "Where to write the profile (default: cost-models/devices/host-cpu.yaml)" };
        var cpu = new Option<int>("--cpu") { Description = "CPU to pin the timed runs to (-1: no pinning)", DefaultValueFactory = _ => Environment.ProcessorCount > 1 ? 1 : -1 };
        var measure = new Command("measure-host", "Measure this machine's profile: matmul FLOP/s per element type and copy bandwidth per memory level, through the MLIR 19 ground-truth pipeline") { output, cpu };
        measure.SetAction(r => MeasureHost(r.GetValue(output), r.GetValue(cpu)));

        return new Command("device", "Device profiles for the roofline baseline and the planner") { list, show, measure };
    }

    private static int List()
    {
        foreach (var n in DeviceCatalog.Names())
        {
            var diagnostics = new DiagnosticBag();
            var p = DeviceCatalog.Load(n, diagnostics);
            if (p is null)
            {
                OutputWriter.PrintDiagnostics(diagnostics.Items);
                continue;
            }
            string peaks = string.Join(", ", p.PeakFlops.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {Si(k.Value)}FLOP/s"));
            Console.WriteLine($"{p.Name,-12} {p.Kind,-4} {Si(p.Memory.BandwidthBytesPerS)}B/s  {peaks}  ({p.Description})");
        }
        return ExitCodes.Ok;
    }

    private static int Show(string device)
    {
        var diagnostics = new DiagnosticBag();
        var p = DeviceCatalog.Load(device, diagnostics);
        if (p is null)
        {
            OutputWriter.PrintDiagnostics(diagnostics.Items);
            return ExitCodes.InputErrors;
        }
        Console.Write(p.ToYaml());
        return ExitCodes.Ok;
    }

    private static int MeasureHost(string? output, int cpu)
    {
        var diagnostics = new DiagnosticBag();
        var tools = Toolchain.Default;
        if (!tools.Check(diagnostics) || ProfileCommand.LoadPipeline(null, diagnostics) is not { } pipeline)
        {
            OutputWriter.PrintDiagnostics(diagnostics.Items);
            return ExitCodes.InputErrors;
        }
        output ??= DeviceCatalog.Folder is { } dir ? Path.Combine(dir, DeviceCatalog.Host + ".yaml") : null;
        if (output is null)
        {
            Console.Error.WriteLine($"hwopt: error: {DiagnosticIds.CannotWriteOutput.Id}: cost-models/devices not found: pass -o");
            return ExitCodes.Usage;
        }
        var profiler = new Profiler(tools, pipeline, ProfileOptions.Default with { Cpu = cpu >= 0 ? cpu : null });
        DeviceProfile profile;
        try
        {
            profile = HostMicroBenchmark.Measure(profiler, pipeline, "hwopt device measure-host" + (cpu >= 0 ? $" --cpu {cpu}" : " --cpu -1"), line => Console.Error.WriteLine("hwopt device: " + line));
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"hwopt: error: {DiagnosticIds.MissingToolchain.Id}: {e.Message}");
            return ExitCodes.InputErrors;
        }
        string header = "# This machine's device profile, measured (not published figures): see 'measured' below.\n" +
                        "# Re-measure with: scripts/hwopt device measure-host\n";
        try { File.WriteAllText(output, header + profile.ToYaml()); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"hwopt: error: {DiagnosticIds.CannotWriteOutput.Id}: {output}: {e.Message}");
            return ExitCodes.InputErrors;
        }
        Console.Error.WriteLine($"hwopt device: wrote {output}");
        return ExitCodes.Ok;
    }

    private static string Si(double v) => v switch
    {
        >= 1e12 => (v / 1e12).ToString("0.##", CultureInfo.InvariantCulture) + " T",
        >= 1e9 => (v / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + " G",
        >= 1e6 => (v / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + " M",
        _ => v.ToString("0.##", CultureInfo.InvariantCulture) + " ",
    };
}
