using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using HwOpt.Analysis.Work;
using HwOpt.CostModel.Devices;
using HwOpt.CostModel.Features;
using HwOpt.CostModel.Learning;
using HwOpt.Diagnostics;
using HwOpt.IR;
using HwOpt.Profiling;

namespace HwOpt.CostModel.Model;

/// <summary>
/// The learned cost model: a trained bundle (<c>cost-models/MACHINE/</c>: <c>model-card.json</c> and the booster files
/// it lists) loaded for prediction. Kernels are featurized (<see cref="Featurizer"/>) and predicted in one batch per
/// target; latency comes with its calibrated interval; features outside the training range are named in the
/// prediction. A roofline on the host profile, when given, classifies each kernel as compute- or memory-bound.
/// </summary>
public sealed class LearnedCostModel : ICostModel, IDisposable
{
    private readonly Dictionary<string, MemberSet> targets;
    private readonly (int Column, string Name, double Low, double High)[] ranges;
    private readonly RooflineModel? roofline;

    private LearnedCostModel(ModelCard card, string folder, Dictionary<string, MemberSet> targets, DeviceProfile? host)
    {
        Card = card;
        Folder = folder;
        this.targets = targets;
        var names = Featurizer.Default.Schema.Names;
        ranges = names.Select((n, c) => (c, n)).Where(p => card.FeatureRanges.ContainsKey(p.n))
            .Select(p => (p.c, p.n, card.FeatureRanges[p.n][0], card.FeatureRanges[p.n][1])).ToArray();
        roofline = host is null ? null : new RooflineModel(host);
    }

    /// <summary>The model card.</summary>
    public ModelCard Card { get; }

    /// <summary>The bundle folder.</summary>
    public string Folder { get; }

    /// <inheritdoc/>
    public string Name => "learned:" + Card.Machine;

    /// <summary>Default bundle folder: <c>cost-models/host-cpu</c>, or null when not found.</summary>
    public static string? DefaultFolder => CostModelFiles.Find(DeviceCatalog.Host);

    /// <summary>Loads a bundle, checking every file against the card and this build.</summary>
    /// <param name="folder">Bundle folder.</param>
    /// <param name="diagnostics">Receives HW4011 (missing, corrupt or mismatched file, naming it and what is wrong), HW4010 (no libxgboost), or warning HW4014 (trained on another machine).</param>
    /// <param name="host">Host profile for the compute/memory-bound classification, or null.</param>
    /// <param name="only">Load only these targets (latency is always loaded), e.g. a planner that reads latency and
    /// spills need not hold the instruction-count and code-size boosters (the largest files); null loads all.</param>
    /// <returns>The model, or null on errors.</returns>
    public static LearnedCostModel? Load(string folder, DiagnosticBag diagnostics, DeviceProfile? host = null, IReadOnlySet<string>? only = null)
    {
        string cardPath = Path.Combine(folder, "model-card.json");
        void Fail(string file, string what) => diagnostics.Report(DiagnosticIds.InvalidCostModel, default, $"{file}: {what}");
        if (!File.Exists(cardPath))
        {
            Fail(cardPath, "no model card (train one with 'hwopt train DATA -o " + folder + "')");
            return null;
        }
        ModelCard card;
        try { card = ModelCard.FromJson(File.ReadAllText(cardPath)); }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            Fail(cardPath, "not a model card: " + e.Message);
            return null;
        }
        if (card.Format != ModelCard.CurrentFormat)
        {
            Fail(cardPath, $"bundle format {card.Format}, this hwopt reads format {ModelCard.CurrentFormat}: retrain with 'hwopt train'");
            return null;
        }
        var schema = Featurizer.Default.Schema;
        if (card.FeatureVersion != schema.Version || card.FeatureCount != schema.Count)
        {
            Fail(cardPath, $"trained with feature version {card.FeatureVersion} ({card.FeatureCount} features), this hwopt computes {schema.Version} ({schema.Count}): retrain with 'hwopt train'");
            return null;
        }
        if (TargetMetric.Latency.Name is var latency && card.Targets.All(t => t.Name != latency))
        {
            Fail(cardPath, "the card has no latency_ns target");
            return null;
        }
        try { XgbLibrary.EnsureAvailable(); }
        catch (NativeLibraryMissingException e)
        {
            diagnostics.Report(DiagnosticIds.MissingNativeLibrary, default, e.Message);
            return null;
        }
        string cpu = Provenance.ThisCpuModel();
        if (card.CpuModel.Length > 0 && card.CpuModel != cpu)
        {
            diagnostics.Report(DiagnosticIds.CostModelFromOtherMachine, default,
                $"{cardPath}: trained on measurements from '{card.CpuModel}', this machine is '{cpu}': latencies may be off (calibrate with 'hwopt eval --few-shot' data, or profile and train here)");
        }

        foreach (var t in card.Targets)
        {
            if (TargetMetric.Named(t.Name) is not { } metric || metric.LabelDefinition != t.Label)
            {
                Fail(cardPath, $"target {t.Name} learns '{t.Label}', this hwopt knows no such target or defines it as '{TargetMetric.Named(t.Name)?.LabelDefinition}': retrain with 'hwopt train'");
                return null;
            }
        }
        var wanted = card.Targets.Where(t => only is null || t.Name == TargetMetric.Latency.Name || only.Contains(t.Name)).ToList();
        // Every booster file of the wanted targets, read and compiled in parallel (each is independent); the outcome is
        // then checked in card order, so that the first bad file is the one reported, as a sequential load would.
        var files = wanted.SelectMany(t => t.Files.Select((f, i) => (Target: t, Index: i, Path: Path.Combine(folder, f)))).ToArray();
        var outcomes = new (CompiledForest? Forest, string? Problem)[files.Length];
        Parallel.For(0, files.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, k =>
            outcomes[k] = LoadMember(files[k].Path, files[k].Index < files[k].Target.Sha256.Count ? files[k].Target.Sha256[files[k].Index] : null, schema.Count));
        var loaded = new Dictionary<string, MemberSet>(StringComparer.Ordinal);
        int next = 0;
        foreach (var t in wanted)
        {
            var members = new List<CompiledForest>();
            for (int i = 0; i < t.Files.Count; i++, next++)
            {
                var (forest, problem) = outcomes[next];
                if (forest is null)
                {
                    Fail(files[next].Path, problem!);
                    break;
                }
                members.Add(forest);
            }
            if (members.Count != t.Files.Count || members.Count == 0)
            {
                if (!diagnostics.HasErrors) Fail(cardPath, $"target {t.Name} lists no booster file");
                return null;
            }
            loaded[t.Name] = new MemberSet(members, t.IntervalScale, t.SpreadFloor);
        }
        return new LearnedCostModel(card, folder, loaded, host);
    }

    /// <inheritdoc/>
    public IReadOnlyList<CostPrediction> Predict(IReadOnlyList<IReadOnlyList<Operation>> kernels)
    {
        var featurizer = Featurizer.Default;
        int columns = featurizer.Schema.Count;
        var data = new float[kernels.Count * columns];
        var work = new WorkEstimate[kernels.Count];
        Parallel.For(0, kernels.Count, i =>
        {
            work[i] = featurizer.FeaturizeWithWork(kernels[i], data.AsSpan(i * columns, columns));
        });
        if (!DeduplicateRows) return PredictFeatures(new FeatureMatrix(data, kernels.Count, columns), work);
        var (unique, firstOf) = DistinctRows(data, work, columns);
        if (unique.Length == kernels.Count) return PredictFeatures(new FeatureMatrix(data, kernels.Count, columns), work);
        var compact = new float[unique.Length * columns];
        var compactWork = new WorkEstimate[unique.Length];
        for (int u = 0; u < unique.Length; u++)
        {
            data.AsSpan(unique[u] * columns, columns).CopyTo(compact.AsSpan(u * columns, columns));
            compactWork[u] = work[unique[u]];
        }
        var predicted = PredictFeatures(new FeatureMatrix(compact, unique.Length, columns), compactWork);
        var result = new CostPrediction[kernels.Count];
        for (int i = 0; i < kernels.Count; i++) result[i] = predicted[firstOf[i]];
        return result;
    }

    /// <summary>
    /// Whether <see cref="Predict"/> predicts each distinct feature row of a batch once (default true). Rows are equal
    /// when their bits are (NaN included), so the result is the same as without it; only the time differs. Real models
    /// repeat kernels (a transformer's layers, a ResNet's stages), and a planner costs the same candidate kernel often.
    /// Rows count as equal only when their work estimates are equal too.
    /// </summary>
    public bool DeduplicateRows { get; set; } = true;

    // The distinct rows (index of each one's first occurrence) and, per row, the index of its distinct row.
    private static (int[] Unique, int[] FirstOf) DistinctRows(float[] data, WorkEstimate[] work, int columns)
    {
        int rows = work.Length;
        var comparer = new RowComparer(data, work, columns);
        var seen = new Dictionary<int, int>(rows, comparer);
        var unique = new List<int>();
        var firstOf = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            if (!seen.TryGetValue(i, out int u))
            {
                u = unique.Count;
                seen.Add(i, u);
                unique.Add(i);
            }
            firstOf[i] = u;
        }
        return ([.. unique], firstOf);
    }

    // Rows are the same kernel for prediction when their features and their work estimates (which map labels back to values) are equal.
    private sealed class RowComparer(float[] data, WorkEstimate[] work, int columns) : IEqualityComparer<int>
    {
        private ReadOnlySpan<byte> Bytes(int row) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan(row * columns, columns));

        public bool Equals(int a, int b) => Bytes(a).SequenceEqual(Bytes(b)) && work[a].Equals(work[b]);

        public int GetHashCode(int row)
        {
            var hash = new HashCode();
            hash.AddBytes(Bytes(row));
            hash.Add(work[row]);
            return hash.ToHashCode();
        }
    }

    /// <summary>Predicts featurized kernels (for evaluation on a dataset).</summary>
    /// <param name="features">One row per kernel.</param>
    /// <param name="work">The kernels' work, same order.</param>
    public IReadOnlyList<CostPrediction> PredictFeatures(FeatureMatrix features, IReadOnlyList<WorkEstimate> work)
    {
        var (latency, low, high) = targets[TargetMetric.Latency.Name].PredictValues(features, TargetMetric.Latency, work);
        var others = targets.Where(t => t.Key != TargetMetric.Latency.Name)
            .Select(t => (t.Key, t.Value.PredictValues(features, TargetMetric.Named(t.Key)!, work).Mean)).ToList();
        var result = new CostPrediction[features.Rows];
        for (int i = 0; i < features.Rows; i++)
        {
            var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (name, values) in others) metrics[name] = values[i];
            string bound = roofline?.Estimate(work[i]).Bound ?? (work[i].ArithmeticIntensity >= 1 ? "compute" : "memory");
            result[i] = new CostPrediction(latency[i], low[i], high[i], metrics, work[i], bound, OutOfRange(features.Row(i)));
        }
        return result;
    }

    private IReadOnlyList<string> OutOfRange(ReadOnlySpan<float> row)
    {
        List<string>? outside = null;
        foreach (var (column, name, lo, hi) in ranges)
        {
            float v = row[column];
            if (float.IsNaN(v)) continue;
            double slack = 1e-6 * Math.Max(1, Math.Abs(hi - lo));
            if (v < lo - slack || v > hi + slack) (outside ??= new List<string>()).Add(name);
        }
        return outside ?? (IReadOnlyList<string>)Array.Empty<string>();
    }

    /// <summary>
    /// Reads one booster file: checks it against the card's SHA-256 and compiles it (or takes the compiled forest cached
    /// under that hash, see <see cref="ForestCache"/>). Returns the forest, or what is wrong with the file.
    /// </summary>
    private static (CompiledForest? Forest, string? Problem) LoadMember(string path, string? expectedSha256, int featureCount)
    {
        try
        {
            byte[] gz = File.ReadAllBytes(path);
            string sha = Convert.ToHexStringLower(SHA256.HashData(gz));
            if (expectedSha256 is not null && sha != expectedSha256)
            {
                return (null, "SHA-256 differs from the model card: the file was changed or belongs to another training run");
            }
            // Prediction walks the trees in managed code; the native booster is not needed (nor loaded) for it.
            var forest = ForestCache.GetOrCompile(sha, () => CompiledForest.FromXgboostJson(Gunzip(gz)));
            if (forest.FeatureCount != featureCount)
            {
                return (null, $"the booster reads {forest.FeatureCount} features, the card and this hwopt {featureCount}");
            }
            return (forest, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return (null, e is FileNotFoundException ? "missing (listed in the model card)" : "corrupt: " + e.Message);
        }
    }

    private static byte[] Gunzip(byte[] gz)
    {
        using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // Nothing native is held any more (the forests are managed arrays); kept so that callers' using blocks stay valid.
    }
}
