using HwOpt.CostModel.Features;
using HwOpt.IR;
using HwOpt.Profiling;

namespace HwOpt.CostModel;

/// <summary>One op of a model with its kernel and predicted cost.</summary>
/// <param name="Op">The op in the model.</param>
/// <param name="Kernel">The op outlined as a kernel (the cost model's input text).</param>
/// <param name="Cost">The prediction.</param>
public sealed record OpCost(Operation Op, Kernel Kernel, CostPrediction Cost);

/// <summary>
/// Costs every op of a model: each op that is a kernel candidate (<see cref="KernelExtractor.WhyNotAKernel"/>) is
/// outlined exactly as the profiler outlines it, its kernel text is read back and predicted, so predictions see the
/// same input as training did. Identical kernels (repeated layers) are predicted once.
/// </summary>
public static class ModuleCosting
{
    /// <summary>Predicts each kernel op of the module, in program order.</summary>
    /// <param name="module">Parsed model.</param>
    /// <param name="source">Source name (file name).</param>
    /// <param name="model">The cost model.</param>
    /// <param name="skipped">Receives the ops that are not kernels (constants, views, terminators), with reasons.</param>
    public static IReadOnlyList<OpCost> Predict(ModuleIR module, string source, ICostModel model, List<SkippedOp>? skipped = null)
    {
        var kernels = KernelExtractor.FromModule(module, source, DatasetSplits.FamilyOf(source), skipped);
        var distinct = kernels.GroupBy(k => k.Kernel.Id, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var bodies = new IReadOnlyList<Operation>[distinct.Count];
        Parallel.For(0, distinct.Count, i =>
        {
            // A kernel whose outlined text does not read back (an op printed in a form hwopt only reads tolerantly)
            // is costed from the op itself.
            try { bodies[i] = Featurizer.KernelBody(distinct[i].Kernel.Text); }
            catch (FormatException) { bodies[i] = [distinct[i].Op]; }
        });
        var predictions = model.Predict(bodies);
        var byId = new Dictionary<string, CostPrediction>(StringComparer.Ordinal);
        for (int i = 0; i < distinct.Count; i++) byId[distinct[i].Kernel.Id] = predictions[i];
        return kernels.Select(k => new OpCost(k.Op, k.Kernel, byId[k.Kernel.Id])).ToList();
    }
}
