using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HwOpt.Profiling;

/// <summary>
/// Where a dataset's numbers come from (written beside it as <c>NAME.provenance.json</c>): machine, toolchain, pipeline,
/// timing settings, what was profiled, the machine-drift series, and how the splits are made.
/// </summary>
public sealed class Provenance
{
    /// <summary>CPU model name from <c>/proc/cpuinfo</c>.</summary>
    public string CpuModel { get; set; } = "";
    /// <summary>Logical CPUs.</summary>
    public int Cores { get; set; }
    /// <summary>CPU the timed processes were pinned to.</summary>
    public int? PinnedCpu { get; set; }
    /// <summary>Kernel (<c>uname -r</c>-like) and OS description.</summary>
    public string Os { get; set; } = "";
    /// <summary>LLVM version of llc.</summary>
    public string LlvmVersion { get; set; } = "";
    /// <summary>Pipeline file name.</summary>
    public string Pipeline { get; set; } = "";
    /// <summary>SHA-256 of the pipeline text.</summary>
    public string PipelineHash { get; set; } = "";
    /// <summary>The pipeline text.</summary>
    public string PipelineText { get; set; } = "";
    /// <summary>How the kernel runs: runner and flags.</summary>
    public string Runner { get; set; } = "";
    /// <summary>How static metrics are obtained.</summary>
    public string StaticMetrics { get; set; } = "";
    /// <summary>Timing settings.</summary>
    public TimingSettings? Timing { get; set; }
    /// <summary>Coefficient-of-variation target and attempts.</summary>
    public string Repetition { get; set; } = "";
    /// <summary>Parallelism choice and why.</summary>
    public string Parallelism { get; set; } = "";
    /// <summary>Inputs profiled (model files, sweeps with counts and seeds).</summary>
    public List<string> Inputs { get; set; } = new();
    /// <summary>How the splits are made.</summary>
    public string Splits { get; set; } = "";
    /// <summary>Run start and end (UTC).</summary>
    public string StartedAt { get; set; } = "";
    /// <summary>Run end (UTC).</summary>
    public string FinishedAt { get; set; } = "";
    /// <summary>Wall-clock seconds of the run (this invocation).</summary>
    public double WallSeconds { get; set; }
    /// <summary>Rows in the dataset, by status.</summary>
    public SortedDictionary<string, int> RowsByStatus { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Drift of the reference kernel per batch (this invocation and earlier ones when resuming).</summary>
    public List<DriftRecord> Drift { get; set; } = new();

    /// <summary>How <see cref="HarnessRunner.Aot"/> (the default) builds and runs a harness at the given LLVM level and CPU.</summary>
    public static string AotRunner(int optLevel = 3, string targetCpu = "native") =>
        $"ahead of time: mlir-translate --mlir-to-llvmir | opt -O{optLevel} -mcpu={targetCpu} | llc -O{optLevel} -mcpu={targetCpu} {string.Join(' ', CodeLayout.LlcFlags)} (assembly) | llvm-mc -filetype=obj, linked by cc with libmlir_c_runner_utils.so.19.1 and libmlir_runner_utils.so.19.1, run as a child process; arguments in page-aligned buffers at a fixed {HarnessBuilder.ArgumentStaggerBytes}-byte stagger; malloc/free of the harness object wrapped to the hwopt kernel arena {KernelArena.SourceHash} (page-aligned blocks at the same stagger, first-fit reuse)";

    /// <summary>The CPU model name of this machine (<c>/proc/cpuinfo</c>), or <c>unknown</c>.</summary>
    public static string ThisCpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    /// <summary>Reads the machine description of this host.</summary>
    public static Provenance ForThisMachine(Toolchain tools, LoweringPipeline pipeline)
    {
        return new Provenance
        {
            CpuModel = ThisCpuModel(),
            Cores = Environment.ProcessorCount,
            Os = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            LlvmVersion = tools.LlvmVersion(),
            Pipeline = pipeline.Name,
            PipelineHash = pipeline.Hash,
            PipelineText = pipeline.Text,
            Runner = AotRunner(),
            StaticMetrics = "mlir-translate --mlir-to-llvmir | opt -O3 -mcpu=native | llc -O3 -mcpu=native " + string.Join(' ', CodeLayout.LlcFlags) + ": Spill/Reload asm comments and instruction lines per kernel function; code size from llvm-nm --print-size of llc -filetype=obj",
            Splits = "random: 80/10/10 by SHA-256(kernel id); family: decoder LMs (gpt2, llama) test, ViT validation, all else (CNNs, BERT, MLPs, sweeps) train",
        };
    }

    /// <summary>Loads a provenance file, or null when it does not exist or cannot be read.</summary>
    public static Provenance? Load(string path)
    {
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize(File.ReadAllText(path), ProvenanceJson.Default.Provenance); }
        catch (JsonException) { return null; }
    }

    /// <summary>Writes the file (indented JSON).</summary>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, ProvenanceJson.Default.Provenance) + "\n");

    /// <summary>UTC now in ISO 8601.</summary>
    public static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}

/// <summary>
/// The JSON (de)serializer of <see cref="Provenance"/>, generated at compile time (System.Text.Json's source generator):
/// no reflection at run time, so the natively compiled CLI reads and writes it. Indented, nulls omitted.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Provenance))]
internal sealed partial class ProvenanceJson : JsonSerializerContext;
