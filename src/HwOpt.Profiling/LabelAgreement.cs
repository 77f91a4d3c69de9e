namespace HwOpt.Profiling;

/// <summary>Agreement of the latency labels of one op kind (or of all kernels) between two measurements.</summary>
/// <param name="Key">The op kind (first op of the kernel), or <c>all</c>.</param>
/// <param name="Kernels">Kernels measured <c>ok</c> in both datasets.</param>
/// <param name="Within5">Share (0-1) whose two medians differ by at most 5 % (ratio in [0.95, 1.05]).</param>
/// <param name="Within10">Share within 10 %.</param>
/// <param name="Within20">Share within 20 %.</param>
/// <param name="RatioQuantiles">Quantiles 5, 25, 50, 75 and 95 % of first median / second median.</param>
public sealed record LabelAgreementRow(string Key, int Kernels, double Within5, double Within10, double Within20, IReadOnlyList<double> RatioQuantiles);

/// <summary>
/// How reproducible the measured latency is: the same kernels (same <c>kernel_id</c>) measured twice, e.g. the
/// committed dataset and a second <c>hwopt profile</c> of the same models in other batches. The share within
/// +-10 % here is the ceiling of what any cost model can score within +-10 % against these labels.
/// </summary>
public static class LabelAgreement
{
    /// <summary>Compares the <c>latency_ns_median</c> of kernels measured <c>ok</c> (and &gt; 0 ns) in both.</summary>
    /// <param name="first">Rows of the first dataset.</param>
    /// <param name="second">Rows of the second dataset.</param>
    /// <param name="perOpKinds">How many op kinds (the most frequent) get a row of their own after the <c>all</c> row.</param>
    /// <returns>The <c>all</c> row first, then one row per op kind by decreasing count (ties by name); an empty
    /// list when no kernel is in both.</returns>
    public static IReadOnlyList<LabelAgreementRow> Compare(IEnumerable<MeasurementRow> first, IEnumerable<MeasurementRow> second, int perOpKinds = 15)
    {
        var other = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var r in second)
        {
            if (r.Status == "ok" && r.LatencyMedianNs is > 0 and var v) other.TryAdd(r.KernelId, v);
        }
        var pairs = new List<(string Op, double Ratio)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in first)
        {
            if (r.Status != "ok" || r.LatencyMedianNs is not > 0 || !other.TryGetValue(r.KernelId, out var b) || !seen.Add(r.KernelId)) continue;
            pairs.Add((r.OpNames.Split(' ')[0], r.LatencyMedianNs.Value / b));
        }
        if (pairs.Count == 0) return [];
        var rows = new List<LabelAgreementRow> { Row("all", pairs.Select(p => p.Ratio)) };
        rows.AddRange(pairs.GroupBy(p => p.Op, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(perOpKinds)
            .Select(g => Row(g.Key, g.Select(p => p.Ratio))));
        return rows;
    }

    private static LabelAgreementRow Row(string key, IEnumerable<double> ratios)
    {
        var r = ratios.Order().ToArray();
        double Share(double band) => r.Count(x => x >= 1 - band && x <= 1 + band) / (double)r.Length;
        double Q(double q) => r[(int)Math.Min(r.Length - 1, Math.Floor(q * r.Length))];
        return new LabelAgreementRow(key, r.Length, Share(0.05), Share(0.10), Share(0.20), [Q(0.05), Q(0.25), Q(0.5), Q(0.75), Q(0.95)]);
    }
}
