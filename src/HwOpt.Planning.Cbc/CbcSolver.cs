using System.Diagnostics;
using System.Globalization;
using System.Text;
using HwOpt.Planning.Milp;

namespace HwOpt.Planning.Cbc;

/// <summary>
/// <see cref="IMilpSolver"/> backed by COIN-OR CBC 2.10 (branch and cut, Forrest et al.) through its C API. The model
/// is loaded in one call as a compressed sparse column matrix; names are set for LP/MPS export; the MIP start is
/// passed with <c>Cbc_setMIPStartI</c>. Settings for reproducible runs: one thread by default, fixed random seeds,
/// wall-clock time limit (<c>timeMode elapsed</c>), relative gap from <see cref="SolverOptions.RelativeGap"/>; CBC's
/// integer preprocessing is off (it can abort the process, see <c>Configure</c>).
/// CBC's C interface keeps global state in its command-line driver, so solves are serialized process-wide.
/// CBC writes its log to stdout; with <see cref="SolverOptions.Log"/> off the log level is 0 and stdout is
/// redirected to /dev/null for the duration of the solve, so a <c>--json</c> document on stdout stays clean.
/// </summary>
public sealed class CbcSolver : IMilpSolver
{
    private static readonly Lock SolveGate = new();

    /// <inheritdoc/>
    public string Name => "CBC " + CbcLibrary.Version;

    /// <inheritdoc/>
    /// <exception cref="HwOpt.CostModel.Learning.NativeLibraryMissingException">libCbcSolver cannot be loaded (HW4010).</exception>
    public MilpSolution Solve(MilpModel model, SolverOptions options)
    {
        CbcLibrary.EnsureAvailable();
        string name = Name;
        lock (SolveGate)
        {
            nint handle = CbcNative.Cbc_newModel();
            try
            {
                Load(handle, model);
                Configure(handle, model, options);
                var watch = Stopwatch.StartNew();
                using (options.Log ? null : StdoutSilencer.Start()) CbcNative.Cbc_solve(handle);
                double seconds = watch.Elapsed.TotalSeconds;
                return Read(handle, model, seconds, name);
            }
            finally
            {
                CbcNative.Cbc_deleteModel(handle);
            }
        }
    }

    /// <summary>
    /// Writes the model with CBC's own writers, for the <c>cbc</c> CLI (<c>cbc model.lp solve</c>): LP format, or MPS
    /// when the path ends in <c>.mps</c> (CBC then writes <c>PATH.gz</c>, gzip-compressed, which <c>cbc</c> reads).
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="path">Output path ending in <c>.lp</c> or <c>.mps</c>.</param>
    /// <exception cref="HwOpt.CostModel.Learning.NativeLibraryMissingException">libCbcSolver cannot be loaded (HW4010).</exception>
    public static unsafe void Write(MilpModel model, string path)
    {
        CbcLibrary.EnsureAvailable();
        lock (SolveGate)
        {
            nint handle = CbcNative.Cbc_newModel();
            try
            {
                Load(handle, model);
                bool mps = path.EndsWith(".mps", StringComparison.OrdinalIgnoreCase);
                string stem = mps ? path[..^4] : path.EndsWith(".lp", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
                fixed (byte* file = Utf8(stem))
                {
                    if (mps) CbcNative.Cbc_writeMps(handle, file);
                    else CbcNative.Cbc_writeLp(handle, file);
                }
            }
            finally
            {
                CbcNative.Cbc_deleteModel(handle);
            }
        }
    }

    private static unsafe void Load(nint handle, MilpModel model)
    {
        int n = model.Variables.Count, m = model.Constraints.Count;
        // Rows to compressed sparse columns.
        var count = new int[n + 1];
        foreach (var row in model.Constraints)
        {
            foreach (var (v, _) in row.Terms) count[v.Index + 1]++;
        }
        for (int j = 0; j < n; j++) count[j + 1] += count[j];
        var start = (int[])count.Clone();
        var index = new int[Math.Max(1, count[n])];
        var value = new double[Math.Max(1, count[n])];
        var next = (int[])count.Clone();
        for (int i = 0; i < m; i++)
        {
            foreach (var (v, c) in model.Constraints[i].Terms)
            {
                int k = next[v.Index]++;
                index[k] = i;
                value[k] = c;
            }
        }
        var colLower = new double[Math.Max(1, n)];
        var colUpper = new double[Math.Max(1, n)];
        var objective = new double[Math.Max(1, n)];
        for (int j = 0; j < n; j++)
        {
            var v = model.Variables[j];
            colLower[j] = Finite(v.Lower);
            colUpper[j] = Finite(v.Upper);
            objective[j] = v.Objective;
        }
        var rowLower = new double[Math.Max(1, m)];
        var rowUpper = new double[Math.Max(1, m)];
        for (int i = 0; i < m; i++)
        {
            rowLower[i] = Finite(model.Constraints[i].Lower);
            rowUpper[i] = Finite(model.Constraints[i].Upper);
        }
        fixed (int* s = start) fixed (int* ix = index) fixed (double* val = value)
        fixed (double* cl = colLower) fixed (double* cu = colUpper) fixed (double* ob = objective)
        fixed (double* rl = rowLower) fixed (double* ru = rowUpper)
        {
            CbcNative.Cbc_loadProblem(handle, n, m, s, ix, val, cl, cu, ob, rl, ru);
        }
        fixed (byte* p = Utf8(Sanitize(model.Name))) CbcNative.Cbc_setProblemName(handle, p);
        for (int j = 0; j < n; j++)
        {
            fixed (byte* p = Utf8(Sanitize(model.Variables[j].Name))) CbcNative.Cbc_setColName(handle, j, p);
            if (model.Variables[j].Kind != VariableKind.Continuous) CbcNative.Cbc_setInteger(handle, j);
        }
        for (int i = 0; i < m; i++)
        {
            fixed (byte* p = Utf8(Sanitize(model.Constraints[i].Name))) CbcNative.Cbc_setRowName(handle, i, p);
        }
        CbcNative.Cbc_setObjSense(handle, 1);
    }

    private static unsafe void Configure(nint handle, MilpModel model, SolverOptions options)
    {
        CbcNative.Cbc_setLogLevel(handle, options.Log ? 1 : 0);
        Parameter(handle, "log", options.Log ? "1" : "0");
        Parameter(handle, "slog", options.Log ? "1" : "0");
        Parameter(handle, "threads", Math.Max(1, options.Threads).ToString(CultureInfo.InvariantCulture));
        Parameter(handle, "randomSeed", options.Seed.ToString(CultureInfo.InvariantCulture));
        Parameter(handle, "randomCbcSeed", options.Seed.ToString(CultureInfo.InvariantCulture));
        Parameter(handle, "timeMode", "elapsed");
        // CBC 2.10.8's integer preprocessing (CglPreProcess) aborts the whole process with a failed assertion in
        // OsiClpSolverInterface::crunch on some models, e.g. a partitioning model whose assignment rows all fix their
        // variable (reproduced with the cbc CLI on the model --dump-milp writes for tt-mlir's llama_prefill.mlir).
        // Measured on the ResNet-50 fusion and partitioning models, turning it off changed neither the optimum nor the
        // solve time noticeably, so it is off.
        Parameter(handle, "preprocess", "off");
        CbcNative.Cbc_setMaximumSeconds(handle, Math.Max(0.01, options.TimeLimitSeconds));
        CbcNative.Cbc_setAllowableFractionGap(handle, Math.Max(0, options.RelativeGap));
        if (options.MaxNodes < int.MaxValue) CbcNative.Cbc_setMaximumNodes(handle, (int)Math.Max(0, options.MaxNodes));
        if (model.MipStart is { Count: > 0 } start)
        {
            var columns = start.Keys.Order().ToArray();
            var values = columns.Select(c => start[c]).ToArray();
            fixed (int* c = columns) fixed (double* v = values) CbcNative.Cbc_setMIPStartI(handle, columns.Length, c, v);
        }
    }

    private static unsafe MilpSolution Read(nint handle, MilpModel model, double seconds, string name)
    {
        int n = model.Variables.Count;
        long nodes = CbcNative.Cbc_getNodeCount(handle);
        double* best = CbcNative.Cbc_bestSolution(handle);
        double bound = CbcNative.Cbc_getBestPossibleObjValue(handle);
        bool optimal = CbcNative.Cbc_isProvenOptimal(handle) != 0;
        bool infeasible = CbcNative.Cbc_isProvenInfeasible(handle) != 0;
        bool unbounded = CbcNative.Cbc_isContinuousUnbounded(handle) != 0;
        bool abandoned = CbcNative.Cbc_isAbandoned(handle) != 0;
        if (best is null)
        {
            // An empty or trivially solved model may leave no "best solution": accept the column solution when it is feasible.
            var status = infeasible ? SolveStatus.Infeasible : unbounded ? SolveStatus.Unbounded : abandoned ? SolveStatus.Error
                : n == 0 ? SolveStatus.Optimal : SolveStatus.NoSolutionFound;
            return new MilpSolution(status, status == SolveStatus.Optimal ? model.ObjectiveOffset : double.NaN,
                status == SolveStatus.Optimal ? model.ObjectiveOffset : double.NaN, status == SolveStatus.Optimal ? [] : [], seconds, nodes, name);
        }
        var values = new double[n];
        for (int j = 0; j < n; j++)
        {
            double x = best[j];
            values[j] = model.Variables[j].Kind == VariableKind.Continuous ? x : Math.Round(x);
        }
        double objective = model.Evaluate(values);
        double lower = double.IsFinite(bound) ? Math.Min(bound + model.ObjectiveOffset, objective) : double.NaN;
        if (optimal) lower = Math.Min(objective, double.IsNaN(lower) ? objective : lower);
        return new MilpSolution(optimal ? SolveStatus.Optimal : SolveStatus.Feasible, objective, optimal && double.IsNaN(lower) ? objective : lower,
            values, seconds, nodes, name);
    }

    private static void Parameter(nint handle, string key, string value)
    {
        unsafe
        {
            fixed (byte* k = Utf8(key)) fixed (byte* v = Utf8(value)) CbcNative.Cbc_setParameter(handle, k, v);
        }
    }

    private static double Finite(double x) => double.IsPositiveInfinity(x) ? 1e30 : double.IsNegativeInfinity(x) ? -1e30 : x;

    /// <summary>
    /// CBC's LP writer (CoinLpIO) drops every name when one holds a character it does not accept (brackets, spaces,
    /// colons), so names go to CBC with letters, digits, <c>_</c> and <c>.</c> only: <c>cover[12]</c> becomes <c>cover_12_</c>.
    /// </summary>
    internal static string Sanitize(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (char c in name) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' ? c : '_');
        return sb.ToString();
    }

    private static byte[] Utf8(string s)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }
}
