using HwOpt.Diagnostics;
using HwOpt.Transforms.Passes;

namespace HwOpt.Transforms.Pipeline;

/// <summary>The passes <c>--pass-pipeline</c> knows, each created from its written options.</summary>
public static class PassRegistry
{
    /// <summary>Pass names with a one-line description, for help texts and diagnostics.</summary>
    public static IReadOnlyDictionary<string, string> Passes { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        [FusionPass.PassName] = "operator fusion as a set-partitioning MILP over legal, convex candidate kernels",
        [PrecisionPass.PassName] = "mixed-precision format per quantizable op (HAWQ-V3 style MILP under size/BOPs/latency budgets)",
        [JointPass.PassName] = "one MILP deciding kernels, formats and devices together, beside the three passes one after another",
        [PartitionPass.PassName] = "device per kernel (MILP with transfers, memory capacities and a makespan bound; latency, energy or price)",
    };

    /// <summary>Creates the passes of a parsed pipeline.</summary>
    /// <param name="specs">Parsed passes.</param>
    /// <param name="source">The pipeline text (for locations).</param>
    /// <param name="diagnostics">Receives HW3001 errors.</param>
    /// <returns>The passes, or null after an error.</returns>
    public static IReadOnlyList<IModulePass>? Create(IReadOnlyList<PassSpec> specs, SourceText source, DiagnosticBag diagnostics)
    {
        var passes = new List<IModulePass>();
        bool ok = true;
        foreach (var spec in specs)
        {
            var options = new PassOptions(spec, source, diagnostics);
            int errors = diagnostics.ErrorCount;
            IModulePass? pass = spec.Name switch
            {
                FusionPass.PassName => FusionPass.Create(options),
                PrecisionPass.PassName => PrecisionPass.Create(options),
                PartitionPass.PassName => PartitionPass.Create(options),
                JointPass.PassName => JointPass.Create(options),
                _ => null,
            };
            if (pass is null)
            {
                diagnostics.Report(DiagnosticIds.InvalidPassPipeline, new SourceSpan(source, source.OffsetOfChar(spec.Offset), System.Text.Encoding.UTF8.GetByteCount(spec.Name)),
                    $"unknown pass '{spec.Name}' (known: {string.Join(", ", Passes.Keys)})");
                ok = false;
                continue;
            }
            ok &= options.ReportUnknown() && diagnostics.ErrorCount == errors;
            passes.Add(pass);
        }
        return ok ? passes : null;
    }
}
