using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace HwOpt.CostModel;

/// <summary>Pictures drawn with gnuplot (Debian <c>gnuplot</c>); without it, the data and script files are still written.</summary>
public static class Plots
{
    /// <summary>
    /// A log-log predicted-vs-measured scatter (one series per model, the y = x line and the ±10 % band), written as
    /// <c>PREFIX.png</c> and <c>PREFIX.svg</c>, with the data (<c>PREFIX.dat</c>) and script (<c>PREFIX.gp</c>) beside.
    /// </summary>
    /// <param name="prefix">Output path without extension.</param>
    /// <param name="title">Plot title.</param>
    /// <param name="measured">Measured values, ns.</param>
    /// <param name="series">Named predictions, each the length of <paramref name="measured"/>.</param>
    /// <returns>The files written; the message says why pictures are missing, or is empty.</returns>
    public static (IReadOnlyList<string> Files, string Message) PredictedVsMeasured(string prefix, string title, IReadOnlyList<double> measured, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series)
    {
        var dat = new StringBuilder("# measured_ns");
        foreach (var s in series) dat.Append(' ').Append(s.Name.Replace(' ', '_'));
        dat.Append('\n');
        for (int i = 0; i < measured.Count; i++)
        {
            dat.Append(measured[i].ToString("R", CultureInfo.InvariantCulture));
            foreach (var s in series) dat.Append(' ').Append(double.IsFinite(s.Values[i]) ? s.Values[i].ToString("R", CultureInfo.InvariantCulture) : "NaN");
            dat.Append('\n');
        }
        File.WriteAllText(prefix + ".dat", dat.ToString());
        string name = Path.GetFileName(prefix);
        var plot = new StringBuilder();
        plot.Append("set logscale xy\nset format x '10^{%L}'\nset format y '10^{%L}'\nset xlabel 'measured latency (ns)'\nset ylabel 'predicted latency (ns)'\n");
        plot.Append("set key top left\nset grid\nset title '").Append(title.Replace("'", "")).Append("'\n");
        plot.Append("plot ");
        for (int k = 0; k < series.Count; k++)
        {
            plot.Append('\'').Append(name).Append(".dat' using 1:").Append(k + 2).Append(" with points pt 7 ps 0.4 title '").Append(series[k].Name).Append("', ");
        }
        plot.Append("x with lines lc rgb 'black' title 'y = x', 1.1*x with lines dt 2 lc rgb 'gray' title '±10 %', 0.9*x with lines dt 2 lc rgb 'gray' notitle\n");
        string script = "set terminal pngcairo size 900,700\nset output '" + name + ".png'\n" + plot + "set terminal svg size 900,700 dynamic\nset output '" + name + ".svg'\nreplot\n";
        File.WriteAllText(prefix + ".gp", script);
        var files = new List<string> { prefix + ".dat", prefix + ".gp" };
        string dir = Path.GetDirectoryName(Path.GetFullPath(prefix))!;
        try
        {
            var psi = new ProcessStartInfo("gnuplot", name + ".gp") { WorkingDirectory = dir, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            using var p = Process.Start(psi)!;
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit(60_000);
            if (p.ExitCode != 0) return (files, "gnuplot failed: " + err.Trim());
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (files, "gnuplot is not installed (Debian package gnuplot; scripts/setup.sh installs it): wrote the data and the script only");
        }
        files.Add(prefix + ".png");
        files.Add(prefix + ".svg");
        return (files, "");
    }
}
