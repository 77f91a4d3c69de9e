using System.Text;
using HwOpt.Diagnostics;

namespace HwOpt.Cli;

/// <summary>Writes results to stdout or to a file (atomically, via a temporary file); never over an input.</summary>
internal static class OutputWriter
{
    public static bool Write(string? output, IReadOnlyCollection<string> inputs, string text, DiagnosticBag diagnostics)
    {
        if (output is null or "-")
        {
            using var stdout = Console.OpenStandardOutput();
            var bytes = new UTF8Encoding(false).GetBytes(text);
            stdout.Write(bytes, 0, bytes.Length);
            return true;
        }
        if (output == "/dev/null") return true;
        string full = Path.GetFullPath(output);
        if (inputs.Any(i => i != "-" && string.Equals(Path.GetFullPath(i), full, StringComparison.Ordinal)))
        {
            diagnostics.Report(DiagnosticIds.CannotWriteOutput, default, $"refusing to overwrite the input file '{output}'");
            return false;
        }
        string temp = full + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            File.WriteAllText(temp, text, new UTF8Encoding(false));
            File.Move(temp, full, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            diagnostics.Report(DiagnosticIds.CannotWriteOutput, default, $"cannot write '{output}': {e.Message}");
            return false;
        }
    }

    public static void PrintDiagnostics(IEnumerable<Diagnostic> diagnostics)
    {
        var stderr = Console.Error;
        foreach (var d in diagnostics) stderr.WriteLine(DiagnosticFormatter.Format(d));
    }
}
