using System.Globalization;
using System.IO.Compression;
using CsvHelper;
using CsvHelper.Configuration;

namespace HwOpt.Profiling;

/// <summary>
/// Reads and writes measurement datasets as CSV (CsvHelper), gzip-compressed when the path ends in <c>.gz</c>.
/// While a run is in progress rows are appended to <c>PATH.partial.csv</c> after every batch, so an interrupted run
/// loses at most one batch and <c>--resume</c> skips what is already there; <see cref="Finish"/> writes the final
/// file (old rows first, then new rows, in measurement order) and removes the partial file.
/// </summary>
public sealed class DatasetStore
{
    /// <summary>One column: its names (the first is written; any is read), and how it is read from and written to a row.</summary>
    private sealed record Column(string[] Names, Action<CsvReader, int, MeasurementRow> Read, Action<CsvWriter, MeasurementRow> Write);

    private static Column Col<T>(string name, string alias, Func<MeasurementRow, T> get, Action<MeasurementRow, T> set) =>
        new([name, alias], (csv, i, r) => set(r, csv.GetField<T>(i)!), (csv, r) => csv.WriteField(get(r)));

    /// <summary>
    /// The dataset's columns, in file order: each names MeasurementRow's property (the second name, accepted when
    /// reading). Mapped here, field by field through CsvHelper's type converters, rather than by CsvHelper's
    /// reflection-based class map, which the natively compiled CLI cannot build (it makes generic types at run time).
    /// </summary>
    private static readonly Column[] Columns =
    [
        Col("kernel_id", "KernelId", r => r.KernelId, (r, v) => r.KernelId = v),
        Col("source", "Source", r => r.Source, (r, v) => r.Source = v),
        Col("family", "Family", r => r.Family, (r, v) => r.Family = v),
        Col("op", "OpNames", r => r.OpNames, (r, v) => r.OpNames = v),
        Col("op_count", "OpCount", r => r.OpCount, (r, v) => r.OpCount = v),
        Col("signature", "Signature", r => r.Signature, (r, v) => r.Signature = v),
        Col("element_types", "ElementTypes", r => r.ElementTypes, (r, v) => r.ElementTypes = v),
        Col("argument_bytes", "ArgumentBytes", r => r.ArgumentBytes, (r, v) => r.ArgumentBytes = v),
        Col("status", "Status", r => r.Status, (r, v) => r.Status = v),
        Col("error", "Error", r => r.Error, (r, v) => r.Error = v),
        Col("latency_ns_median", "LatencyMedianNs", r => r.LatencyMedianNs, (r, v) => r.LatencyMedianNs = v),
        Col("latency_ns_min", "LatencyMinNs", r => r.LatencyMinNs, (r, v) => r.LatencyMinNs = v),
        Col("cov", "LatencyCov", r => r.LatencyCov, (r, v) => r.LatencyCov = v),
        Col("samples", "Samples", r => r.Samples, (r, v) => r.Samples = v),
        Col("inner_repeats", "InnerRepeats", r => r.InnerRepeats, (r, v) => r.InnerRepeats = v),
        Col("outliers", "Outliers", r => r.Outliers, (r, v) => r.Outliers = v),
        Col("attempts", "Attempts", r => r.Attempts, (r, v) => r.Attempts = v),
        Col("spills", "Spills", r => r.Spills, (r, v) => r.Spills = v),
        Col("reloads", "Reloads", r => r.Reloads, (r, v) => r.Reloads = v),
        Col("instructions_static", "StaticInstructions", r => r.StaticInstructions, (r, v) => r.StaticInstructions = v),
        Col("code_bytes", "CodeSizeBytes", r => r.CodeSizeBytes, (r, v) => r.CodeSizeBytes = v),
        Col("batch", "Batch", r => r.Batch, (r, v) => r.Batch = v),
        Col("measured_at", "MeasuredAt", r => r.MeasuredAt, (r, v) => r.MeasuredAt = v),
        Col("split_random", "SplitRandom", r => r.SplitRandom, (r, v) => r.SplitRandom = v),
        Col("split_family", "SplitFamily", r => r.SplitFamily, (r, v) => r.SplitFamily = v),
        Col("kernel_mlir", "KernelMlir", r => r.KernelMlir, (r, v) => r.KernelMlir = v),
    ];

    private static readonly CsvConfiguration Config = new(CultureInfo.InvariantCulture) { HasHeaderRecord = true };
    private readonly string path;
    private readonly List<MeasurementRow> existing = new();

    /// <summary>Opens a dataset path; with <paramref name="resume"/>, rows already in it (and in its partial file) are loaded.</summary>
    /// <param name="path">Output path (<c>.csv</c> or <c>.csv.gz</c>).</param>
    /// <param name="resume">Load and keep existing rows.</param>
    /// <param name="retryFailed">When resuming, drop the rows of kernels that failed (any status but <c>ok</c>), so they are measured again.</param>
    /// <exception cref="InvalidDataException">An existing file is not a dataset.</exception>
    public DatasetStore(string path, bool resume, bool retryFailed = false)
    {
        this.path = path;
        var loaded = new List<MeasurementRow>();
        if (resume)
        {
            if (File.Exists(path)) loaded.AddRange(Read(path));
            if (File.Exists(PartialPath)) loaded.AddRange(Read(PartialPath));
        }
        if (File.Exists(PartialPath)) File.Delete(PartialPath);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        existing.AddRange(loaded.Where(r => (!retryFailed || r.Status == "ok") && seen.Add(r.KernelId)));
        if (existing.Count > 0) Add(existing);
    }

    private bool partialHasHeader;

    /// <summary>The partial file written during a run.</summary>
    public string PartialPath => path + ".partial.csv";

    /// <summary>Ids of kernels already in the dataset (measured or failed).</summary>
    public IReadOnlySet<string> DoneIds => existing.Select(r => r.KernelId).ToHashSet(StringComparer.Ordinal);

    /// <summary>Rows loaded when resuming.</summary>
    public IReadOnlyList<MeasurementRow> ExistingRows => existing;

    /// <summary>Appends rows to the partial file (flushed, so a crash keeps them).</summary>
    public void Add(IReadOnlyList<MeasurementRow> rows)
    {
        Append(rows, header: !partialHasHeader);
        partialHasHeader = true;
    }

    private void Append(IReadOnlyList<MeasurementRow> rows, bool header)
    {
        using var stream = new FileStream(PartialPath, FileMode.Append, FileAccess.Write);
        using var writer = new StreamWriter(stream);
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = header });
        WriteRows(csv, rows, header);
    }

    /// <summary>Writes the final dataset (all rows of the partial file, plus rows of the old file when resuming) and deletes the partial file.</summary>
    /// <returns>All rows written.</returns>
    public IReadOnlyList<MeasurementRow> Finish()
    {
        var rows = new List<MeasurementRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var source = File.Exists(PartialPath) ? Read(PartialPath) : existing;
        foreach (var r in source)
        {
            if (seen.Add(r.KernelId)) rows.Add(r);
        }
        Write(path, rows);
        if (File.Exists(PartialPath)) File.Delete(PartialPath);
        return rows;
    }

    /// <summary>Writes rows to a CSV file (gzip when the path ends in <c>.gz</c>), atomically (temp file + rename).</summary>
    public static void Write(string path, IEnumerable<MeasurementRow> rows)
    {
        string temp = path + ".tmp";
        using (var file = File.Create(temp))
        using (Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionLevel.SmallestSize) : file)
        using (var writer = new StreamWriter(stream))
        using (var csv = new CsvWriter(writer, Config))
        {
            WriteRows(csv, rows, header: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads a dataset file (CSV, or gzip-compressed CSV when the path ends in <c>.gz</c>).</summary>
    /// <exception cref="InvalidDataException">The file is not a dataset.</exception>
    public static List<MeasurementRow> Read(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var reader = new StreamReader(stream);
            using var csv = new CsvReader(reader, Config);
            return ReadRows(csv);
        }
        catch (Exception e) when (e is CsvHelperException or InvalidDataException)
        {
            throw new InvalidDataException($"{path}: not a measurement dataset: {Reason(e)}", e);
        }
    }

    /// <summary>Writes the header (when asked) and one record per row, each field through CsvHelper's type converter for its type.</summary>
    private static void WriteRows(CsvWriter csv, IEnumerable<MeasurementRow> rows, bool header)
    {
        if (header)
        {
            foreach (var c in Columns) csv.WriteField(c.Names[0]);
            csv.NextRecord();
        }
        foreach (var row in rows)
        {
            foreach (var c in Columns) c.Write(csv, row);
            csv.NextRecord();
        }
    }

    /// <summary>Reads the header, finds each column by either of its names (in any order), then reads every record.</summary>
    /// <exception cref="InvalidDataException">A column is missing from the header.</exception>
    /// <exception cref="CsvHelperException">A record is short or a field does not convert.</exception>
    private static List<MeasurementRow> ReadRows(CsvReader csv)
    {
        var rows = new List<MeasurementRow>();
        if (!csv.Read()) return rows;
        csv.ReadHeader();
        var index = new int[Columns.Length];
        var missing = new List<string>();
        for (int k = 0; k < Columns.Length; k++)
        {
            index[k] = csv.GetFieldIndex(Columns[k].Names, 0, isTryGet: true);
            if (index[k] < 0) missing.Add(Columns[k].Names[0]);
        }
        if (missing.Count > 0) throw new InvalidDataException(MissingColumns(missing));
        while (csv.Read())
        {
            var row = new MeasurementRow();
            for (int k = 0; k < Columns.Length; k++) Columns[k].Read(csv, index[k], row);
            rows.Add(row);
        }
        return rows;
    }

    private static string MissingColumns(List<string> missing) =>
        $"missing column{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? $" and {missing.Count - 5} more" : "")}";

    /// <summary>One line saying why a file is not a dataset (CsvHelper's own messages run on with its reader state).</summary>
    private static string Reason(Exception e)
    {
        string first = e.Message.Split('\n', 2)[0].Trim();
        return e is CsvHelperException { Context.Parser: { } parser } ? $"row {parser.Row}: {first}" : first;
    }
}
