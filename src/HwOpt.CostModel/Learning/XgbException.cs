using System.Text.RegularExpressions;

namespace HwOpt.CostModel.Learning;

/// <summary>
/// An XGBoost C API call returned a non-zero code: bad parameters, a corrupt model buffer, mismatched
/// feature counts. <see cref="Exception.Message"/> names the function that failed and gives XGBoost's error text
/// without its timestamp and native backtrace; <see cref="NativeMessage"/> keeps the text unchanged.
/// </summary>
public sealed partial class XgbException : Exception
{
    /// <summary>Creates the exception for a failed call.</summary>
    /// <param name="function">The C API function (or adapter step) that failed, e.g. <c>XGBoosterLoadModelFromBuffer</c>.</param>
    /// <param name="nativeMessage">The text of <c>XGBGetLastError</c>, or the adapter's own explanation.</param>
    public XgbException(string function, string nativeMessage)
        : base($"{function} failed: {Shorten(nativeMessage)}")
    {
        Function = function;
        NativeMessage = nativeMessage;
    }

    /// <summary>The C API function (or adapter step) that failed.</summary>
    public string Function { get; }

    /// <summary>XGBoost's own error text, unchanged (may include a timestamp and a native backtrace).</summary>
    public string NativeMessage { get; }

    private static string Shorten(string text)
    {
        int backtrace = text.IndexOf("Stack trace:", StringComparison.Ordinal);
        if (backtrace >= 0) text = text[..backtrace];
        return Timestamp().Replace(text, "").Trim();
    }

    [GeneratedRegex(@"^\[\d\d:\d\d:\d\d\]\s*")]
    private static partial Regex Timestamp();
}
