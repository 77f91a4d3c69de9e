using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using HwOpt.CostModel.Model;

namespace HwOpt.CostModel.Training;

/// <summary>
/// The result of <see cref="FamilyCrossValidation.Run"/> with what produced it, as written by <c>hwopt train --cv family</c>:
/// <c>cv-family.json</c>, <c>cv-family.md</c> and <c>cv-family.csv.gz</c> (per kernel). Holds no wall-clock time, so the same data and settings give the same files.
/// </summary>
/// <param name="Dataset">Dataset file name.</param>
/// <param name="DatasetSha256">SHA-256 of the dataset file.</param>
/// <param name="FeatureVersion">Feature schema version.</param>
/// <param name="HyperParameters">Hyper-parameters, as the model card names them.</param>
/// <param name="Command">The command line.</param>
/// <param name="Results">Per held-out family, then pooled.</param>
public sealed record FamilyCrossValidationReport(
    string Dataset, string DatasetSha256, string FeatureVersion, IReadOnlyDictionary<string, string> HyperParameters, string Command, IReadOnlyList<FamilyResult> Results)
{
    /// <summary>Every held-out kernel's prediction, fold by fold (in <see cref="Csv"/>, not in <see cref="ToJson"/>).</summary>
    [JsonIgnore]
    public IReadOnlyList<HeldOutPrediction> Predictions { get; init; } = [];

    /// <summary><see cref="Csv"/> as UTF-8, gzip-compressed: the bytes of <c>cv-family.csv.gz</c>.</summary>
    public byte[] CsvGzip() => Trainer.Gzip(Encoding.UTF8.GetBytes(Csv()));

    /// <summary>The held-out predictions as CSV: kernel_id, family, op, measured_ns, predicted_ns, roofline_ns, ratio (predicted / measured).</summary>
    public string Csv()
    {
        var sb = new StringBuilder("kernel_id,family,op,measured_ns,predicted_ns,roofline_ns,ratio\n");
        foreach (var p in Predictions)
        {
            sb.Append(p.KernelId).Append(',').Append(p.Family).Append(',').Append(p.Op).Append(',')
              .Append(p.MeasuredNs.ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(p.PredictedNs.ToString("G6", CultureInfo.InvariantCulture)).Append(',')
              .Append(p.RooflineNs is { } r ? r.ToString("G6", CultureInfo.InvariantCulture) : "").Append(',')
              .Append((p.PredictedNs / p.MeasuredNs).ToString("0.###", CultureInfo.InvariantCulture)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The report as indented JSON (snake_case names, as the model card).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, CostModelJson.Default.FamilyCrossValidationReport) + "\n";

    /// <summary>The report as Markdown: one table row per held-out family and the pooled row, learned model beside the roofline baseline.</summary>
    public string Markdown()
    {
        var sb = new StringBuilder();
        sb.Append("# Leave-one-family-out cross-validation of latency_ns\n\n");
        sb.Append("Each architecture family in turn is left out of training (single-op sweeps always train) and every one of its kernels is predicted; ")
          .Append("`pooled` is over the held-out predictions of all folds. The roofline baseline is evaluated on the same rows (kernels it cannot estimate are skipped).\n\n");
        sb.Append("- Dataset: `").Append(Dataset).Append("`, SHA-256 `").Append(DatasetSha256).Append("`; features version `").Append(FeatureVersion).Append("`\n");
        sb.Append("- Hyper-parameters: ").Append(string.Join(", ", HyperParameters.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"`{h.Key}` {h.Value}"))).Append('\n');
        sb.Append("- Command: `").Append(Command).Append("`\n\n");
        sb.Append("| held-out family | n | within ±10 % | within ±20 % | MAPE % | median APE % | Spearman | roofline n | roofline within ±10 % | roofline within ±20 % | roofline MAPE % | roofline Spearman | best rounds |\n");
        sb.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        foreach (var r in Results)
        {
            var m = r.Learned;
            sb.Append("| ").Append(r.Family).Append(" | ").Append(m.N.ToString(CultureInfo.InvariantCulture)).Append(" | ")
              .Append(Percent(m.Within10)).Append(" | ").Append(Percent(m.Within20)).Append(" | ").Append(F(m.Mape, "0.0")).Append(" | ")
              .Append(F(m.MedianApe, "0.0")).Append(" | ").Append(F(m.Spearman, "0.000")).Append(" | ");
            if (r.Roofline is { } b)
            {
                sb.Append(b.N.ToString(CultureInfo.InvariantCulture)).Append(" | ").Append(Percent(b.Within10)).Append(" | ").Append(Percent(b.Within20)).Append(" | ")
                  .Append(F(b.Mape, "0.0")).Append(" | ").Append(F(b.Spearman, "0.000")).Append(" | ");
            }
            else
            {
                sb.Append("- | - | - | - | - | ");
            }
            sb.Append(r.BestIterations.Count == 0 ? "-" : string.Join("/", r.BestIterations)).Append(" |\n");
        }
        return sb.ToString();
    }

    private static string F(double v, string format) => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Percent(double share) => double.IsFinite(share) ? (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "-";
}
