using System.Globalization;

namespace HwOpt.CostModel.Learning;

/// <summary>Training parameters of one gradient-boosted tree model (XGBoost names in brackets).</summary>
/// <param name="MaxDepth">Maximum tree depth [<c>max_depth</c>], ≥ 0 (0 = unlimited, only with a loss-guided policy).</param>
/// <param name="LearningRate">Shrinkage per round [<c>eta</c>], in (0, 1].</param>
/// <param name="MaxRounds">Most boosting rounds (one tree each for regression), ≥ 1.</param>
/// <param name="EarlyStoppingRounds">Stop when validation RMSE has not improved for this many rounds, ≥ 1; only with validation data.</param>
/// <param name="Subsample">Fraction of rows sampled per tree [<c>subsample</c>], in (0, 1].</param>
/// <param name="ColsampleByTree">Fraction of columns sampled per tree [<c>colsample_bytree</c>], in (0, 1].</param>
/// <param name="MinChildWeight">Minimum hessian sum in a leaf [<c>min_child_weight</c>], ≥ 0 (rows, for squared error).</param>
/// <param name="Lambda">L2 regularization of leaf weights [<c>lambda</c>], ≥ 0.</param>
/// <param name="Alpha">L1 regularization of leaf weights [<c>alpha</c>], ≥ 0.</param>
/// <param name="Seed">Random seed for row and column sampling [<c>seed</c>].</param>
/// <param name="Threads">OpenMP threads for training and prediction [<c>nthread</c>], ≥ 1. Results are reproducible for a fixed value.</param>
/// <param name="Objective">Learning objective [<c>objective</c>], e.g. <c>reg:squarederror</c>.</param>
/// <param name="TreeMethod">Tree construction algorithm [<c>tree_method</c>], e.g. <c>hist</c> or <c>exact</c>.</param>
/// <param name="MaxBin">Histogram bins per feature for <c>hist</c> [<c>max_bin</c>], ≥ 2.</param>
public sealed record BoosterParameters(
    int MaxDepth = 8,
    double LearningRate = 0.05,
    int MaxRounds = 2000,
    int EarlyStoppingRounds = 50,
    double Subsample = 0.8,
    double ColsampleByTree = 0.8,
    double MinChildWeight = 1,
    double Lambda = 1,
    double Alpha = 0,
    int Seed = 0,
    int Threads = 2,
    string Objective = "reg:squarederror",
    string TreeMethod = "hist",
    int MaxBin = 256)
{
    /// <summary>Checks every range documented on the record.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its documented range.</exception>
    /// <exception cref="ArgumentException"><see cref="Objective"/> or <see cref="TreeMethod"/> is empty.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxDepth);
        if (!(LearningRate > 0 && LearningRate <= 1)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "must be in (0, 1]");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRounds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(EarlyStoppingRounds, 1);
        if (!(Subsample > 0 && Subsample <= 1)) throw new ArgumentOutOfRangeException(nameof(Subsample), Subsample, "must be in (0, 1]");
        if (!(ColsampleByTree > 0 && ColsampleByTree <= 1)) throw new ArgumentOutOfRangeException(nameof(ColsampleByTree), ColsampleByTree, "must be in (0, 1]");
        if (!(MinChildWeight >= 0)) throw new ArgumentOutOfRangeException(nameof(MinChildWeight), MinChildWeight, "must be ≥ 0");
        if (!(Lambda >= 0)) throw new ArgumentOutOfRangeException(nameof(Lambda), Lambda, "must be ≥ 0");
        if (!(Alpha >= 0)) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "must be ≥ 0");
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(Objective);
        ArgumentException.ThrowIfNullOrWhiteSpace(TreeMethod);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBin, 2);
    }

    /// <summary>
    /// The <c>XGBoosterSetParam</c> pairs, in a fixed order. Always adds <c>eval_metric=rmse</c> (the curve and
    /// early stopping use it), <c>verbosity=0</c> and <c>validate_parameters=1</c>.
    /// </summary>
    internal IReadOnlyList<(string Name, string Value)> ToXgbParameters() =>
    [
        ("validate_parameters", "1"),
        ("verbosity", "0"),
        ("nthread", Format(Threads)),
        ("seed", Format(Seed)),
        ("objective", Objective),
        ("tree_method", TreeMethod),
        ("max_bin", Format(MaxBin)),
        ("max_depth", Format(MaxDepth)),
        ("eta", Format(LearningRate)),
        ("subsample", Format(Subsample)),
        ("colsample_bytree", Format(ColsampleByTree)),
        ("min_child_weight", Format(MinChildWeight)),
        ("lambda", Format(Lambda)),
        ("alpha", Format(Alpha)),
        ("eval_metric", "rmse"),
    ];

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
