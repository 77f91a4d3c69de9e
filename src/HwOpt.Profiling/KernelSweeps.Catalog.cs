using System.Text;

namespace HwOpt.Profiling;

// The sweep catalogue: each entry draws one configuration and writes it as a function (or returns null to redraw).
public static partial class KernelSweeps
{
    private static readonly long[] Dims = [1, 2, 3, 4, 7, 8, 12, 16, 24, 31, 32, 48, 49, 56, 64, 96, 100, 128, 192, 196, 256, 384, 512, 768, 1024, 2048, 3072];
    private static readonly long[] Channels = [1, 3, 8, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512];
    private static readonly long[] Spatial = [4, 7, 8, 14, 16, 28, 32, 56, 64, 112];
    private static readonly string[] Floats = ["f32", "f32", "f32", "f16", "bf16"];

    private static readonly Dictionary<string, Sweep> Sweeps = new(StringComparer.Ordinal)
    {
        ["matmul"] = new(Matmul, false),
        ["batch-matmul"] = new(BatchMatmul, false),
        ["matvec"] = new(Matvec, false),
        ["conv2d"] = new(Conv2d, false),
        ["depthwise-conv2d"] = new(DepthwiseConv2d, false),
        ["pooling"] = new(Pooling, false),
        ["elementwise"] = new(Elementwise, false),
        ["named-elementwise"] = new(NamedElementwise, false),
        ["reduction"] = new(Reduction, false),
        ["data-movement"] = new(DataMovement, false),
        ["cast"] = new(Cast, false),
        ["softmax"] = new(Softmax, true),
        ["layernorm"] = new(LayerNorm, true),
        ["rmsnorm"] = new(RmsNorm, true),
        ["matmul-bias-act"] = new(MatmulBiasActivation, true),
        ["conv-bias-relu"] = new(ConvBiasRelu, true),
        ["elementwise-chain"] = new(ElementwiseChain, true),
        ["fill"] = new(Fill, false),
        ["reshape"] = new(Reshape, false),
        ["insert-slice"] = new(InsertSlice, false),
        ["tosa"] = new(Tosa, false),
        ["fused-elementwise"] = new(FusedElementwise, false),
    };

    private static string Accumulator(string element) => element == "i8" ? "i32" : element;

    private static string? Matmul(Random rng, int i)
    {
        long m = Pick(rng, Dims), n = Pick(rng, Dims), k = Pick(rng, Dims);
        if (m * n * k > MaxMacs || m * k > MaxElements || k * n > MaxElements || m * n > MaxElements) return null;
        string t = rng.Next(6) == 0 ? "i8" : Pick(rng, Floats);
        int variant = rng.Next(4);
        string op = variant == 3 && t != "i8" ? "linalg.matmul_transpose_b" : "linalg.matmul";
        string a = Tensor([m, k], t), b = op == "linalg.matmul" ? Tensor([k, n], t) : Tensor([n, k], t), c = Tensor([m, n], Accumulator(t));
        return $"func.func @matmul{i}(%a: {a}, %b: {b}, %c: {c}) -> {c} {{\n  %0 = {op} ins(%a, %b : {a}, {b}) outs(%c : {c}) -> {c}\n  return %0 : {c}\n}}\n";
    }

    private static string? BatchMatmul(Random rng, int i)
    {
        long batch = Pick(rng, new long[] { 1, 2, 4, 8, 12, 16, 32 }), m = Pick(rng, Dims), n = Pick(rng, Dims), k = Pick(rng, Dims);
        if (batch * m * n * k > MaxMacs || batch * m * k > MaxElements || batch * k * n > MaxElements || batch * m * n > MaxElements) return null;
        string t = Pick(rng, Floats);
        bool transposeB = rng.Next(3) == 0;
        string op = transposeB ? "linalg.batch_matmul_transpose_b" : "linalg.batch_matmul";
        string a = Tensor([batch, m, k], t), b = transposeB ? Tensor([batch, n, k], t) : Tensor([batch, k, n], t), c = Tensor([batch, m, n], t);
        return $"func.func @bmm{i}(%a: {a}, %b: {b}, %c: {c}) -> {c} {{\n  %0 = {op} ins(%a, %b : {a}, {b}) outs(%c : {c}) -> {c}\n  return %0 : {c}\n}}\n";
    }

    private static string? Matvec(Random rng, int i)
    {
        long m = Pick(rng, Dims) * Pick(rng, new long[] { 1, 1, 2, 4 }), n = Pick(rng, Dims) * Pick(rng, new long[] { 1, 1, 2, 4 });
        if (m * n > MaxElements) return null;
        string t = Pick(rng, Floats);
        bool vecmat = rng.Next(2) == 0;
        string a = vecmat ? Tensor([m], t) : Tensor([m, n], t), b = vecmat ? Tensor([m, n], t) : Tensor([n], t), c = vecmat ? Tensor([n], t) : Tensor([m], t);
        string op = vecmat ? "linalg.vecmat" : "linalg.matvec";
        return $"func.func @mv{i}(%a: {a}, %b: {b}, %c: {c}) -> {c} {{\n  %0 = {op} ins(%a, %b : {a}, {b}) outs(%c : {c}) -> {c}\n  return %0 : {c}\n}}\n";
    }

    private static string? Conv2d(Random rng, int i)
    {
        long n = rng.Next(4) == 0 ? 2 : 1, c = Pick(rng, Channels), f = Pick(rng, Channels), oh = Pick(rng, Spatial);
        long kh = Pick(rng, new long[] { 1, 1, 3, 3, 3, 5, 7 }), s = rng.Next(3) == 0 ? 2 : 1, d = rng.Next(8) == 0 ? 2 : 1;
        long ih = (oh - 1) * s + (kh - 1) * d + 1;
        if (n * f * oh * oh * c * kh * kh > MaxMacs || n * c * ih * ih > MaxElements) return null;
        string t = Pick(rng, Floats);
        bool nhwc = rng.Next(3) == 0;
        string input = nhwc ? Tensor([n, ih, ih, c], t) : Tensor([n, c, ih, ih], t);
        string filter = nhwc ? Tensor([kh, kh, c, f], t) : Tensor([f, c, kh, kh], t);
        string output = nhwc ? Tensor([n, oh, oh, f], t) : Tensor([n, f, oh, oh], t);
        string op = nhwc ? "linalg.conv_2d_nhwc_hwcf" : "linalg.conv_2d_nchw_fchw";
        return $"func.func @conv{i}(%x: {input}, %w: {filter}, %o: {output}) -> {output} {{\n" +
               $"  %0 = {op} {{dilations = dense<{d}> : tensor<2xi64>, strides = dense<{s}> : tensor<2xi64>}} ins(%x, %w : {input}, {filter}) outs(%o : {output}) -> {output}\n" +
               $"  return %0 : {output}\n}}\n";
    }

    private static string? DepthwiseConv2d(Random rng, int i)
    {
        long c = Pick(rng, Channels) * Pick(rng, new long[] { 1, 2, 4 }), oh = Pick(rng, Spatial), kh = Pick(rng, new long[] { 3, 3, 5, 7 }), s = rng.Next(3) == 0 ? 2 : 1;
        long ih = (oh - 1) * s + kh;
        if (c * oh * oh * kh * kh > MaxMacs || c * ih * ih > MaxElements) return null;
        string t = Pick(rng, Floats);
        bool nhwc = rng.Next(2) == 0;
        string input = nhwc ? Tensor([1, ih, ih, c], t) : Tensor([1, c, ih, ih], t);
        string filter = nhwc ? Tensor([kh, kh, c], t) : Tensor([c, kh, kh], t);
        string output = nhwc ? Tensor([1, oh, oh, c], t) : Tensor([1, c, oh, oh], t);
        string op = nhwc ? "linalg.depthwise_conv_2d_nhwc_hwc" : "linalg.depthwise_conv_2d_nchw_chw";
        return $"func.func @dw{i}(%x: {input}, %w: {filter}, %o: {output}) -> {output} {{\n" +
               $"  %0 = {op} {{dilations = dense<1> : tensor<2xi64>, strides = dense<{s}> : tensor<2xi64>}} ins(%x, %w : {input}, {filter}) outs(%o : {output}) -> {output}\n" +
               $"  return %0 : {output}\n}}\n";
    }

    private static string? Pooling(Random rng, int i)
    {
        long c = Pick(rng, Channels) * Pick(rng, new long[] { 1, 2, 4 }), oh = Pick(rng, Spatial), kh = Pick(rng, new long[] { 2, 3, 3, 7 }), s = Pick(rng, new long[] { 1, 2, 2 });
        long ih = (oh - 1) * s + kh;
        if (c * oh * oh * kh * kh > MaxMacs || c * ih * ih > MaxElements) return null;
        string t = Pick(rng, Floats);
        string kind = rng.Next(2) == 0 ? "max" : "sum";
        bool nhwc = rng.Next(2) == 0;
        string input = nhwc ? Tensor([1, ih, ih, c], t) : Tensor([1, c, ih, ih], t);
        string window = Tensor([kh, kh], t);
        string output = nhwc ? Tensor([1, oh, oh, c], t) : Tensor([1, c, oh, oh], t);
        string op = $"linalg.pooling_{(nhwc ? "nhwc" : "nchw")}_{kind}";
        return $"func.func @pool{i}(%x: {input}, %w: {window}, %o: {output}) -> {output} {{\n" +
               $"  %0 = {op} {{dilations = dense<1> : tensor<2xi64>, strides = dense<{s}> : tensor<2xi64>}} ins(%x, %w : {input}, {window}) outs(%o : {output}) -> {output}\n" +
               $"  return %0 : {output}\n}}\n";
    }

    private static long[] RandomShape(Random rng, long maxElements)
    {
        int rank = rng.Next(1, 5);
        var shape = new long[rank];
        for (int d = 0; d < rank; d++) shape[d] = Pick(rng, Dims);
        while (Product(shape) > maxElements)
        {
            int d = rng.Next(rank);
            shape[d] = Math.Max(1, shape[d] / 2);
        }
        return shape;
    }

    private static string IdentityMap(int rank) => Map(rank, Enumerable.Range(0, rank));

    private static string Map(int rank, IEnumerable<int> dims) => Map(rank, dims.Select(d => "d" + d));

    /// <summary><c>affine_map&lt;(d0, ..., d{rank-1}) -&gt; (results)&gt;</c>; a result is a dim (<c>d1</c>) or a constant (<c>0</c>).</summary>
    private static string Map(int rank, IEnumerable<string> results) =>
        "affine_map<(" + string.Join(", ", Enumerable.Range(0, rank).Select(d => "d" + d)) + ") -> (" + string.Join(", ", results) + ")>";

    private static string Iterators(int rank, int reducedFrom = int.MaxValue) =>
        "[" + string.Join(", ", Enumerable.Range(0, rank).Select(d => d >= reducedFrom ? "\"reduction\"" : "\"parallel\"")) + "]";

    /// <summary>Scalar body of a unary elementwise op on %x of float type t; the last line defines %y.</summary>
    private static string UnaryBody(string kind, string t) => kind switch
    {
        "exp" => $"%y = math.exp %x : {t}",
        "tanh" => $"%y = math.tanh %x : {t}",
        "log" => $"%y = math.log %x : {t}",
        "sqrt" => $"%y = math.sqrt %x : {t}",
        "rsqrt" => $"%y = math.rsqrt %x : {t}",
        "abs" => $"%y = math.absf %x : {t}",
        "neg" => $"%y = arith.negf %x : {t}",
        "erf" => $"%y = math.erf %x : {t}",
        "relu" => $"%zero = arith.constant 0.000000e+00 : {t}\n    %y = arith.maximumf %x, %zero : {t}",
        "sigmoid" => $"%one = arith.constant 1.000000e+00 : {t}\n    %n = arith.negf %x : {t}\n    %e = math.exp %n : {t}\n    %d = arith.addf %one, %e : {t}\n    %y = arith.divf %one, %d : {t}",
        "silu" => $"%one = arith.constant 1.000000e+00 : {t}\n    %n = arith.negf %x : {t}\n    %e = math.exp %n : {t}\n    %d = arith.addf %one, %e : {t}\n    %y = arith.divf %x, %d : {t}",
        "gelu" => $"%half = arith.constant 5.000000e-01 : {t}\n    %one = arith.constant 1.000000e+00 : {t}\n    %c = arith.constant 7.978850e-01 : {t}\n    %k = arith.constant 4.471500e-02 : {t}\n" +
                  $"    %x2 = arith.mulf %x, %x : {t}\n    %x3 = arith.mulf %x2, %x : {t}\n    %kx3 = arith.mulf %k, %x3 : {t}\n    %in = arith.addf %x, %kx3 : {t}\n    %s = arith.mulf %c, %in : {t}\n" +
                  $"    %th = math.tanh %s : {t}\n    %p = arith.addf %one, %th : {t}\n    %h = arith.mulf %half, %x : {t}\n    %y = arith.mulf %h, %p : {t}",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static readonly string[] UnaryKinds = ["exp", "tanh", "log", "sqrt", "rsqrt", "abs", "neg", "erf", "relu", "sigmoid", "silu", "gelu"];
    private static readonly string[] BinaryKinds = ["arith.addf", "arith.subf", "arith.mulf", "arith.divf", "arith.maximumf", "arith.minimumf"];

    private static string? Elementwise(Random rng, int i)
    {
        var shape = RandomShape(rng, MaxElements / 2);
        int rank = shape.Length;
        string t = Pick(rng, Floats);
        string full = Tensor(shape, t);
        if (rng.Next(2) == 0)
        {
            string kind = Pick(rng, UnaryKinds);
            return $"func.func @ew{i}(%a: {full}, %o: {full}) -> {full} {{\n" +
                   $"  %0 = linalg.generic {{indexing_maps = [{IdentityMap(rank)}, {IdentityMap(rank)}], iterator_types = {Iterators(rank)}}} ins(%a : {full}) outs(%o : {full}) {{\n" +
                   $"  ^bb0(%x: {t}, %out: {t}):\n    {UnaryBody(kind, t)}\n    linalg.yield %y : {t}\n  }} -> {full}\n  return %0 : {full}\n}}\n";
        }
        // Binary, the second operand possibly broadcast along some dimensions.
        var kept = Enumerable.Range(0, rank).Where(_ => rng.Next(3) != 0).ToArray();
        string other = Tensor(kept.Select(d => shape[d]), t);
        string op = Pick(rng, BinaryKinds);
        return $"func.func @ew{i}(%a: {full}, %b: {other}, %o: {full}) -> {full} {{\n" +
               $"  %0 = linalg.generic {{indexing_maps = [{IdentityMap(rank)}, {Map(rank, kept)}, {IdentityMap(rank)}], iterator_types = {Iterators(rank)}}} ins(%a, %b : {full}, {other}) outs(%o : {full}) {{\n" +
               $"  ^bb0(%x: {t}, %z: {t}, %out: {t}):\n    %y = {op} %x, %z : {t}\n    linalg.yield %y : {t}\n  }} -> {full}\n  return %0 : {full}\n}}\n";
    }

    private static string? NamedElementwise(Random rng, int i)
    {
        var shape = RandomShape(rng, MaxElements / 2);
        string t = Pick(rng, Floats);
        string full = Tensor(shape, t);
        string[] unary = ["linalg.exp", "linalg.log", "linalg.abs", "linalg.negf", "linalg.sqrt", "linalg.rsqrt", "linalg.tanh", "linalg.erf", "linalg.reciprocal", "linalg.square", "linalg.floor"];
        string[] binary = ["linalg.add", "linalg.sub", "linalg.mul", "linalg.div", "linalg.max", "linalg.min"];
        if (rng.Next(2) == 0)
        {
            string op = Pick(rng, unary);
            return $"func.func @nel{i}(%a: {full}, %o: {full}) -> {full} {{\n  %0 = {op} ins(%a : {full}) outs(%o : {full}) -> {full}\n  return %0 : {full}\n}}\n";
        }
        string bop = Pick(rng, binary);
        return $"func.func @nel{i}(%a: {full}, %b: {full}, %o: {full}) -> {full} {{\n  %0 = {bop} ins(%a, %b : {full}, {full}) outs(%o : {full}) -> {full}\n  return %0 : {full}\n}}\n";
    }

    private static string? Reduction(Random rng, int i)
    {
        var shape = RandomShape(rng, MaxElements);
        int rank = shape.Length;
        string t = Pick(rng, Floats);
        // Reduce a random non-empty set of dimensions.
        var reduced = Enumerable.Range(0, rank).Where(_ => rng.Next(2) == 0).ToList();
        if (reduced.Count == 0) reduced.Add(rank - 1);
        var kept = Enumerable.Range(0, rank).Except(reduced).ToArray();
        string input = Tensor(shape, t), output = Tensor(kept.Select(d => shape[d]), t);
        string op = Pick(rng, new[] { "arith.addf", "arith.maximumf", "arith.minimumf", "arith.mulf" });
        if (rng.Next(3) == 0)
        {
            string dims = string.Join(", ", reduced);
            return $"func.func @red{i}(%a: {input}, %o: {output}) -> {output} {{\n" +
                   $"  %0 = linalg.reduce ins(%a : {input}) outs(%o : {output}) dimensions = [{dims}]\n    (%x: {t}, %acc: {t}) {{\n      %y = {op} %x, %acc : {t}\n      linalg.yield %y : {t}\n    }}\n  return %0 : {output}\n}}\n";
        }
        // linalg.generic with the reduced dimensions as reduction iterators.
        var iter = "[" + string.Join(", ", Enumerable.Range(0, rank).Select(d => reduced.Contains(d) ? "\"reduction\"" : "\"parallel\"")) + "]";
        return $"func.func @red{i}(%a: {input}, %o: {output}) -> {output} {{\n" +
               $"  %0 = linalg.generic {{indexing_maps = [{IdentityMap(rank)}, {Map(rank, kept)}], iterator_types = {iter}}} ins(%a : {input}) outs(%o : {output}) {{\n" +
               $"  ^bb0(%x: {t}, %acc: {t}):\n    %y = {op} %x, %acc : {t}\n    linalg.yield %y : {t}\n  }} -> {output}\n  return %0 : {output}\n}}\n";
    }

    private static string? DataMovement(Random rng, int i)
    {
        var shape = RandomShape(rng, MaxElements / 2);
        int rank = shape.Length;
        string t = Pick(rng, new[] { "f32", "f32", "f16", "bf16", "i8", "i32" });
        string full = Tensor(shape, t);
        switch (rng.Next(5))
        {
            case 0 when rank >= 2:
            {
                var perm = Enumerable.Range(0, rank).OrderBy(_ => rng.Next()).ToArray();
                if (perm.SequenceEqual(Enumerable.Range(0, rank))) return null;
                string output = Tensor(perm.Select(p => shape[p]), t);
                return $"func.func @tr{i}(%a: {full}, %o: {output}) -> {output} {{\n  %0 = linalg.transpose ins(%a : {full}) outs(%o : {output}) permutation = [{string.Join(", ", perm)}]\n  return %0 : {output}\n}}\n";
            }
            case 1:
            {
                long extra = Pick(rng, new long[] { 2, 4, 8, 16, 64, 128 });
                int at = rng.Next(rank + 1);
                var outShape = shape.ToList();
                outShape.Insert(at, extra);
                if (Product(outShape) > MaxElements) return null;
                string output = Tensor(outShape, t);
                return $"func.func @bc{i}(%a: {full}, %o: {output}) -> {output} {{\n  %0 = linalg.broadcast ins(%a : {full}) outs(%o : {output}) dimensions = [{at}]\n  return %0 : {output}\n}}\n";
            }
            case 2:
            {
                var low = shape.Select(_ => (long)rng.Next(0, 3)).ToArray();
                var high = shape.Select(_ => (long)rng.Next(0, 3)).ToArray();
                var outShape = shape.Select((d, k) => d + low[k] + high[k]).ToArray();
                if (Product(outShape) > MaxElements || !t.StartsWith('f') && !t.StartsWith('b')) return null;
                string output = Tensor(outShape, t);
                return $"func.func @pad{i}(%a: {full}) -> {output} {{\n  %cst = arith.constant 0.000000e+00 : {t}\n" +
                       $"  %0 = tensor.pad %a low[{string.Join(", ", low)}] high[{string.Join(", ", high)}] {{\n  ^bb0({string.Join(", ", Enumerable.Range(0, rank).Select(k => $"%i{k}: index"))}):\n    tensor.yield %cst : {t}\n  }} : {full} to {output}\n  return %0 : {output}\n}}\n";
            }
            case 3:
            {
                var size = shape.Select(d => Math.Max(1, d / 2)).ToArray();
                var offset = shape.Select((d, k) => (d - size[k]) / 2).ToArray();
                string output = Tensor(size, t);
                string copy = Tensor(size, t);
                return $"func.func @slice{i}(%a: {full}, %o: {copy}) -> {copy} {{\n" +
                       $"  %s = tensor.extract_slice %a[{string.Join(", ", offset)}] [{string.Join(", ", size)}] [{string.Join(", ", shape.Select(_ => 1))}] : {full} to {output}\n" +
                       $"  %0 = linalg.copy ins(%s : {output}) outs(%o : {copy}) -> {copy}\n  return %0 : {copy}\n}}\n";
            }
            default:
            {
                string output = full;
                return $"func.func @copy{i}(%a: {full}, %o: {output}) -> {output} {{\n  %0 = linalg.copy ins(%a : {full}) outs(%o : {output}) -> {output}\n  return %0 : {output}\n}}\n";
            }
        }
    }

    private static string? Cast(Random rng, int i)
    {
        var shape = RandomShape(rng, MaxElements / 2);
        int rank = shape.Length;
        var pairs = new (string From, string To, string Op)[]
        {
            ("f32", "f16", "arith.truncf"), ("f32", "bf16", "arith.truncf"), ("f16", "f32", "arith.extf"), ("bf16", "f32", "arith.extf"),
            ("f32", "i8", "arith.fptosi"), ("i8", "f32", "arith.sitofp"), ("i32", "i8", "arith.trunci"), ("i8", "i32", "arith.extsi"),
        };
        var (from, to, op) = Pick(rng, pairs);
        string a = Tensor(shape, from), o = Tensor(shape, to);
        return $"func.func @cast{i}(%a: {a}, %o: {o}) -> {o} {{\n" +
               $"  %0 = linalg.generic {{indexing_maps = [{IdentityMap(rank)}, {IdentityMap(rank)}], iterator_types = {Iterators(rank)}}} ins(%a : {a}) outs(%o : {o}) {{\n" +
               $"  ^bb0(%x: {from}, %out: {to}):\n    %y = {op} %x : {from} to {to}\n    linalg.yield %y : {to}\n  }} -> {o}\n  return %0 : {o}\n}}\n";
    }

    /// <summary>Rows x columns for a normalization over the last dimension.</summary>
    private static (long Rows, long Cols)? RowsCols(Random rng)
    {
        long rows = Pick(rng, new long[] { 1, 8, 16, 32, 49, 64, 128, 196, 256, 512, 1024 }) * Pick(rng, new long[] { 1, 1, 2, 12 });
        long cols = Pick(rng, new long[] { 16, 32, 64, 128, 196, 256, 384, 512, 768, 1024, 2048, 4096 });
        return rows * cols > MaxElements / 2 ? null : (rows, cols);
    }

    private static string? Softmax(Random rng, int i)
    {
        if (RowsCols(rng) is not var (r, c)) return null;
        string t = Pick(rng, Floats);
        string x = Tensor([r, c], t), v = Tensor([r], t);
        string m2 = "affine_map<(d0, d1) -> (d0, d1)>", m1 = "affine_map<(d0, d1) -> (d0)>";
        return $"func.func @softmax{i}(%x: {x}, %vmax: {v}, %vsum: {v}, %o: {x}) -> {x} {{\n" +
               $"  %max = linalg.generic {{indexing_maps = [{m2}, {m1}], iterator_types = [\"parallel\", \"reduction\"]}} ins(%x : {x}) outs(%vmax : {v}) {{\n  ^bb0(%a: {t}, %acc: {t}):\n    %y = arith.maximumf %a, %acc : {t}\n    linalg.yield %y : {t}\n  }} -> {v}\n" +
               $"  %exp = linalg.generic {{indexing_maps = [{m2}, {m1}, {m2}], iterator_types = [\"parallel\", \"parallel\"]}} ins(%x, %max : {x}, {v}) outs(%o : {x}) {{\n  ^bb0(%a: {t}, %m: {t}, %out: {t}):\n    %d = arith.subf %a, %m : {t}\n    %y = math.exp %d : {t}\n    linalg.yield %y : {t}\n  }} -> {x}\n" +
               $"  %sum = linalg.generic {{indexing_maps = [{m2}, {m1}], iterator_types = [\"parallel\", \"reduction\"]}} ins(%exp : {x}) outs(%vsum : {v}) {{\n  ^bb0(%a: {t}, %acc: {t}):\n    %y = arith.addf %a, %acc : {t}\n    linalg.yield %y : {t}\n  }} -> {v}\n" +
               $"  %0 = linalg.generic {{indexing_maps = [{m2}, {m1}, {m2}], iterator_types = [\"parallel\", \"parallel\"]}} ins(%exp, %sum : {x}, {v}) outs(%o : {x}) {{\n  ^bb0(%a: {t}, %s: {t}, %out: {t}):\n    %y = arith.divf %a, %s : {t}\n    linalg.yield %y : {t}\n  }} -> {x}\n" +
               $"  return %0 : {x}\n}}\n";
    }

    private static string? LayerNorm(Random rng, int i)
    {
        if (RowsCols(rng) is not var (r, c)) return null;
        string t = Pick(rng, Floats);
        string x = Tensor([r, c], t), v = Tensor([r], t), w = Tensor([c], t);
        string m2 = "affine_map<(d0, d1) -> (d0, d1)>", m1 = "affine_map<(d0, d1) -> (d0)>", mc = "affine_map<(d0, d1) -> (d1)>";
        return $"func.func @ln{i}(%x: {x}, %gamma: {w}, %beta: {w}, %vs: {v}, %vq: {v}, %o: {x}) -> {x} {{\n" +
               $"  %n = arith.constant {c}.0 : {t}\n  %eps = arith.constant 9.99999974E-6 : {t}\n" +
               $"  %sum = linalg.generic {{indexing_maps = [{m2}, {m1}], iterator_types = [\"parallel\", \"reduction\"]}} ins(%x : {x}) outs(%vs : {v}) {{\n  ^bb0(%a: {t}, %acc: {t}):\n    %y = arith.addf %a, %acc : {t}\n    linalg.yield %y : {t}\n  }} -> {v}\n" +
               $"  %sq = linalg.generic {{indexing_maps = [{m2}, {m1}], iterator_types = [\"parallel\", \"reduction\"]}} ins(%x : {x}) outs(%vq : {v}) {{\n  ^bb0(%a: {t}, %acc: {t}):\n    %p = arith.mulf %a, %a : {t}\n    %y = arith.addf %p, %acc : {t}\n    linalg.yield %y : {t}\n  }} -> {v}\n" +
               $"  %0 = linalg.generic {{indexing_maps = [{m2}, {m1}, {m1}, {mc}, {mc}, {m2}], iterator_types = [\"parallel\", \"parallel\"]}} ins(%x, %sum, %sq, %gamma, %beta : {x}, {v}, {v}, {w}, {w}) outs(%o : {x}) {{\n" +
               $"  ^bb0(%a: {t}, %s: {t}, %q: {t}, %g: {t}, %b: {t}, %out: {t}):\n    %mean = arith.divf %s, %n : {t}\n    %msq = arith.divf %q, %n : {t}\n    %m2v = arith.mulf %mean, %mean : {t}\n    %var = arith.subf %msq, %m2v : {t}\n" +
               $"    %ve = arith.addf %var, %eps : {t}\n    %rs = math.rsqrt %ve : {t}\n    %d = arith.subf %a, %mean : {t}\n    %nrm = arith.mulf %d, %rs : {t}\n    %sc = arith.mulf %nrm, %g : {t}\n    %y = arith.addf %sc, %b : {t}\n    linalg.yield %y : {t}\n  }} -> {x}\n" +
               $"  return %0 : {x}\n}}\n";
    }

    private static string? RmsNorm(Random rng, int i)
    {
        if (RowsCols(rng) is not var (r, c)) return null;
        string t = Pick(rng, Floats);
        string x = Tensor([r, c], t), v = Tensor([r], t), w = Tensor([c], t);
        string m2 = "affine_map<(d0, d1) -> (d0, d1)>", m1 = "affine_map<(d0, d1) -> (d0)>", mc = "affine_map<(d0, d1) -> (d1)>";
        return $"func.func @rms{i}(%x: {x}, %gamma: {w}, %vq: {v}, %o: {x}) -> {x} {{\n" +
               $"  %n = arith.constant {c}.0 : {t}\n  %eps = arith.constant 9.99999974E-6 : {t}\n" +
               $"  %sq = linalg.generic {{indexing_maps = [{m2}, {m1}], iterator_types = [\"parallel\", \"reduction\"]}} ins(%x : {x}) outs(%vq : {v}) {{\n  ^bb0(%a: {t}, %acc: {t}):\n    %p = arith.mulf %a, %a : {t}\n    %y = arith.addf %p, %acc : {t}\n    linalg.yield %y : {t}\n  }} -> {v}\n" +
               $"  %0 = linalg.generic {{indexing_maps = [{m2}, {m1}, {mc}, {m2}], iterator_types = [\"parallel\", \"parallel\"]}} ins(%x, %sq, %gamma : {x}, {v}, {w}) outs(%o : {x}) {{\n" +
               $"  ^bb0(%a: {t}, %q: {t}, %g: {t}, %out: {t}):\n    %ms = arith.divf %q, %n : {t}\n    %ve = arith.addf %ms, %eps : {t}\n    %rs = math.rsqrt %ve : {t}\n    %nrm = arith.mulf %a, %rs : {t}\n    %y = arith.mulf %nrm, %g : {t}\n    linalg.yield %y : {t}\n  }} -> {x}\n" +
               $"  return %0 : {x}\n}}\n";
    }

    private static string? MatmulBiasActivation(Random rng, int i)
    {
        long m = Pick(rng, Dims), n = Pick(rng, Dims), k = Pick(rng, Dims);
        if (m * n * k > MaxMacs || m * k > MaxElements || k * n > MaxElements || m * n > MaxElements) return null;
        string t = Pick(rng, Floats);
        string a = Tensor([m, k], t), b = Tensor([k, n], t), c = Tensor([m, n], t), bias = Tensor([n], t);
        string act = Pick(rng, new[] { "relu", "gelu", "silu", "tanh" });
        string m2 = "affine_map<(d0, d1) -> (d0, d1)>", mb = "affine_map<(d0, d1) -> (d1)>";
        var sb = new StringBuilder();
        sb.Append($"func.func @mba{i}(%a: {a}, %b: {b}, %bias: {bias}, %o: {c}) -> {c} {{\n");
        sb.Append($"  %cst = arith.constant 0.000000e+00 : {t}\n  %init = tensor.empty() : {c}\n");
        sb.Append($"  %z = linalg.fill ins(%cst : {t}) outs(%init : {c}) -> {c}\n");
        sb.Append($"  %mm = linalg.matmul ins(%a, %b : {a}, {b}) outs(%z : {c}) -> {c}\n");
        sb.Append($"  %0 = linalg.generic {{indexing_maps = [{m2}, {mb}, {m2}], iterator_types = [\"parallel\", \"parallel\"]}} ins(%mm, %bias : {c}, {bias}) outs(%o : {c}) {{\n");
        sb.Append($"  ^bb0(%v: {t}, %bb: {t}, %out: {t}):\n    %x = arith.addf %v, %bb : {t}\n    {UnaryBody(act, t)}\n    linalg.yield %y : {t}\n  }} -> {c}\n");
        sb.Append($"  return %0 : {c}\n}}\n");
        return sb.ToString();
    }

    private static string? ConvBiasRelu(Random rng, int i)
    {
        long c = Pick(rng, Channels), f = Pick(rng, Channels), oh = Pick(rng, Spatial), kh = Pick(rng, new long[] { 1, 3, 3 }), s = rng.Next(3) == 0 ? 2 : 1;
        long ih = (oh - 1) * s + kh;
        if (f * oh * oh * c * kh * kh > MaxMacs || c * ih * ih > MaxElements || f * oh * oh > MaxElements) return null;
        string t = Pick(rng, Floats);
        string input = Tensor([1, c, ih, ih], t), filter = Tensor([f, c, kh, kh], t), output = Tensor([1, f, oh, oh], t), bias = Tensor([f], t);
        string m4 = "affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>", mb = "affine_map<(d0, d1, d2, d3) -> (d1)>";
        return $"func.func @cbr{i}(%x: {input}, %w: {filter}, %bias: {bias}, %o: {output}) -> {output} {{\n" +
               $"  %cst = arith.constant 0.000000e+00 : {t}\n  %init = tensor.empty() : {output}\n  %z = linalg.fill ins(%cst : {t}) outs(%init : {output}) -> {output}\n" +
               $"  %cv = linalg.conv_2d_nchw_fchw {{dilations = dense<1> : tensor<2xi64>, strides = dense<{s}> : tensor<2xi64>}} ins(%x, %w : {input}, {filter}) outs(%z : {output}) -> {output}\n" +
               $"  %0 = linalg.generic {{indexing_maps = [{m4}, {mb}, {m4}], iterator_types = [\"parallel\", \"parallel\", \"parallel\", \"parallel\"]}} ins(%cv, %bias : {output}, {bias}) outs(%o : {output}) {{\n" +
               $"  ^bb0(%v: {t}, %bb: {t}, %out: {t}):\n    %s = arith.addf %v, %bb : {t}\n    %y = arith.maximumf %s, %cst : {t}\n    linalg.yield %y : {t}\n  }} -> {output}\n" +
               $"  return %0 : {output}\n}}\n";
    }

    private static string? ElementwiseChain(Random rng, int i)
    {
        var shape = RandomShape(rng, MaxElements / 4);
        int rank = shape.Length;
        string t = Pick(rng, Floats);
        string full = Tensor(shape, t);
        int length = rng.Next(2, 5);
        var sb = new StringBuilder();
        sb.Append($"func.func @chain{i}(%a: {full}, %b: {full}, %o: {full}) -> {full} {{\n");
        sb.Append($"  %init = tensor.empty() : {full}\n");
        string prev = "%a";
        for (int s = 0; s < length; s++)
        {
            string outs = s == length - 1 ? "%o" : "%init";
            string name = s == length - 1 ? "%0" : "%v" + s;
            if (rng.Next(2) == 0)
            {
                sb.Append($"  {name} = linalg.generic {{indexing_maps = [{IdentityMap(rank)}, {IdentityMap(rank)}], iterator_types = {Iterators(rank)}}} ins({prev} : {full}) outs({outs} : {full}) {{\n");
                sb.Append($"  ^bb0(%x: {t}, %out: {t}):\n    {UnaryBody(Pick(rng, UnaryKinds), t)}\n    linalg.yield %y : {t}\n  }} -> {full}\n");
            }
            else
            {
                sb.Append($"  {name} = linalg.generic {{indexing_maps = [{IdentityMap(rank)}, {IdentityMap(rank)}, {IdentityMap(rank)}], iterator_types = {Iterators(rank)}}} ins({prev}, %b : {full}, {full}) outs({outs} : {full}) {{\n");
                sb.Append($"  ^bb0(%x: {t}, %z: {t}, %out: {t}):\n    %y = {Pick(rng, BinaryKinds)} %x, %z : {t}\n    linalg.yield %y : {t}\n  }} -> {full}\n");
            }
            prev = name;
        }
        sb.Append($"  return %0 : {full}\n}}\n");
        return sb.ToString();
    }
}
