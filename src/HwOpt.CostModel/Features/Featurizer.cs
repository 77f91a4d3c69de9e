using HwOpt.Analysis;
using HwOpt.Analysis.Work;
using HwOpt.Diagnostics;
using HwOpt.IR;
using HwOpt.Syntax;

namespace HwOpt.CostModel.Features;

/// <summary>
/// Turns a kernel (the ops of an outlined function body, or a fusion group of a model) into a fixed-length feature
/// vector for the learned cost model: a text channel that treats the ops' generic form like NLP input (hashed
/// unigram and bigram counts of a normalized token stream, after Das and Mannarswamy 2023, "ML-driven Hardware Cost
/// Model for MLIR") and numeric channels (structure, traits, types, shapes, window attributes, body-op classes, the
/// dialect-derived work estimate, the compute type). Names and meanings: <see cref="Schema"/> and
/// <c>cost-models/FEATURES.md</c>. Deterministic (fixed hash, no process randomness) and thread-safe: per-thread
/// scratch buffers, so a call allocates only what the work estimate returns.
/// </summary>
public sealed class Featurizer
{
    [ThreadStatic] private static FeaturizerScratch? scratch;

    /// <summary><c>MathF.Log(1 + n)</c> for the small counts text buckets hold (the same values, looked up).</summary>
    private static readonly float[] LogOnePlus = Enumerable.Range(0, 1024).Select(n => MathF.Log(1 + n)).ToArray();

    /// <summary>Creates a featurizer with the default (and only) layout.</summary>
    public Featurizer()
    {
        Schema = new FeatureSchema(FeatureLayout.Channels, FeatureLayout.VersionConstants);
    }

    /// <summary>A shared instance.</summary>
    public static Featurizer Default { get; } = new();

    /// <summary>The names and order of the features.</summary>
    public FeatureSchema Schema { get; }

    /// <summary>Writes the features of a kernel body into <paramref name="destination"/>.</summary>
    /// <param name="ops">
    /// The body's ops in program order: every op of the outlined function except <c>func.func</c> and
    /// <c>func.return</c> (ops nested in regions are reached through their parent), all in one block.
    /// </param>
    /// <param name="destination">Receives <see cref="FeatureSchema.Count"/> values (NaN marks a missing value).</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    public void Featurize(IReadOnlyList<Operation> ops, Span<float> destination) => FeaturizeWithWork(ops, destination);

    /// <summary>
    /// Writes the features of a kernel body into <paramref name="destination"/> (see
    /// <see cref="Featurize(IReadOnlyList{Operation}, Span{float})"/>) and returns the work estimate the work channel was
    /// made from (<see cref="WorkEstimator.EstimateGroup"/> of <paramref name="ops"/>), for callers that need both.
    /// </summary>
    internal WorkEstimate FeaturizeWithWork(IReadOnlyList<Operation> ops, Span<float> destination)
    {
        if (destination.Length != Schema.Count)
        {
            throw new ArgumentException($"destination holds {destination.Length} values; the schema has {Schema.Count}", nameof(destination));
        }
        var s = scratch ??= new FeaturizerScratch();
        s.Tokens.Reset();
        TextChannel.Emit(ops, s.Tokens);
        destination.Clear();
        var counts = s.Tokens.Counts;
        var text = destination.Slice(FeatureLayout.TextOffset, counts.Length);
        var logs = LogOnePlus;
        foreach (int b in s.Tokens.Touched)
        {
            int c = counts[b];
            text[b] = c < logs.Length ? logs[c] : MathF.Log(1 + c);
        }

        return NumericChannels.Fill(ops, destination, s);
    }

    /// <summary>The features of a kernel body as a new array (see <see cref="Featurize(IReadOnlyList{Operation}, Span{float})"/>).</summary>
    /// <param name="ops">The body's ops in program order.</param>
    /// <returns><see cref="FeatureSchema.Count"/> values.</returns>
    public float[] Featurize(IReadOnlyList<Operation> ops)
    {
        var values = new float[Schema.Count];
        Featurize(ops, values);
        return values;
    }

    /// <summary>
    /// Parses a dataset kernel (the <c>kernel_mlir</c> column: one generic-form <c>func.func</c>) and returns its body
    /// ops: the ops of the function's entry block except its terminator.
    /// </summary>
    /// <param name="kernelMlir">The kernel text.</param>
    /// <returns>The body ops, in program order.</returns>
    /// <exception cref="FormatException">The text does not parse (the message is the first error diagnostic) or holds no function.</exception>
    public static IReadOnlyList<Operation> KernelBody(string kernelMlir)
    {
        var result = MlirParser.Parse(new SourceText("kernel.mlir", kernelMlir));
        if (result.HasErrors || result.Module is null)
        {
            var first = result.Diagnostics.FirstOrDefault(d => d.IsError);
            throw new FormatException(first is null ? "kernel text did not parse" : DiagnosticFormatter.Format(first, withSourceLine: false));
        }
        var function = DataflowGraphBuilder.FunctionLikeOps(result.Module.Root).FirstOrDefault()
            ?? throw new FormatException("kernel text holds no function");
        if (function.Regions.Count == 0 || function.Regions[0].Blocks.Count == 0) return Array.Empty<Operation>();
        var body = new List<Operation>();
        foreach (var op in function.Regions[0].Blocks[0].Operations)
        {
            if (!DialectTraits.Has(op.Name, "terminator")) body.Add(op);
        }
        return body;
    }
}
