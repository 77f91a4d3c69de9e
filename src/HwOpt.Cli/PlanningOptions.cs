using System.CommandLine;
using HwOpt.Transforms.Pipeline;

namespace HwOpt.Cli;

/// <summary>What the planner is asked to do: passes, devices, budgets, solver limits, pins and cost model.</summary>
internal sealed record PlanSettings(
    string? Pipeline, bool Joint, string? Devices, Budgets Budgets, double TimeLimit, long NodeLimit, double Gap,
    string? DumpMilp, string? Pins, string? Sensitivity, string? ModelDir, bool Roofline);

/// <summary>
/// The planner's command-line options, shared by every command that plans (<c>hwopt optimize</c>, <c>hwopt validate</c>),
/// so that a plan is asked for with the same words everywhere.
/// </summary>
internal sealed class PlanningOptions
{
    private readonly Option<string?> pipeline = new("--pass-pipeline") { Description = "Passes, e.g. \"builtin.module(hwopt-fuse{max-group-size=8},hwopt-precision,hwopt-partition{devices=cpu,gpu})\" (default: hwopt-fuse)" };
    private readonly Option<bool> joint = new("--joint") { Description = "One MILP deciding kernel, format and device together (hwopt-joint), compared with the passes one after another" };
    private readonly Option<string?> devices = new("--devices") { Description = "Devices for partitioning and joint mode (cpu, gpu, npu, mobile or profile names), e.g. cpu,gpu" };
    private readonly Option<double?> maxBytes = new("--max-bytes") { Description = "Budget: model size in bytes (weights at their formats)" };
    private readonly Option<double?> maxLatency = new("--max-latency-ns") { Description = "Budget: predicted latency, ns" };
    private readonly Option<double?> maxEnergy = new("--max-energy-j") { Description = "Budget: predicted energy per inference, J" };
    private readonly Option<double?> maxBops = new("--max-bops") { Description = "Budget: bit operations (FLOPs x weight bits x activation bits)" };
    private readonly Option<double> timeLimit = new("--time-limit") { Description = "Solver time limit per MILP, seconds", DefaultValueFactory = _ => 60 };
    private readonly Option<long> nodeLimit = new("--node-limit") { Description = "Branch-and-bound nodes per MILP; a plan stopped by it is reproducible (0: no limit, the time limit alone)", DefaultValueFactory = _ => 20000 };
    private readonly Option<double> gap = new("--gap") { Description = "Relative optimality gap at which the solver stops", DefaultValueFactory = _ => 1e-4 };
    private readonly Option<string?> dump = new("--dump-milp") { Description = "Write every MILP (LP format, readable by the cbc CLI) into this folder" };
    private readonly Option<string?> pins = new("--pins") { Description = "Pin file (JSON) of devices, formats and no-fuse pins" };
    private readonly Option<string?> sensitivity = new("--sensitivity") { Description = "Per-layer sensitivity sidecar (JSON) for hwopt-precision" };
    private readonly Option<string?> modelDir = new("--model") { Description = "Learned cost-model folder (default cost-models/host-cpu)" };
    private readonly Option<bool> roofline = new("--roofline") { Description = "Cost everything with the roofline baseline, the host too" };

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { pipeline, joint, devices, maxBytes, maxLatency, maxEnergy, maxBops, timeLimit, nodeLimit, gap, dump, pins, sensitivity, modelDir, roofline })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The settings given on a command line.</summary>
    public PlanSettings Read(ParseResult r) => new(
        r.GetValue(pipeline), r.GetValue(joint), r.GetValue(devices),
        new Budgets(r.GetValue(maxBytes), r.GetValue(maxLatency), r.GetValue(maxEnergy), r.GetValue(maxBops)),
        r.GetValue(timeLimit), r.GetValue(nodeLimit), r.GetValue(gap), r.GetValue(dump), r.GetValue(pins), r.GetValue(sensitivity),
        r.GetValue(modelDir), r.GetValue(roofline));
}
