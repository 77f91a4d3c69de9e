using HwOpt.IR;

namespace HwOpt.Syntax.Custom;

/// <summary>
/// The regions MLIR 19 synthesizes for linalg's named structured ops (the OpDSL region builders), built exactly as
/// mlir-opt builds them: one block with an argument per operand's element type, the payload with MLIR's casts
/// (<c>convertScalarToDtype</c>: extf/truncf, extsi/extui/trunci, sitofp/uitofp, fptosi/fptoui, index_cast) and a
/// <c>linalg.yield</c>. The body kind comes from the op's yaml <c>params.body</c>:
/// <c>fill</c>/<c>copy</c> (cast the input to the output type), <c>identity</c> (yield the input), <c>mul-add</c>
/// (contractions and convolutions, honouring <c>cast = #linalg.type_fn&lt;cast_unsigned&gt;</c>), <c>mul-add-zp</c>
/// (quantized, with zero points), <c>pool-max</c>/<c>pool-min</c>/<c>pool-sum</c> (with <c>-unsigned</c> variants),
/// <c>unary-FN</c>, <c>binary-FN</c>, <c>select</c>, <c>elemwise-unary</c>/<c>elemwise-binary</c> (function from the
/// <c>fun</c> attribute).
/// </summary>
internal static class LinalgBodies
{
    private sealed class Builder(Block block)
    {
        public Block Block { get; } = block;

        public Value Op(string name, MlirType result, params Value[] operands)
        {
            var op = new Operation(name, [result]);
            op.Operands.SetCapacity(operands.Length);
            op.Operands.AddRange(operands);
            Block.Append(op);
            return op.Results[0];
        }

        public void Yield(params Value[] values)
        {
            var op = new Operation("linalg.yield", []);
            op.Operands.SetCapacity(values.Length);
            op.Operands.AddRange(values);
            Block.Append(op);
        }

        /// <summary>MLIR's convertScalarToDtype.</summary>
        public Value Cast(Value v, MlirType to, bool unsigned)
        {
            var from = v.Type;
            if (from.Equals(to)) return v;
            switch (to)
            {
                case IntegerType ti when from is FloatType:
                    return Op(unsigned ? "arith.fptoui" : "arith.fptosi", ti, v);
                case IntegerType ti when from is IndexType:
                    return Op("arith.index_cast", ti, v);
                case IntegerType ti when from is IntegerType fi && ti.Width > fi.Width:
                    return Op(unsigned ? "arith.extui" : "arith.extsi", ti, v);
                case IntegerType ti when from is IntegerType fi && ti.Width < fi.Width:
                    return Op("arith.trunci", ti, v);
                case FloatType tf when from is IntegerType:
                    return Op(unsigned ? "arith.uitofp" : "arith.sitofp", tf, v);
                case FloatType tf when from is FloatType ff && tf.BitWidth > ff.BitWidth:
                    return Op("arith.extf", tf, v);
                case FloatType tf when from is FloatType ff && tf.BitWidth < ff.BitWidth:
                    return Op("arith.truncf", tf, v);
                default:
                    return v;
            }
        }

        public Value Binary(string fn, Value a, Value b)
        {
            var t = a.Type;
            bool isFloat = t is FloatType && b.Type is FloatType;
            bool isInt = t is IntegerType && b.Type is IntegerType;
            bool isBool = isInt && t is IntegerType { Width: 1 } && b.Type is IntegerType { Width: 1 };
            if (t is ComplexType && b.Type is ComplexType && fn is "add" or "sub" or "mul" or "div") return Op("complex." + fn, t, a, b);
            if (!isFloat && !isInt) throw OpReader.Mismatch("unsupported element types in a linalg named op");
            string name = fn switch
            {
                "add" => isFloat ? "arith.addf" : isBool ? "arith.ori" : "arith.addi",
                "sub" when !isBool => isFloat ? "arith.subf" : "arith.subi",
                "mul" => isFloat ? "arith.mulf" : isBool ? "arith.andi" : "arith.muli",
                "div" when !isBool => isFloat ? "arith.divf" : "arith.divsi",
                "div_unsigned" when isInt && !isBool => "arith.divui",
                "max_signed" => isFloat ? "arith.maximumf" : "arith.maxsi",
                "min_signed" => isFloat ? "arith.minimumf" : "arith.minsi",
                "max_unsigned" => isFloat ? "arith.maximumf" : "arith.maxui",
                "min_unsigned" => isFloat ? "arith.minimumf" : "arith.minui",
                "powf" when isFloat => "math.powf",
                _ => throw OpReader.Mismatch($"unsupported binary function '{fn}'"),
            };
            return Op(name, t, a, b);
        }

        public Value Unary(string fn, Value a)
        {
            var t = a.Type;
            switch (fn)
            {
                case "exp" or "log" or "ceil" or "floor" or "round" or "sqrt" or "rsqrt" or "tanh" or "erf":
                    return Op("math." + fn, t, a);
                case "abs":
                    return Op("math.absf", t, a);
                case "negf":
                    return Op(t is ComplexType ? "complex.neg" : "arith.negf", t, a);
                case "square":
                    return Binary("mul", a, a);
                case "reciprocal" when t is FloatType:
                {
                    var one = new Operation("arith.constant", [t]) { Properties = new DictionaryAttr([new NamedAttribute("value", new FloatAttr("1.000000e+00", t))]) };
                    Block.Append(one);
                    return Op("arith.divf", t, one.Results[0], a);
                }
                default:
                    throw OpReader.Mismatch($"unsupported unary function '{fn}'");
            }
        }
    }

    /// <summary>
    /// The region argument type of an operand: a tensor's or memref's element type, the type itself for anything else
    /// (scalars, and vectors: <c>linalg.fill ins(%v : vector&lt;2x4xf32&gt;)</c> yields the whole vector).
    /// </summary>
    public static MlirType Element(MlirType t) => t is TensorType or MemRefType ? ((ShapedType)t).ElementType : t;

    /// <summary>
    /// A named op's region, made when first read (<see cref="Operation.SetRegionsOnDemand"/>), from the op's operand
    /// types (its first <paramref name="inputs"/> operands are the <c>ins</c>, the rest the <c>outs</c>) and the
    /// attributes it was read with. One instance serves every op of the same kind, input count and attributes.
    /// </summary>
    internal sealed class OnDemand(string kind, int inputs, DictionaryAttr attrs) : RegionSource
    {
        /// <inheritdoc/>
        public override IReadOnlyList<Region> Build(Operation op)
        {
            var types = new MlirType[op.Operands.Count];
            for (int i = 0; i < types.Length; i++) types[i] = op.Operands[i].Type;
            return [LinalgBodies.Build(kind, types[..inputs], types[inputs..], attrs)];
        }
    }

    /// <summary>Builds the region of a named op; throws a mismatch for kinds or types it cannot build.</summary>
    public static Region Build(string kind, IReadOnlyList<MlirType> inputs, IReadOnlyList<MlirType> outputs, DictionaryAttr attrs)
    {
        var region = new Region();
        var block = region.AddBlock(new Block());
        var ins = inputs.Select(t => (Value)block.AddArgument(Element(t))).ToList();
        var outs = outputs.Select(t => (Value)block.AddArgument(Element(t))).ToList();
        if (outs.Count != 1) throw OpReader.Mismatch("named linalg ops have one output");
        var b = new Builder(block);
        var outType = outs[0].Type;
        bool unsignedCast = attrs.Get("cast") is TextAttr { Text: "#linalg.type_fn<cast_unsigned>" };

        void Need(int n)
        {
            if (ins.Count != n) throw OpReader.Mismatch($"expected {n} inputs");
        }

        switch (kind)
        {
            case "fill" or "copy":
                Need(1);
                b.Yield(b.Cast(ins[0], outType, false));
                break;
            case "identity":
                Need(1);
                b.Yield(ins[0]);
                break;
            case "mul-add":
            {
                Need(2);
                var x = b.Cast(ins[0], outType, unsignedCast);
                var y = b.Cast(ins[1], outType, unsignedCast);
                b.Yield(b.Binary("add", outs[0], b.Binary("mul", x, y)));
                break;
            }
            case "mul-add-zp":
            {
                Need(4);
                var x = b.Binary("sub", b.Cast(ins[0], outType, false), b.Cast(ins[2], outType, false));
                var y = b.Binary("sub", b.Cast(ins[1], outType, false), b.Cast(ins[3], outType, false));
                b.Yield(b.Binary("add", outs[0], b.Binary("mul", x, y)));
                break;
            }
            case "pool-max" or "pool-min" or "pool-sum" or "pool-max-unsigned" or "pool-min-unsigned":
            {
                Need(2);
                bool isUnsigned = kind.EndsWith("-unsigned", StringComparison.Ordinal);
                string fn = kind.Substring(5, 3) switch { "max" => "max", "min" => "min", _ => "add" };
                if (fn != "add") fn += isUnsigned ? "_unsigned" : "_signed";
                b.Yield(b.Binary(fn, outs[0], b.Cast(ins[0], outType, isUnsigned)));
                break;
            }
            case "elemwise-unary":
            {
                Need(1);
                string fn = FunctionName(attrs.Get("fun"), "#linalg.unary_fn<", "exp");
                b.Yield(b.Unary(fn, b.Cast(ins[0], outType, unsignedCast)));
                break;
            }
            case "elemwise-binary":
            {
                Need(2);
                string fn = FunctionName(attrs.Get("fun"), "#linalg.binary_fn<", "add");
                b.Yield(b.Binary(fn, b.Cast(ins[0], outType, unsignedCast), b.Cast(ins[1], outType, unsignedCast)));
                break;
            }
            case "select":
                Need(3);
                b.Yield(b.Op("arith.select", ins[1].Type, ins[0], ins[1], ins[2]));
                break;
            case var k when k.StartsWith("unary-", StringComparison.Ordinal):
                Need(1);
                b.Yield(b.Unary(k.Substring(6), ins[0]));
                break;
            case var k when k.StartsWith("binary-", StringComparison.Ordinal):
                Need(2);
                b.Yield(b.Binary(k.Substring(7), ins[0], ins[1]));
                break;
            default:
                throw OpReader.Mismatch($"unknown linalg body kind '{kind}'");
        }
        return region;
    }

    /// <summary>The function named by a <c>fun</c> attribute (<c>#linalg.unary_fn&lt;log&gt;</c>), or the default.</summary>
    private static string FunctionName(MlirAttribute? attr, string prefix, string fallback)
    {
        if (attr is null) return fallback;
        if (attr is TextAttr t && t.Text.StartsWith(prefix, StringComparison.Ordinal) && t.Text.EndsWith('>')) return t.Text[prefix.Length..^1].Trim();
        throw OpReader.Mismatch("unexpected 'fun' attribute");
    }

    /// <summary>
    /// The body of <c>linalg.map { payload }</c> / <c>linalg.reduce { payload }</c> (MLIR's addBodyWithPayloadOp): one
    /// argument per operand (map: inputs only), the payload op on them (reduce: the init first) and a yield.
    /// </summary>
    public static Region Payload(string opName, DictionaryAttr payloadAttrs, IReadOnlyList<MlirType> argTypes, MlirType resultType, bool initFirst)
    {
        var region = new Region();
        var block = region.AddBlock(new Block());
        var args = argTypes.Select(t => (Value)block.AddArgument(Element(t))).ToList();
        if (initFirst && args.Count > 0) args = [args[^1], .. args.Take(args.Count - 1)];
        var payload = new Operation(opName, [Element(resultType)]) { Attributes = payloadAttrs };
        payload.Operands.SetCapacity(args.Count);
        payload.Operands.AddRange(args);
        block.Append(payload);
        var yield = new Operation("linalg.yield", []);
        yield.Operands.SetCapacity(1);
        yield.Operands.Add(payload.Results[0]);
        block.Append(yield);
        return region;
    }
}
