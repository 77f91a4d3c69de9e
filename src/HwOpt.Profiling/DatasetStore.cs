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
        csv.WriteRecords(rows);
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
            csv.WriteRecords(rows);
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
            return csv.GetRecords<MeasurementRow>().ToList();
        }
        catch (Exception e) when (e is CsvHelperException or InvalidDataException)
        {
            throw new InvalidDataException($"{path}: not a measurement dataset: {Reason(e)}", e);
        }
    }

    /// <summary>One line saying why a file is not a dataset (CsvHelper's own messages run on with its reader state).</summary>
    private static string Reason(Exception e)
    {
        if (e is HeaderValidationException h)
        {
            var missing = h.InvalidHeaders.Select(x => x.Names[0]).ToList();
            return $"missing column{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? $" and {missing.Count - 5} more" : "")}";
        }
        string first = e.Message.Split('\n', 2)[0].Trim();
        return e is CsvHelperException { Context.Parser: { } parser } ? $"row {parser.Row}: {first}" : first;
    }
}
