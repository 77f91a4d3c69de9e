using System.Globalization;
using HwOpt.Diagnostics;
using HwOpt.Planning.Milp;
using HwOpt.Planning.Partitioning;
using HwOpt.Transforms.Pipeline;

namespace HwOpt.Transforms.Passes;

/// <summary>
/// <c>hwopt-partition{devices=cpu,gpu objective=latency|energy|price memory=true greedy-order=gpu,cpu}</c>: places each
/// kernel on a device with <see cref="PartitionPlanner"/> (MILP over kernel × device with transfers on cut edges,
/// memory capacity per device, and a makespan bound; the plan is realized by a list schedule). After
/// <c>hwopt-fuse</c> the tasks are the fused kernels (<see cref="KernelTable"/>), otherwise single ops. Baselines:
/// every kernel on one device (unsupported ones on the host) and greedy ORT-style placement. Pins:
/// <c>hwopt.pin.device</c> and the pin file; a pin on any op of a fused kernel pins the kernel.
/// </summary>
internal sealed class PartitionPass(IReadOnlyList<string> devices, PartitionObjective objective, bool memory, IReadOnlyList<string>? greedyOrder) : IModulePass
{
    public const string PassName = "hwopt-partition";

    public string Name => PassName;

    public static PartitionPass Create(PassOptions o)
    {
        var devices = o.Devices("devices") ?? ["cpu"];
        string objective = o.Choice("objective", "latency", "latency", "energy", "price");
        bool memory = o.Choice("memory", "true", "true", "false") == "true";
        return new PartitionPass(devices, objective switch { "energy" => PartitionObjective.Energy, "price" => PartitionObjective.Price, _ => PartitionObjective.Latency }, memory, o.Devices("greedy-order"));
    }

    public bool Run(PlanState plan, PassContext context)
    {
        if (context.PartitionDevices(devices) is not { } profiles) return false;
        var opTable = DeviceCostTable.Build(plan.Graph, profiles, context.HostDevice);
        var table = opTable;
        bool contracted = plan.Kernels.Any(k => k.Nodes.Count > 1);
        if (contracted)
        {
            table = KernelTable.Contract(plan.Graph, opTable, plan.Kernels.Select(k => k.Nodes).ToList(), profiles.Select(p => p.Model).ToList());
        }
        // Pins map to the task holding the pinned op.
        var pins = new Dictionary<int, string>();
        foreach (var (node, device) in context.Pins.Device.OrderBy(p => p.Key))
        {
            int rep = contracted ? plan.Kernels[plan.Ops[node].Kernel!.Value].Nodes.Min() : node;
            string resolved = DeviceNames.Resolve(device);
            if (pins.TryGetValue(rep, out var other) && other != resolved)
            {
                context.Diagnostics.Report(DiagnosticIds.InvalidPin, plan.Graph.Ops[node].Span, $"op {node} is pinned to {resolved} but its kernel is already pinned to {other}");
                return false;
            }
            pins[rep] = resolved;
        }
        var options = new PartitionOptions
        {
            Objective = objective, TimeLimitSeconds = context.SolverOptions.TimeLimitSeconds, RelativeGap = context.SolverOptions.RelativeGap, MaxNodes = context.SolverOptions.MaxNodes,
            Pins = pins, GreedyOrder = greedyOrder?.Select(DeviceNames.Resolve).ToList(), EnforceMemory = memory,
        };
        var result = PartitionPlanner.Plan(table, context.Solver, options);
        plan.Solves.AddRange(result.Solver);
        if (result.Conflict is { } conflict)
        {
            context.Diagnostics.Report(DiagnosticIds.InfeasibleBudget, ConstraintLocation.Of(plan.Graph, conflict.Constraint), $"{PassName}: constraint {conflict.Constraint} cannot be met: {conflict.Reason}");
            context.Infeasible = true;
            return false;
        }
        var eval = result.Evaluation!;
        double LatencyOnItsDevice(int t) => table.LatencyNs(t, table.DeviceIndex(result.DevicePerNode[table.Nodes[t]]));
        // Without a fusion pass before it, every task (op) is its own kernel.
        if (plan.Kernels.Count == 0)
        {
            plan.SetKernels(Enumerable.Range(0, table.TaskCount).Select(t => new PlannedKernel(0, [table.Nodes[t]], LatencyOnItsDevice(t), LatencyOnItsDevice(t), LatencyOnItsDevice(t))).ToList());
        }
        for (int t = 0; t < table.TaskCount; t++)
        {
            int rep = table.Nodes[t];
            double ns = LatencyOnItsDevice(t);
            foreach (int n in plan.Kernels[plan.Ops[rep].Kernel!.Value].Nodes)
            {
                plan.Ops[n].Device = result.DevicePerNode[rep];
                plan.Ops[n].Reasons.Add("device: " + result.Decisions[rep].Reason);
                plan.Remarks.Add(PlanRemark.Of(PassName, "Offloaded", "KeptOnHost", n, result.Decisions[rep], new("Device", result.DevicePerNode[rep]),
                    new("KernelLatencyNs", ns.ToString("0.###", CultureInfo.InvariantCulture))));
                plan.Ops[n].KernelCostNs = ns;
            }
        }
        plan.PredictedLatencyNs = eval.MakespanNs;
        plan.EnergyJoules = eval.EnergyJoules;
        string unit = objective switch { PartitionObjective.Energy => "J", PartitionObjective.Price => "USD", _ => "ns" };
        plan.Objectives.Add(new BaselineResult("partition", "milp (" + objective.ToString().ToLowerInvariant() + ")", eval.Value(objective), unit));
        foreach (var b in result.Baselines) plan.Baselines.Add(new BaselineResult("partition", b.Name, b.Evaluation.Value(objective), unit));
        var perDevice = Enumerable.Range(0, table.DeviceCount).Where(d => eval.TasksPerDevice[d] > 0)
            .Select(d => string.Create(CultureInfo.InvariantCulture, $"{eval.TasksPerDevice[d]} on {table.Devices[d].Name}"));
        plan.Summary.Add(string.Create(CultureInfo.InvariantCulture,
            $"{PassName} ({objective.ToString().ToLowerInvariant()}): {table.TaskCount} {(contracted ? "kernels" : "ops")}: {string.Join(", ", perDevice)}; makespan {eval.MakespanNs / 1e6:0.###} ms realized (MILP bound model {result.MilpObjective:0.###e+0}, proven bound {result.MilpBestBound:0.###e+0}), transfers {eval.TransferNs / 1e6:0.###} ms, energy {eval.EnergyJoules:0.###e+0} J, price {eval.PriceUsd:0.###e+0} USD; best single device {result.BestSingleDevice?.Name ?? "-"} {(result.BestSingleDevice is { } b2 ? (b2.Evaluation.Value(objective)).ToString("0.###e+0", CultureInfo.InvariantCulture) : "-")} {unit}"));
        if (result.Status == SolveStatus.NoSolutionFound) plan.Summary.Add(PassName + ": the solver found no plan in time; the best baseline plan was kept");
        return true;
    }
}
