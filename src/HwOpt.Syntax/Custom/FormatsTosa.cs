using HwOpt.IR;

namespace HwOpt.Syntax.Custom;

/// <summary>
/// Formats of the tosa dialect (MLIR 19): almost every op is <c>operands attr-dict : functional-type(operands, results)</c>;
/// tosa.cond_if and tosa.while_loop use the scf.if / scf.while readers; tosa.const has no custom form.
/// </summary>
internal static class TosaFormats
{
    /// <summary><c>%a, %b, ... [attrs] : (T, ...) -&gt; R</c>; also serves other dialects' ops of this format.</summary>
    public static Operation Functional(OpReader r, OpEntry e)
    {
        var uses = r.ValueList();
        var attrs = r.Dict();
        if (r.ColonType() is not FunctionType fn || fn.Inputs.Count != uses.Count) throw OpReader.Mismatch("expected the operands' function type");
        r.ExpectEnd();
        return r.Create(r.Name, fn.Results, r.UseAll(uses, fn.Inputs), attributes: attrs);
    }

    /// <summary>Ops that MLIR 19 only writes in generic form: their custom spelling is read in tolerant mode.</summary>
    public static Operation GenericOnly(OpReader r, OpEntry e) => throw OpReader.Mismatch($"'{r.Name}' has no custom form in MLIR 19");
}
