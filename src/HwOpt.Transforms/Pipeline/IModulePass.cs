namespace HwOpt.Transforms.Pipeline;

/// <summary>A planning pass: reads the plan so far, decides, writes its decisions and reasons into the plan.</summary>
public interface IModulePass
{
    /// <summary>The pass name as written in pipelines (<c>hwopt-fuse</c>).</summary>
    string Name { get; }

    /// <summary>Runs the pass.</summary>
    /// <param name="plan">The plan, updated in place.</param>
    /// <param name="context">Shared services and settings.</param>
    /// <returns>False when the pass failed (its diagnostics say why; <see cref="PassContext.Infeasible"/> when no plan exists).</returns>
    bool Run(PlanState plan, PassContext context);
}
