using System.Globalization;

namespace HwOpt.CostModel.Learning;

/// <summary>
/// Reads the text of <c>XGBoosterEvalOneIter</c>: <c>[round]\ttrain-rmse:0.123\tvalid-rmse:0.456</c>
/// (tab-separated <c>name-metric:value</c>; 1.7 prints round-trip precision).
/// </summary>
internal static class EvalLine
{
    /// <summary>The training RMSE and, when <paramref name="hasValidation"/>, the validation RMSE.</summary>
    /// <exception cref="XgbException">The text does not have the expected entries.</exception>
    public static (double Train, double? Validation) Parse(string line, bool hasValidation)
    {
        double? train = null, valid = null;
        foreach (string token in line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (token.StartsWith("train-rmse:", StringComparison.Ordinal)) train = Number(token, line);
            else if (token.StartsWith("valid-rmse:", StringComparison.Ordinal)) valid = Number(token, line);
        }
        if (train is null || (hasValidation && valid is null))
            throw new XgbException("XGBoosterEvalOneIter", $"unexpected evaluation text '{line}'");
        return (train.Value, valid);
    }

    private static double Number(string token, string line)
    {
        string text = token[(token.LastIndexOf(':') + 1)..];
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) return value;
        if (text.Equals("nan", StringComparison.OrdinalIgnoreCase) || text.Equals("-nan", StringComparison.OrdinalIgnoreCase)) return double.NaN;
        if (text.Equals("inf", StringComparison.OrdinalIgnoreCase)) return double.PositiveInfinity;
        throw new XgbException("XGBoosterEvalOneIter", $"cannot read the number in '{token}' of '{line}'");
    }
}
