namespace HwOpt.CostModel;

/// <summary>
/// The cost model: featurizer (op text to feature vectors), the XGBoost adapter and per-metric boosters,
/// the roofline baseline over device profiles, and the model files in <c>cost-models/</c>.
/// </summary>
internal static class AssemblyDoc;
