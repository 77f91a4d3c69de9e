namespace HwOpt.CostModel.Features;

/// <summary>Which features the out-of-training-range check watches.</summary>
public static class FeatureChannels
{
    /// <summary>
    /// True for the size and work channels (dims, element counts, FLOPs, bytes, iteration points, arithmetic intensity,
    /// strides, dilations, op count): a value outside the training range means the prediction extrapolates. Hashed text
    /// buckets, flags and one-hot types are not range-checked.
    /// </summary>
    /// <param name="featureName">A name from <see cref="FeatureSchema.Names"/>.</param>
    public static bool IsRangeChecked(string featureName) =>
        featureName.EndsWith("_log2", StringComparison.Ordinal) || featureName is "arithmetic_intensity" or "op_count" or "loop_depth" ||
        featureName.StartsWith("stride_", StringComparison.Ordinal) || featureName.StartsWith("dilation_", StringComparison.Ordinal);
}
