using HwOpt.Diagnostics;
using HwOpt.IR;
using HwOpt.Planning;

namespace HwOpt.Transforms.Pipeline;

/// <summary>
/// The steps every planning run takes between reading a model and writing results (<c>hwopt optimize</c>,
/// <c>hwopt validate</c>, the MSBuild task through the CLI, the snapshot tests): the plan graph, the pins, then the
/// passes in pipeline order.
/// </summary>
public static class PlanDriver
{
    /// <summary>Builds the plan graph of a model and reads its pins: <c>hwopt.pin.*</c> op attributes, then a pin file.</summary>
    /// <param name="module">The parsed model.</param>
    /// <param name="modelName">Name of the model in plans and reports (its file name).</param>
    /// <param name="pinFile">Pin file path, or null.</param>
    /// <param name="diagnostics">Receives pin errors (the caller stops when it has errors).</param>
    public static (PlanGraph Graph, Pins Pins) Prepare(ModuleIR module, string modelName, string? pinFile, DiagnosticBag diagnostics)
    {
        var graph = PlanGraph.FromModule(module, modelName);
        var pins = new Pins();
        PinReader.FromAttributes(graph, pins, diagnostics);
        if (pinFile is not null) PinReader.FromFile(pinFile, graph, pins, diagnostics);
        return (graph, pins);
    }

    /// <summary>Runs the passes in order on <paramref name="plan"/>, stopping at the first that fails or reports an error.</summary>
    /// <param name="plan">The plan, updated in place.</param>
    /// <param name="passes">The pipeline's passes.</param>
    /// <param name="context">Shared services; <see cref="PassContext.Infeasible"/> tells an infeasible plan from an input error.</param>
    /// <returns>True when every pass ran without error.</returns>
    public static bool RunPasses(PlanState plan, IReadOnlyList<IModulePass> passes, PassContext context)
    {
        foreach (var pass in passes)
        {
            if (!pass.Run(plan, context) || context.Diagnostics.HasErrors) return false;
        }
        return true;
    }
}
