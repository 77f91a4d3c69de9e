using System.Security.Cryptography;
using System.Text;
using HwOpt.IR;

namespace HwOpt.Profiling;

/// <summary>
/// A standalone kernel: one op (or one fusion group of ops) outlined into a function whose arguments are the values
/// the ops use from outside and whose results are the values used outside (all results, for a single op). Small
/// constants the ops use are cloned into the body. The text is MLIR's generic form; the function is named
/// <c>@kernel</c> in <see cref="Text"/> and renamed per harness.
/// </summary>
/// <param name="Source">Where the ops came from: a model file name, or <c>sweep:NAME</c>.</param>
/// <param name="Family">Architecture family of the source (e.g. <c>cnn</c>, <c>transformer-decoder</c>, <c>sweep</c>).</param>
/// <param name="OpNames">Names of the outlined ops (not the cloned constants), in program order.</param>
/// <param name="ArgumentTypes">Types of the function arguments <c>%in0, %in1, ...</c>.</param>
/// <param name="ResultTypes">Types of the function results.</param>
/// <param name="Body">The function body: generic-form ops and the <c>"func.return"</c>, indented two spaces.</param>
public sealed record Kernel(
    string Source, string Family, IReadOnlyList<string> OpNames, IReadOnlyList<MlirType> ArgumentTypes,
    IReadOnlyList<MlirType> ResultTypes, string Body)
{
    private string? text;
    private string? id;

    /// <summary>The kernel function in generic form, named <c>@kernel</c>, without harness attributes.</summary>
    public string Text => text ??= FunctionText("kernel", noInline: false);

    /// <summary>Stable identity: the first 16 hex digits of the SHA-256 of <see cref="Text"/>.</summary>
    public string Id => id ??= Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)))[..16];

    /// <summary>The argument and result types, <c>(tensor&lt;..&gt;, ..) -&gt; (..)</c>.</summary>
    public string Signature => new FunctionType(ArgumentTypes, ResultTypes).ToString();

    /// <summary>Distinct element types of the arguments and results (e.g. <c>f32 i8</c>), in first-use order.</summary>
    public IReadOnlyList<string> ElementTypes =>
        ArgumentTypes.Concat(ResultTypes).Select(t => t is ShapedType s ? s.ElementType.ToString() : t.ToString()).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The kernel as a generic-form <c>func.func</c> with the given symbol; with <paramref name="noInline"/> it carries
    /// <c>passthrough = ["noinline"]</c> so that LLVM keeps it a separate function in the harness.
    /// </summary>
    public string FunctionText(string symbol, bool noInline)
    {
        var sb = new StringBuilder();
        sb.Append("\"func.func\"() <{function_type = ").Append(Signature).Append(", sym_name = \"").Append(symbol).Append("\"}> ({\n");
        sb.Append("^bb0(");
        for (int i = 0; i < ArgumentTypes.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append("%in").Append(i).Append(": ").Append(ArgumentTypes[i]);
        }
        sb.Append("):\n").Append(Body).Append("})");
        if (noInline) sb.Append(" {passthrough = [\"noinline\"]}");
        sb.Append(" : () -> ()\n");
        return sb.ToString();
    }
}
