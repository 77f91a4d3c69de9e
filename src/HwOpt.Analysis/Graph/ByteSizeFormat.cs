using System.Globalization;

namespace HwOpt.Analysis.Graph;

/// <summary>Human-readable byte sizes with binary units, invariant culture: <c>64 B</c>, <c>1.5 KiB</c>,
/// <c>4 MiB</c>, <c>2.25 GiB</c>; <c>?</c> for unknown (-1).</summary>
internal static class ByteSizeFormat
{
    private static readonly string[] Units = ["KiB", "MiB", "GiB"];

    /// <summary>Formats <paramref name="bytes"/>: below 1024 as an integer count of bytes, otherwise in the
    /// largest unit (up to GiB) not exceeding it, with at most two decimals.</summary>
    public static string Format(long bytes)
    {
        if (bytes < 0)
        {
            return "?";
        }

        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        }

        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString("0.##", CultureInfo.InvariantCulture) + " " + Units[unit];
    }
}
