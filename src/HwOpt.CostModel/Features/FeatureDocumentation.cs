using System.Globalization;
using System.Text;

namespace HwOpt.CostModel.Features;

/// <summary>
/// Renders <c>cost-models/FEATURES.md</c> from a schema: one section per channel with its description and feature
/// names (the 512 text buckets as a range). A test keeps the committed file in sync with the code.
/// </summary>
internal static class FeatureDocumentation
{
    public static string Render(FeatureSchema schema)
    {
        var sb = new StringBuilder();
        sb.Append("# Cost-model features\n\n");
        sb.Append("Generated from `HwOpt.CostModel.Features.Featurizer.Default.Schema` (do not edit: the test\n");
        sb.Append("`FeatureDocumentationTests` compares this file with the code and rewrites it when run with\n");
        sb.Append("`HWOPT_REGENERATE=1`).\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"- features: **{schema.Count}**\n");
        sb.Append(CultureInfo.InvariantCulture, $"- schema version: `{schema.Version}` (FNV-1a 64 of the tokenizer constants and the names; a model trained\n");
        sb.Append("  with another version is rejected by its loader)\n");
        sb.Append("- input: the ops of a kernel body (an outlined `func.func` without the function and its `func.return`), e.g.\n");
        sb.Append("  `Featurizer.KernelBody(row.kernel_mlir)`; NaN marks a missing value\n\n");
        int index = 0;
        foreach (var channel in schema.Channels)
        {
            int first = index, last = index + channel.Features.Count - 1;
            sb.Append(CultureInfo.InvariantCulture, $"## `{channel.Name}` ({channel.Features.Count} features, indices {first}-{last})\n\n");
            sb.Append(channel.Description).Append("\n\n");
            if (channel.Features.Count > 32)
            {
                sb.Append(CultureInfo.InvariantCulture, $"`{channel.Features[0]}` ... `{channel.Features[^1]}`\n\n");
            }
            else
            {
                sb.Append("| index | name |\n|---|---|\n");
                for (int i = 0; i < channel.Features.Count; i++)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"| {first + i} | `{channel.Features[i]}` |\n");
                }
                sb.Append('\n');
            }
            index += channel.Features.Count;
        }
        return sb.ToString();
    }
}
