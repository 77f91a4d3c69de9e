using HwOpt.Analysis.Work;
using HwOpt.CostModel.Features;
using HwOpt.CostModel.Learning;
using HwOpt.Profiling;

namespace HwOpt.CostModel.Training;

/// <summary>
/// The measured kernels of a dataset as a feature matrix: each row's kernel text (<c>kernel_mlir</c>) parsed and
/// featurized once. Rows that are not measured (status other than <c>ok</c>) are left out; rows whose text does not
/// parse are counted in <see cref="Unreadable"/>.
/// </summary>
public sealed class TrainingSet
{
    private TrainingSet(IReadOnlyList<MeasurementRow> rows, FeatureMatrix features, WorkEstimate[] work, int unreadable)
    {
        Rows = rows;
        Features = features;
        Work = work;
        Unreadable = unreadable;
    }

    /// <summary>The measured rows, in dataset order.</summary>
    public IReadOnlyList<MeasurementRow> Rows { get; }

    /// <summary>One feature row per <see cref="Rows"/> entry.</summary>
    public FeatureMatrix Features { get; }

    /// <summary>FLOPs and bytes of each kernel.</summary>
    public WorkEstimate[] Work { get; }

    /// <summary>Measured rows whose kernel text did not parse.</summary>
    public int Unreadable { get; }

    /// <summary>Featurizes the measured rows of a dataset (in parallel; the result does not depend on the thread count).</summary>
    /// <param name="rows">Dataset rows.</param>
    /// <param name="featurizer">The featurizer.</param>
    /// <param name="threads">Worker threads.</param>
    public static TrainingSet Build(IReadOnlyList<MeasurementRow> rows, Featurizer featurizer, int threads = 2)
    {
        var ok = rows.Where(r => r.Status == "ok" && r.LatencyMedianNs is > 0).ToList();
        int columns = featurizer.Schema.Count;
        var data = new float[ok.Count * columns];
        var work = new WorkEstimate[ok.Count];
        var readable = new bool[ok.Count];
        Parallel.For(0, ok.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i =>
        {
            IReadOnlyList<HwOpt.IR.Operation> ops;
            try { ops = Featurizer.KernelBody(ok[i].KernelMlir); }
            catch (FormatException) { return; }
            work[i] = featurizer.FeaturizeWithWork(ops, data.AsSpan(i * columns, columns));
            readable[i] = true;
        });
        var keep = Enumerable.Range(0, ok.Count).Where(i => readable[i]).ToArray();
        if (keep.Length == ok.Count) return new TrainingSet(ok, new FeatureMatrix(data, ok.Count, columns), work, 0);
        var compact = new float[keep.Length * columns];
        for (int j = 0; j < keep.Length; j++) Array.Copy(data, keep[j] * columns, compact, j * columns, columns);
        return new TrainingSet(keep.Select(i => ok[i]).ToList(), new FeatureMatrix(compact, keep.Length, columns), keep.Select(i => work[i]).ToArray(), ok.Count - keep.Length);
    }

    /// <summary>The rows of a split (see <see cref="SplitOf"/>), as indices into <see cref="Rows"/>.</summary>
    public int[] Indices(string split) => Enumerable.Range(0, Rows.Count).Where(i => SplitOf(Rows[i]) == split).ToArray();

    /// <summary>
    /// The split of a row under the training protocol: <c>test_family</c> (architectures never trained on: the decoder
    /// LMs), <c>validation</c> (ViT, plus the random 10 % validation share of the rest; used for early stopping and the
    /// interval calibration), <c>test_random</c> (the random 10 % test share of the training architectures, never
    /// trained on), <c>train</c> (the rest).
    /// </summary>
    public static string SplitOf(MeasurementRow row) => row switch
    {
        { SplitFamily: "test" } => "test_family",
        { SplitFamily: "validation" } or { SplitRandom: "validation" } => "validation",
        { SplitRandom: "test" } => "test_random",
        _ => "train",
    };

    /// <summary>The split names, training first.</summary>
    public static IReadOnlyList<string> SplitNames { get; } = ["train", "validation", "test_random", "test_family"];

    /// <summary>A subset of the rows as a matrix.</summary>
    public FeatureMatrix Subset(IReadOnlyList<int> indices)
    {
        int c = Features.Columns;
        var data = new float[indices.Count * c];
        for (int j = 0; j < indices.Count; j++) Features.Row(indices[j]).CopyTo(data.AsSpan(j * c, c));
        return new FeatureMatrix(data, indices.Count, c);
    }
}
