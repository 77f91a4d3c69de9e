using System.Globalization;
using HwOpt.Planning.Fusion;

namespace HwOpt.Planning.Joint;

/// <summary>
/// Turns the chosen (group, format, device) triples into kernels and per-op decisions with reasons: what the kernel
/// fuses, its format and device and predicted latency, and, when a cheaper (format, device) exists for the same group,
/// what kept the planner from it (a pin; the sensitivity budget when that option's Ω would not fit what is left; a
/// binding size or energy budget it would exceed more; a nearly full device memory; else the transfers and casts to its
/// neighbours). Tight budget rows are named as binding.
/// </summary>
internal static class JointExplainer
{
    public static (List<JointKernel> Kernels, SortedDictionary<int, Decision> Decisions) Explain(
        JointProblem p, FusionLegality legality, IReadOnlyList<JointChoice> chosen, Func<int, int, int, bool> allowed, JointTotals totals, JointBudgets budgets)
    {
        var binding = new List<string>();
        if (budgets.Sensitivity > 0 && totals.Sensitivity >= budgets.Sensitivity * (1 - 1e-6)) binding.Add(JointBudgets.SensitivityRow);
        if (budgets.SizeBytes is double s && totals.SizeBytes >= s * (1 - 1e-6)) binding.Add(JointBudgets.SizeRow);
        if (budgets.EnergyJoules is double j && totals.EnergyJoules >= j * (1 - 1e-6)) binding.Add(JointBudgets.EnergyRow);
        double omegaSlack = budgets.Sensitivity - totals.Sensitivity;

        var kernels = new List<JointKernel>();
        var decisions = new SortedDictionary<int, Decision>();
        foreach (var (g, f, d) in chosen.OrderBy(c => p.Groups[c.Group][0]))
        {
            var nodes = p.Groups[g];
            double ns = p.LatencyNs[g][f, d];
            string what = nodes.Length == 1 ? "alone" : F($"{nodes.Length} ops fused ({string.Join(" + ", nodes.Select(legality.Name))})");
            string reason = F($"{what}, {p.Formats[f]} on {p.Ops.Devices[d].Name}: {ns:0.###} ns");
            var cheaper = JointChecks.Choices(p, g).Where(c => p.LatencyNs[g][c.Format, c.Device] < ns - 1e-9)
                .OrderBy(c => p.LatencyNs[g][c.Format, c.Device]).ThenBy(c => c.Format).ThenBy(c => c.Device).Select(c => ((int F, int D)?)c).FirstOrDefault();
            if (cheaper is (int cf, int cd))
            {
                string why = !allowed(g, cf, cd) ? "a pin"
                    : p.GroupOmega(g, cf) - p.GroupOmega(g, f) > omegaSlack + 1e-12 ? "the sensitivity budget"
                    : binding.Contains(JointBudgets.SizeRow) && p.GroupSize(g, cf) > p.GroupSize(g, f) ? "the size budget"
                    : binding.Contains(JointBudgets.EnergyRow) && p.Energy(g, cf, cd) > p.Energy(g, f, d) ? "the energy budget"
                    : cd != d && totals.WeightBytesPerDevice[cd] > 0.9 * p.Ops.Devices[cd].Memory.CapacityBytes ? F($"the memory of {p.Ops.Devices[cd].Name}")
                    : "the transfers and casts it would add at its neighbours";
                reason += F($"; {p.Formats[cf]} on {p.Ops.Devices[cd].Name} would take {p.LatencyNs[g][cf, cd]:0.###} ns but {why} rules it out");
            }
            else reason += "; the fastest option for this group";
            kernels.Add(new JointKernel(nodes, p.KernelIds[g], p.Formats[f].Name, p.Ops.Devices[d].Name, ns, reason + "."));
            bool changed = nodes.Length > 1 || d != p.Ops.Host || (f != 0 && nodes.Any(v => p.Quantizable[v]));
            foreach (int v in nodes)
            {
                string format = p.Formats[p.TypeOf(v, f)].Name;
                string with = nodes.Length == 1 ? "alone" : "fused with " + string.Join(", ", nodes.Where(u => u != v).Select(legality.Name));
                string text = F($"{with} in kernel {p.KernelIds[g]}, computing in {format} on {p.Ops.Devices[d].Name}: {reason}.");
                decisions[v] = changed ? Decision.Accept(text, [.. binding]) : Decision.Reject(text, [.. binding]);
            }
        }
        return (kernels, decisions);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
