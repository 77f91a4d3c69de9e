using HwOpt.CostModel;
using HwOpt.CostModel.Features;
using HwOpt.IR;
using HwOpt.Profiling;

namespace HwOpt.Planning.Fusion;

/// <summary>The predicted cost of one group as a kernel.</summary>
/// <param name="Nodes">Sorted node indices.</param>
/// <param name="KernelId">Id of the outlined kernel.</param>
/// <param name="Prediction">The cost model's prediction for the kernel's body.</param>
/// <param name="ObjectiveNs">Latency used in objectives, ns: the prediction, or 0 when the device cannot run the kernel.</param>
internal sealed record GroupCost(int[] Nodes, string KernelId, CostPrediction Prediction, double ObjectiveNs)
{
    /// <summary>Working set of the kernel, bytes (read + written across its boundary).</summary>
    public double WorkingSetBytes => Prediction.Work.Bytes;

    /// <summary>Predicted spills (0 when the model has no such metric).</summary>
    public double Spills => Prediction.Metrics.GetValueOrDefault("spills");
}

/// <summary>
/// Costs groups the way the cost model was trained (as <see cref="ModuleCosting"/> does for single ops): the group's
/// ops are outlined into a kernel (<see cref="KernelExtractor.FromGroup"/>), the kernel text is read back
/// (<see cref="Featurizer.KernelBody"/>) and that body is predicted, so a fused kernel is costed as one kernel,
/// never as a sum of its parts. All groups of one call are predicted in one <see cref="ICostModel.Predict"/> call;
/// identical kernel texts (repeated layers) are predicted once, keyed by <see cref="Kernel.Id"/>, and remembered
/// across calls.
/// </summary>
internal sealed class FusionCosting(PlanGraph plan, ICostModel model)
{
    private readonly Dictionary<string, CostPrediction> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GroupCost> _byNodes = new(StringComparer.Ordinal);
    private readonly string _family = DatasetSplits.FamilyOf(plan.Source);

    /// <summary>The cost model.</summary>
    public ICostModel Model => model;

    /// <summary>Costs of groups, in the order given.</summary>
    /// <param name="groups">Sorted node lists of kernel nodes.</param>
    public IReadOnlyList<GroupCost> Cost(IReadOnlyList<int[]> groups)
    {
        var kernels = new Kernel[groups.Count];
        var pending = new List<(string Id, Kernel Kernel, int[] Nodes)>();
        var pendingIds = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < groups.Count; i++)
        {
            if (_byNodes.ContainsKey(Key(groups[i]))) continue;
            kernels[i] = KernelExtractor.FromGroup(groups[i].Select(n => plan.Ops[n]).ToList(), plan.Source, _family);
            string id = kernels[i].Id;
            if (!_byId.ContainsKey(id) && pendingIds.Add(id)) pending.Add((id, kernels[i], groups[i]));
        }
        if (pending.Count > 0)
        {
            var bodies = new IReadOnlyList<Operation>[pending.Count];
            for (int i = 0; i < pending.Count; i++)
            {
                // A kernel whose text does not read back is costed from its ops, as ModuleCosting does.
                try { bodies[i] = Featurizer.KernelBody(pending[i].Kernel.Text); }
                catch (FormatException) { bodies[i] = pending[i].Nodes.Select(n => plan.Ops[n]).ToList(); }
            }
            var predictions = model.Predict(bodies);
            for (int i = 0; i < pending.Count; i++) _byId[pending[i].Id] = predictions[i];
        }
        var result = new GroupCost[groups.Count];
        for (int i = 0; i < groups.Count; i++)
        {
            string key = Key(groups[i]);
            if (!_byNodes.TryGetValue(key, out var cost))
            {
                var p = _byId[kernels[i].Id];
                cost = new GroupCost(groups[i], kernels[i].Id, p, double.IsFinite(p.LatencyNs) && p.LatencyNs >= 0 ? p.LatencyNs : 0);
                _byNodes[key] = cost;
            }
            result[i] = cost;
        }
        return result;
    }

    /// <summary>The reason a multi-op candidate breaks a limit, or null.</summary>
    public static string? BreaksLimit(GroupCost cost, FusionOptions options)
    {
        if (cost.Nodes.Length < 2) return null;
        if (!cost.Prediction.Supported) return "the device cannot run the fused kernel";
        if (options.MaxWorkingSetBytes is { } ws && cost.WorkingSetBytes > ws) return $"working set above {ws} bytes";
        if (options.MaxSpills is { } sp && cost.Spills > sp) return $"predicted spills above {sp}";
        return null;
    }

    private static string Key(int[] nodes) => string.Join(',', nodes);
}
