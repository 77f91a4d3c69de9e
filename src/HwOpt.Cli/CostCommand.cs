using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HwOpt.CostModel;
using HwOpt.CostModel.Devices;
using HwOpt.CostModel.Model;
using HwOpt.Diagnostics;
using HwOpt.IR;

namespace HwOpt.Cli;

/// <summary>
/// <c>hwopt cost MODEL.mlir [--model DIR] [--device NAME] [--baseline] [--json] [-o FILE]</c>: predicted cost per op
/// (latency with its interval, share of the total, FLOPs, bytes, arithmetic intensity, compute- or memory-bound,
/// spills). The learned model serves the host; other devices get the roofline on their profile.
/// </summary>
internal static class CostCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "MLIR model file ('-' for stdin)" }.RejectingOptions();
        var model = new Option<string?>("--model") { Description = "Cost-model folder (default: cost-models/host-cpu)" };
        var device = new Option<string>("--device") { Description = "Device profile: host-cpu (learned model) or another profile (roofline)", DefaultValueFactory = _ => DeviceCatalog.Host };
        var baseline = new Option<bool>("--baseline") { Description = "Use the roofline baseline even on the host" };
        var json = new Option<bool>("--json") { Description = "Machine-readable output (schemaVersion 1) on stdout" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the table or JSON to a file instead of stdout" };
        var command = new Command("cost", "Predict the cost of every op of a model") { input, model, device, baseline, json, output };
        command.SetAction(r => Run(r.GetValue(input)!, r.GetValue(model), r.GetValue(device)!, r.GetValue(baseline), r.GetValue(json), r.GetValue(output)));
        return command;
    }

    private static int Run(string input, string? modelDir, string deviceName, bool baseline, bool json, string? output)
    {
        var diagnostics = new DiagnosticBag();
        var device = DeviceCatalog.Load(deviceName, diagnostics);
        ICostModel? costModel = null;
        if (device is not null)
        {
            bool learned = !baseline && device.Name == DeviceCatalog.Host;
            if (learned)
            {
                string? folder = modelDir ?? LearnedCostModel.DefaultFolder;
                if (folder is null) diagnostics.Report(DiagnosticIds.InvalidCostModel, default, "cost-models/host-cpu not found: pass --model DIR");
                else costModel = LearnedCostModel.Load(folder, diagnostics, device);
            }
            else costModel = new RooflineCostModel(device);
        }
        if (costModel is null || diagnostics.HasErrors)
        {
            OutputWriter.PrintDiagnostics(diagnostics.Items);
            return ExitCodes.InputErrors;
        }
        var module = ProfileCommand.ReadModel(input, diagnostics);
        if (module is null)
        {
            OutputWriter.PrintDiagnostics(diagnostics.Items);
            return ExitCodes.InputErrors;
        }
        var costs = ModuleCosting.Predict(module, Path.GetFileName(input), costModel);
        int extrapolated = costs.Count(c => c.Cost.OutOfRange.Count > 0);
        if (extrapolated > 0)
        {
            diagnostics.Report(DiagnosticIds.OutOfTrainingRange, default,
                $"{extrapolated} of {costs.Count} ops have features outside the training data's range; their predictions extrapolate (marked '!' / out_of_range)");
        }
        string text = json ? Json(input, costModel, device!, costs) : Table(input, costModel, device!, costs);
        if (costModel is IDisposable d) d.Dispose();
        bool written = OutputWriter.Write(output, [input], text, diagnostics);
        OutputWriter.PrintDiagnostics(diagnostics.Items);
        return written ? ExitCodes.Ok : ExitCodes.InputErrors;
    }

    internal static string LocationOf(Operation op) =>
        op.Span.Source is { } src ? $"{src.Path}:{op.Span.Line}:{op.Span.Column}" : op.Location is FileLineColLoc f ? $"{f.File}:{f.Line}:{f.Column}" : "";

    private static string Shapes(Operation op) =>
        string.Join(", ", op.Operands.Select(o => o.Type.ToString())) + " -> " + string.Join(", ", op.Results.Select(r => r.Type.ToString()));

    private static string Table(string input, ICostModel model, DeviceProfile device, IReadOnlyList<OpCost> costs)
    {
        double total = costs.Where(c => c.Cost.Supported).Sum(c => c.Cost.LatencyNs);
        var sb = new StringBuilder();
        sb.Append("# hwopt cost ").Append(input).Append(": ").Append(model.Name).Append(" on ").Append(device.Name).Append('\n');
        sb.Append("# latency ns [interval] per call; % of total; FLOPs; bytes; FLOP/byte; bound; predicted spills; ! = outside the training range\n");
        sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-34} {1,-28} {2,-6} {3,12} {4,25} {5,6} {6,10} {7,10} {8,7} {9,-8} {10,6}  {11}\n",
            "op", "location", "dtype", "latency_ns", "interval", "%", "flops", "bytes", "ai", "bound", "spills", "shapes"));
        foreach (var c in costs)
        {
            var p = c.Cost;
            string loc = LocationOf(c.Op);
            if (loc.Length > 28) loc = "..." + loc[^25..];
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,-34} {1,-28} {2,-6} {3,12} {4,25} {5,6:0.0} {6,10} {7,10} {8,7:0.00} {9,-8} {10,6}  {11}\n",
                (p.OutOfRange.Count > 0 ? "!" : "") + c.Op.Name, loc, p.Work.ComputeType, Num(p.LatencyNs), $"[{Num(p.LatencyNsLow)}, {Num(p.LatencyNsHigh)}]",
                total > 0 && p.Supported ? 100 * p.LatencyNs / total : 0, Num(p.Work.Flops), Num(p.Work.Bytes), p.Work.ArithmeticIntensity, p.Bound,
                p.Metrics.TryGetValue("spills", out double s) ? Num(s) : "-", Shapes(c.Op)));
        }
        sb.Append(string.Format(CultureInfo.InvariantCulture, "# total: {0} ns over {1} ops ({2} distinct kernels), interval [{3}, {4}] ns\n",
            Num(total), costs.Count, costs.Select(c => c.Kernel.Id).Distinct().Count(),
            Num(costs.Where(c => c.Cost.Supported).Sum(c => c.Cost.LatencyNsLow)), Num(costs.Where(c => c.Cost.Supported).Sum(c => c.Cost.LatencyNsHigh))));
        return sb.ToString();
    }

    private static string Num(double v) => !double.IsFinite(v) ? "n/a" : Math.Abs(v) >= 1e6 ? v.ToString("0.###e+0", CultureInfo.InvariantCulture) : v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Json(string input, ICostModel model, DeviceProfile device, IReadOnlyList<OpCost> costs)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            double total = costs.Where(c => c.Cost.Supported).Sum(c => c.Cost.LatencyNs);
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", 1);
            w.WriteString("model", input);
            w.WriteString("cost_model", model.Name);
            w.WriteString("device", device.Name);
            w.WriteStartArray("ops");
            foreach (var c in costs)
            {
                var p = c.Cost;
                w.WriteStartObject();
                w.WriteString("name", c.Op.Name);
                w.WriteString("location", LocationOf(c.Op));
                w.WriteString("shapes", Shapes(c.Op));
                w.WriteString("dtype", p.Work.ComputeType);
                w.WriteString("kernel_id", c.Kernel.Id);
                Number(w, "latency_ns", p.LatencyNs);
                Number(w, "latency_ns_low", p.LatencyNsLow);
                Number(w, "latency_ns_high", p.LatencyNsHigh);
                Number(w, "share", total > 0 && p.Supported ? p.LatencyNs / total : 0);
                Number(w, "flops", p.Work.Flops);
                Number(w, "bytes", p.Work.Bytes);
                Number(w, "bytes_read", p.Work.BytesRead);
                Number(w, "bytes_written", p.Work.BytesWritten);
                Number(w, "arithmetic_intensity", p.Work.ArithmeticIntensity);
                w.WriteString("bound", p.Bound);
                foreach (var (name, value) in p.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal)) Number(w, name, value);
                w.WriteStartArray("out_of_range");
                foreach (var f in p.OutOfRange) w.WriteStringValue(f);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            Number(w, "total_latency_ns", total);
            Number(w, "total_latency_ns_low", costs.Where(c => c.Cost.Supported).Sum(c => c.Cost.LatencyNsLow));
            Number(w, "total_latency_ns_high", costs.Where(c => c.Cost.Supported).Sum(c => c.Cost.LatencyNsHigh));
            w.WriteNumber("unsupported_ops", costs.Count(c => !c.Cost.Supported));
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, Math.Round(value, 3));
        else w.WriteNull(name);
    }
}
