using System.Security.Cryptography;
using System.Text;

namespace HwOpt.Profiling;

/// <summary>
/// The one lowering pipeline used for ground truth: read from a file whose single non-comment line is an MLIR pass
/// pipeline (<c>cost-models/pipelines/cpu-loops.pipeline</c>). Its SHA-256 is recorded with every measurement.
/// </summary>
/// <param name="Name">File name without extension (e.g. <c>cpu-loops</c>).</param>
/// <param name="Text">The pass pipeline, e.g. <c>builtin.module(...)</c>.</param>
public sealed record LoweringPipeline(string Name, string Text)
{
    /// <summary>Lowercase hex SHA-256 of <see cref="Text"/> (UTF-8).</summary>
    public string Hash { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));

    /// <summary>The pass pipeline that converts TOSA to linalg/arith/tensor, run before <see cref="Text"/> when a kernel has TOSA ops.</summary>
    public const string TosaPrefix = "builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor))";

    /// <summary>Reads a pipeline file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The pipeline.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="InvalidDataException">The file has no pipeline line or more than one.</exception>
    public static LoweringPipeline Load(string path)
    {
        var lines = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        if (lines.Count != 1) throw new InvalidDataException($"{path}: expected exactly one pipeline line, found {lines.Count}");
        return new LoweringPipeline(Path.GetFileNameWithoutExtension(path), lines[0]);
    }

    /// <summary>Finds <c>cost-models/pipelines/cpu-loops.pipeline</c> (see <see cref="CostModelFiles.Find"/>).</summary>
    /// <returns>The path, or null when not found.</returns>
    public static string? FindDefault() => CostModelFiles.Find(Path.Combine("pipelines", "cpu-loops.pipeline"));
}
