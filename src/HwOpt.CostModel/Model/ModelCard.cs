using System.Text.Json;
using System.Text.Json.Serialization;

namespace HwOpt.CostModel.Model;

/// <summary>
/// The model card of a trained cost model (<c>cost-models/MACHINE/model-card.json</c>): what data it was trained on
/// (rows, SHA-256 of the dataset file, splits), on which machine, LLVM version and lowering pipeline that data was
/// measured, the feature schema version, the hyper-parameters, the interval calibration and the held-out metrics.
/// A loader rejects a card whose format or feature version differs from this build.
/// </summary>
public sealed class ModelCard
{
    /// <summary>Version of the card and bundle layout.</summary>
    public const int CurrentFormat = 1;

    /// <summary>Card format.</summary>
    public int Format { get; set; } = CurrentFormat;

    /// <summary>Machine name (folder name, e.g. <c>host-cpu</c>).</summary>
    public string Machine { get; set; } = "";

    /// <summary>CPU model the data was measured on.</summary>
    public string CpuModel { get; set; } = "";

    /// <summary>LLVM version of the ground truth.</summary>
    public string LlvmVersion { get; set; } = "";

    /// <summary>Lowering pipeline name and SHA-256.</summary>
    public string Pipeline { get; set; } = "";

    /// <summary>SHA-256 of the pipeline text.</summary>
    public string PipelineHash { get; set; } = "";

    /// <summary>Dataset file name.</summary>
    public string Dataset { get; set; } = "";

    /// <summary>SHA-256 of the dataset file.</summary>
    public string DatasetSha256 { get; set; } = "";

    /// <summary>Rows with status ok in the dataset; rows used per split.</summary>
    public Dictionary<string, int> Rows { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How the splits were formed.</summary>
    public string Splits { get; set; } = "";

    /// <summary>Feature schema version (<c>Featurizer.Schema.Version</c>) and count.</summary>
    public string FeatureVersion { get; set; } = "";

    /// <summary>Number of features.</summary>
    public int FeatureCount { get; set; }

    /// <summary>XGBoost version used for training.</summary>
    public string XgboostVersion { get; set; } = "";

    /// <summary>Hyper-parameters (XGBoost parameter names).</summary>
    public Dictionary<string, string> HyperParameters { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per target metric: files, members, best iterations, interval calibration, held-out metrics.</summary>
    public List<TargetCard> Targets { get; set; } = new();

    /// <summary>Training range of each numeric feature (name to [min, max]) for the out-of-range check.</summary>
    public Dictionary<string, double[]> FeatureRanges { get; set; } = new(StringComparer.Ordinal);

    /// <summary>UTC time of training and the command.</summary>
    public string TrainedAt { get; set; } = "";

    /// <summary>The command that trained it.</summary>
    public string Command { get; set; } = "";

    /// <summary>Wall time of training, s.</summary>
    public double TrainingSeconds { get; set; }

    /// <summary>The card as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, CostModelJson.Default.ModelCard) + "\n";

    /// <summary>Reads a card.</summary>
    /// <exception cref="JsonException">Not a model card.</exception>
    public static ModelCard FromJson(string json) => JsonSerializer.Deserialize(json, CostModelJson.Default.ModelCard) ?? throw new JsonException("empty model card");
}

/// <summary>
/// The JSON (de)serializers of the model card and the cross-validation report, generated at compile time
/// (System.Text.Json's source generator): no reflection at run time, so the natively compiled CLI reads and writes them.
/// Indented, snake_case names, nulls omitted, NaN and infinities as named literals.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ModelCard))]
[JsonSerializable(typeof(Training.FamilyCrossValidationReport))]
internal sealed partial class CostModelJson : JsonSerializerContext;

/// <summary>One target metric in the model card.</summary>
public sealed class TargetCard
{
    /// <summary>Metric name (<see cref="TargetMetric.Name"/>).</summary>
    public string Name { get; set; } = "";

    /// <summary>What the boosters predict (<see cref="TargetMetric.LabelDefinition"/>); a loader with another definition rejects the card.</summary>
    public string Label { get; set; } = "";

    /// <summary>Booster files (XGBoost JSON, gzip), one per ensemble member.</summary>
    public List<string> Files { get; set; } = new();

    /// <summary>SHA-256 of each file, in order.</summary>
    public List<string> Sha256 { get; set; } = new();

    /// <summary>Best iteration of each member (early stopping).</summary>
    public List<int> BestIterations { get; set; } = new();

    /// <summary>
    /// Split-conformal interval scale: the 90 % quantile, on the validation split, of |log(1+y) - mean| / spread
    /// (spread = the members' standard deviation, floored); the interval is mean ± scale·spread in label space.
    /// </summary>
    public double IntervalScale { get; set; }

    /// <summary>Floor of the spread, label units.</summary>
    public double SpreadFloor { get; set; }

    /// <summary>Held-out metrics by split name (<c>test_family</c>, <c>test_random</c>, <c>validation</c>).</summary>
    public Dictionary<string, AccuracyMetrics> Metrics { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The same metrics for the roofline baseline on the host profile (latency only).</summary>
    public Dictionary<string, AccuracyMetrics>? Baseline { get; set; }

    /// <summary>RMSE (label units) of the first member per round: train and validation, every 10th round.</summary>
    public List<double[]>? Curve { get; set; }
}
