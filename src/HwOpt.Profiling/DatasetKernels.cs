namespace HwOpt.Profiling;

/// <summary>
/// Rebuilds the kernels of a measured dataset from their text (column <c>kernel_mlir</c>), so that the same kernels can
/// be measured again under other settings (another optimisation level or target CPU: the few-shot "new device" proxy).
/// </summary>
public static class DatasetKernels
{
    /// <summary>Kernels of the rows, in row order, with their recorded source and family.</summary>
    /// <param name="rows">Dataset rows (any status).</param>
    /// <param name="mismatched">Rows whose rebuilt kernel has another id than recorded (printer drift); they are skipped.</param>
    /// <returns>One kernel per row that parses and round-trips to its id.</returns>
    public static IReadOnlyList<Kernel> FromRows(IEnumerable<MeasurementRow> rows, List<MeasurementRow>? mismatched = null)
    {
        var kernels = new List<Kernel>();
        foreach (var row in rows)
        {
            List<Kernel> rebuilt;
            try { rebuilt = KernelSweeps.FromText(row.KernelMlir, row.Source, row.Family, fuseFunctions: true); }
            catch (InvalidOperationException)
            {
                mismatched?.Add(row);
                continue;
            }
            if (rebuilt.Count == 1 && rebuilt[0].Id == row.KernelId) kernels.Add(rebuilt[0]);
            else mismatched?.Add(row);
        }
        return kernels;
    }

    /// <summary>Kernels from MLIR text holding functions: each function's body (less constants and the terminator) becomes one kernel.</summary>
    /// <param name="text">A module of <c>func.func</c>s in any syntax hwopt reads.</param>
    /// <param name="source">Recorded source (e.g. <c>micro:matmul</c>).</param>
    /// <param name="family">Recorded family.</param>
    /// <exception cref="InvalidOperationException">The text does not parse.</exception>
    public static IReadOnlyList<Kernel> FromFunctions(string text, string source, string family) =>
        KernelSweeps.FromText(text, source, family, fuseFunctions: true);
}
