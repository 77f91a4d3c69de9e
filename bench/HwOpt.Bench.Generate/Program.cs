// Deterministic (seeded) generator of large, realistic MLIR inputs for bench/parse-bench.sh.
//
//   dotnet run --project bench/HwOpt.Bench.Generate -c Release -- --out DIR [--target-mb 8] [--seed 20240601]
//
// Writes DIR/large_custom.mlir: one `module` of many `func.func` (transformer blocks, conv blocks and
// small "stage" drivers that call them) in MLIR custom syntax, using only upstream dialects registered
// in a stock `mlir-opt` (func, arith, math, tensor, linalg, scf), with `loc(...)` on some ops and comments.
// Same seed and target => byte-identical output (own PRNG, invariant formatting, ASCII, LF).

using System.Globalization;
using System.Text;

namespace HwOpt.Bench.Generate;

internal static class Program
{
    private const string OutputName = "large_custom.mlir";

    private static int Main(string[] args)
    {
        string? outDir = null;
        double targetMb = 8;
        ulong seed = 20240601;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string Next()
            {
                if (i + 1 >= args.Length)
                {
                    throw new ArgumentException($"option {a} needs a value");
                }
                return args[++i];
            }
            try
            {
                switch (a)
                {
                    case "--out": outDir = Next(); break;
                    case "--target-mb": targetMb = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--seed": seed = ulong.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "-h":
                    case "--help":
                        Console.WriteLine("usage: hwopt-bench-generate --out DIR [--target-mb 8] [--seed 20240601]");
                        Console.WriteLine($"  writes DIR/{OutputName} of at least target-mb MiB of MLIR custom syntax");
                        return 0;
                    default: throw new ArgumentException($"unknown option '{a}'");
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
            {
                Console.Error.WriteLine($"hwopt-bench-generate: error: {e.Message}");
                return 2;
            }
        }
        if (outDir is null || targetMb <= 0 || double.IsNaN(targetMb))
        {
            Console.Error.WriteLine("hwopt-bench-generate: error: --out DIR is required and --target-mb must be > 0");
            return 2;
        }

        Directory.CreateDirectory(outDir);
        string path = Path.Combine(outDir, OutputName);
        long targetBytes = (long)Math.Ceiling(targetMb * 1024 * 1024);
        var gen = new ModuleGenerator(new Rng(seed));
        string tmp = path + ".tmp";
        long written;
        using (var w = new StreamWriter(tmp, false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            written = gen.Write(w, targetBytes);
        }
        File.Move(tmp, path, overwrite: true);
        Console.WriteLine(
            $"wrote {path}: {written} bytes ({written / 1048576.0:F2} MiB), {gen.Functions} functions " +
            $"({gen.Transformers} transformer, {gen.Convs} conv, {gen.Stages} stage), seed {seed}");
        return 0;
    }
}

/// <summary>SplitMix64: small, fast, and identical on every runtime (unlike System.Random's unseeded paths).</summary>
internal sealed class Rng(ulong seed)
{
    private ulong _state = seed;

    public ulong NextU64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, n).</summary>
    public int Next(int n) => (int)(NextU64() % (ulong)n);

    public bool Chance(double p) => (NextU64() >> 11) * (1.0 / (1UL << 53)) < p;

    public T Pick<T>(T[] items) => items[Next(items.Length)];
}

/// <summary>Emits the module: affine-map aliases, then functions until the byte target is reached.</summary>
internal sealed class ModuleGenerator(Rng rng)
{
    // Affine maps printed as aliases at the top, as mlir-opt itself prints them.
    private const string Id2 = "#map";
    private const string Row2 = "#map1";
    private const string Col2 = "#map2";
    private const string Id3 = "#map3";
    private const string Red3 = "#map4";
    private const string Id4 = "#map5";
    private const string Chan4 = "#map6";

    private static readonly string[] SourceFiles =
        ["model.py", "layers/attention.py", "layers/mlp.py", "layers/norm.py", "layers/conv.py", "torch/nn/functional.py"];

    private readonly StringBuilder _sb = new();
    private int _ssa;
    private int _indent;
    private int _srcLine = 1;

    public int Functions { get; private set; }
    public int Transformers { get; private set; }
    public int Convs { get; private set; }
    public int Stages { get; private set; }

    public long Write(TextWriter w, long targetBytes)
    {
        _sb.Append("// hwopt parse benchmark input (generated by bench/HwOpt.Bench.Generate; do not edit).\n");
        _sb.Append("// Upstream dialects only: func, arith, math, tensor, linalg, scf.\n");
        _sb.Append("#map = affine_map<(d0, d1) -> (d0, d1)>\n");
        _sb.Append("#map1 = affine_map<(d0, d1) -> (d0)>\n");
        _sb.Append("#map2 = affine_map<(d0, d1) -> (d1)>\n");
        _sb.Append("#map3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>\n");
        _sb.Append("#map4 = affine_map<(d0, d1, d2) -> (d0, d1)>\n");
        _sb.Append("#map5 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>\n");
        _sb.Append("#map6 = affine_map<(d0, d1, d2, d3) -> (d3)>\n");
        _sb.Append("module attributes {hwopt.bench = \"parse\"} {\n");
        long total = Flush(w);
        _indent = 1;
        int block = 0;
        // Reserve room for the closing brace so the file is >= target.
        while (total + 2 < targetBytes)
        {
            if (rng.Chance(0.6))
            {
                var shape = TransformerBlock(block);
                if (rng.Chance(0.3))
                {
                    Stage(block, shape);
                }
            }
            else
            {
                ConvBlock(block);
            }
            block++;
            total += Flush(w);
        }
        _indent = 0;
        Line("}");
        total += Flush(w);
        return total;
    }

    private long Flush(TextWriter w)
    {
        long n = _sb.Length;
        foreach (var chunk in _sb.GetChunks())
        {
            w.Write(chunk.Span);
        }
        _sb.Clear();
        return n;
    }

    // ---------------------------------------------------------------- helpers

    private string Fresh() => "%" + (_ssa++).ToString(CultureInfo.InvariantCulture);

    private string FreshNamed(string stem) => "%" + stem + "_" + (_ssa++).ToString(CultureInfo.InvariantCulture);

    private static string T(params int[] dims) => "tensor<" + string.Join("x", dims) + "xf32>";

    private static string F(double v) => v.ToString("0.000000e+00", CultureInfo.InvariantCulture);

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private void Line(string text)
    {
        _sb.Append(' ', 2 * _indent).Append(text).Append('\n');
        _srcLine++;
    }

    private void Comment(string text) => Line("// " + text);

    /// <summary>A trailing location on ~35% of ops: file:line:col, sometimes name- or fused-wrapped.</summary>
    private string Loc()
    {
        if (!rng.Chance(0.35))
        {
            return "";
        }
        string file = rng.Pick(SourceFiles);
        string fl = $"\"{file}\":{I(_srcLine % 900 + 1)}:{I(rng.Next(60) + 1)}";
        int kind = rng.Next(10);
        if (kind == 0)
        {
            return $" loc(\"block.{I(rng.Next(48))}.op\"({fl}))";
        }
        if (kind == 1)
        {
            return $" loc(fused[{fl}, \"{rng.Pick(SourceFiles)}\":{I(rng.Next(900) + 1)}:{I(rng.Next(60) + 1)}])";
        }
        return $" loc({fl})";
    }

    private string Op(string result, string text)
    {
        Line($"{result} = {text}{Loc()}");
        return result;
    }

    private string Const(double v) => Op(FreshNamed("cst"), $"arith.constant {F(v)} : f32");

    private string ConstIndex(int v) => Op(FreshNamed("c"), $"arith.constant {I(v)} : index");

    private string Empty(int[] dims) => Op(Fresh(), $"tensor.empty() : {T(dims)}");

    private string Filled(string scalar, int[] dims)
    {
        string e = Empty(dims);
        return Op(Fresh(), $"linalg.fill ins({scalar} : f32) outs({e} : {T(dims)}) -> {T(dims)}");
    }

    private string Matmul(string a, int[] ad, string b, int[] bd, string zero)
    {
        int[] od = [ad[0], bd[1]];
        string acc = Filled(zero, od);
        return Op(Fresh(),
            $"linalg.matmul ins({a}, {b} : {T(ad)}, {T(bd)}) outs({acc} : {T(od)}) -> {T(od)}");
    }

    private string BatchMatmul(string a, int[] ad, string b, int[] bd, string zero)
    {
        int[] od = [ad[0], ad[1], bd[2]];
        string acc = Filled(zero, od);
        return Op(Fresh(),
            $"linalg.batch_matmul ins({a}, {b} : {T(ad)}, {T(bd)}) outs({acc} : {T(od)}) -> {T(od)}");
    }

    private string Transpose(string x, int[] xd, int[] perm)
    {
        int[] od = perm.Select(p => xd[p]).ToArray();
        string e = Empty(od);
        return Op(Fresh(),
            $"linalg.transpose ins({x} : {T(xd)}) outs({e} : {T(od)}) permutation = [{string.Join(", ", perm)}]");
    }

    /// <summary>linalg.reduce over <paramref name="dim"/> with a binary scalar combiner.</summary>
    private string Reduce(string x, int[] xd, int dim, string init, string combiner)
    {
        int[] od = xd.Where((_, k) => k != dim).ToArray();
        string acc = Filled(init, od);
        string r = Fresh();
        Line($"{r} = linalg.reduce ins({x} : {T(xd)}) outs({acc} : {T(od)}) dimensions = [{I(dim)}]");
        _indent += 2;
        string a = FreshNamed("in"), b = FreshNamed("init");
        Line($"({a}: f32, {b}: f32) {{");
        _indent++;
        string s = Op(Fresh(), $"{combiner} {a}, {b} : f32");
        Line($"linalg.yield {s} : f32");
        _indent--;
        Line("}" + Loc());
        _indent -= 2;
        return r;
    }

    private static string MapText(string alias) => alias switch
    {
        Id2 => "affine_map<(d0, d1) -> (d0, d1)>",
        Row2 => "affine_map<(d0, d1) -> (d0)>",
        Col2 => "affine_map<(d0, d1) -> (d1)>",
        Id3 => "affine_map<(d0, d1, d2) -> (d0, d1, d2)>",
        Red3 => "affine_map<(d0, d1, d2) -> (d0, d1)>",
        Id4 => "affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>",
        Chan4 => "affine_map<(d0, d1, d2, d3) -> (d3)>",
        _ => throw new ArgumentException(alias),
    };

    /// <summary>
    /// linalg.generic, all-parallel, with the given inputs (value, dims, map) writing a fresh tensor of
    /// <paramref name="od"/>; <paramref name="body"/> gets the scalar block arguments and returns the yielded value.
    /// </summary>
    private string Generic((string V, int[] D, string Map)[] ins, int[] od, Func<string[], string> body)
    {
        string e = Empty(od);
        string outMap = od.Length switch { 2 => Id2, 3 => Id3, _ => Id4 };
        bool inline = rng.Chance(0.15);
        string M(string alias) => inline ? MapText(alias) : alias;
        string maps = string.Join(", ", ins.Select(x => M(x.Map)).Append(M(outMap)));
        string iters = string.Join(", ", Enumerable.Repeat("\"parallel\"", od.Length));
        string r = Fresh();
        Line($"{r} = linalg.generic {{indexing_maps = [{maps}], iterator_types = [{iters}]}} " +
             $"ins({string.Join(", ", ins.Select(x => x.V))} : {string.Join(", ", ins.Select(x => T(x.D)))}) " +
             $"outs({e} : {T(od)}) {{");
        var args = new string[ins.Length + 1];
        for (int k = 0; k < ins.Length; k++)
        {
            args[k] = FreshNamed("in");
        }
        args[ins.Length] = FreshNamed("out");
        Line($"^bb0({string.Join(", ", args.Select(a => a + ": f32"))}):");
        _indent++;
        string y = body(args);
        Line($"linalg.yield {y} : f32");
        _indent--;
        Line($"}} -> {T(od)}{Loc()}");
        return r;
    }

    private string S(string op, params string[] operands) => Op(Fresh(), $"{op} {string.Join(", ", operands)} : f32");

    // ---------------------------------------------------------------- blocks

    private string LayerNorm(string x, int s, int d, string gamma, string zero, string dConst, string eps)
    {
        Comment("layer norm");
        int[] sd = [s, d];
        string sum = Reduce(x, sd, 1, zero, "arith.addf");
        string cent = Generic([(x, sd, Id2), (sum, [s], Row2)], sd, a =>
        {
            string mean = S("arith.divf", a[1], dConst);
            return S("arith.subf", a[0], mean);
        });
        string sq = Op(Fresh(), $"arith.mulf {cent}, {cent} : {T(sd)}");
        string var = Reduce(sq, sd, 1, zero, "arith.addf");
        return Generic([(cent, sd, Id2), (var, [s], Row2), (gamma, [d], Col2)], sd, a =>
        {
            string vm = S("arith.divf", a[1], dConst);
            string ve = S("arith.addf", vm, eps);
            string rs = Op(Fresh(), $"math.rsqrt {ve} : f32");
            string n = S("arith.mulf", a[0], rs);
            return S("arith.mulf", n, a[2]);
        });
    }

    private (int S, int D, int F) TransformerBlock(int idx)
    {
        int heads = rng.Pick(new[] { 2, 4, 8, 12, 16 });
        int dh = rng.Pick(new[] { 32, 64, 80, 128 });
        int d = heads * dh;
        int s = rng.Pick(new[] { 16, 32, 64, 128, 197, 256, 512, 1024 });
        int f = d * rng.Pick(new[] { 2, 4 });
        bool causal = rng.Chance(0.5);
        _ssa = 0;
        Functions++;
        Transformers++;

        Comment($"---- transformer block {idx}: seq={s} d_model={d} heads={heads} head_dim={dh} ffn={f}{(causal ? " causal" : "")} ----");
        string xT = T(s, d), wT = T(d, d);
        Line($"func.func @transformer_block_{I(idx)}(%arg0: {xT}, %arg1: {wT}, %arg2: {wT}, %arg3: {wT}, %arg4: {wT}, " +
             $"%arg5: {T(d, f)}, %arg6: {T(f, d)}, %arg7: {T(d)}, %arg8: {T(d)}) -> {xT} {{");
        _indent++;
        string zero = Const(0.0);
        string ninf = Op(FreshNamed("cst"), "arith.constant 0xFF800000 : f32");
        string dConst = Const(d);
        string eps = Const(1e-5);
        string scale = Const(1.0 / Math.Sqrt(dh));
        string half = Const(0.5), one = Const(1.0), c0 = Const(0.7978845608), c1 = Const(0.044715);

        string n1 = LayerNorm("%arg0", s, d, "%arg7", zero, dConst, eps);
        Comment("self-attention: q/k/v projections");
        int[] sd = [s, d];
        string q = Matmul(n1, sd, "%arg1", [d, d], zero);
        string k = Matmul(n1, sd, "%arg2", [d, d], zero);
        string v = Matmul(n1, sd, "%arg3", [d, d], zero);
        int[] shd = [s, heads, dh];
        string Split(string t) =>
            Op(Fresh(), $"tensor.expand_shape {t} [[0], [1, 2]] output_shape [{I(s)}, {I(heads)}, {I(dh)}] : {T(sd)} into {T(shd)}");
        string qh = Transpose(Split(q), shd, [1, 0, 2]);
        string kh = Transpose(Split(k), shd, [1, 2, 0]);
        string vh = Transpose(Split(v), shd, [1, 0, 2]);
        Comment($"scores [{heads}, {s}, {s}]");
        string scores = BatchMatmul(qh, [heads, s, dh], kh, [heads, dh, s], zero);
        int[] hss = [heads, s, s];
        string scaled = Generic([(scores, hss, Id3)], hss, a =>
        {
            string m = S("arith.mulf", a[0], scale);
            if (!causal)
            {
                return m;
            }
            string i = Op(Fresh(), "linalg.index 1 : index");
            string j = Op(Fresh(), "linalg.index 2 : index");
            string future = Op(Fresh(), $"arith.cmpi ugt, {j}, {i} : index");
            return Op(Fresh(), $"arith.select {future}, {ninf}, {m} : f32");
        });
        Comment("softmax over the key axis");
        string max = Reduce(scaled, hss, 2, ninf, "arith.maximumf");
        string ex = Generic([(scaled, hss, Id3), (max, [heads, s], Red3)], hss, a =>
        {
            string sub = S("arith.subf", a[0], a[1]);
            return Op(Fresh(), $"math.exp {sub} : f32");
        });
        string sum = Reduce(ex, hss, 2, zero, "arith.addf");
        string probs = Generic([(ex, hss, Id3), (sum, [heads, s], Red3)], hss, a => S("arith.divf", a[0], a[1]));
        string ctx = BatchMatmul(probs, hss, vh, [heads, s, dh], zero);
        string ctxT = Transpose(ctx, [heads, s, dh], [1, 0, 2]);
        string merged = Op(Fresh(), $"tensor.collapse_shape {ctxT} [[0], [1, 2]] : {T(shd)} into {T(sd)}");
        string o = Matmul(merged, sd, "%arg4", [d, d], zero);
        string r1 = Op(Fresh(), $"arith.addf %arg0, {o} : {T(sd)}");

        string n2 = LayerNorm(r1, s, d, "%arg8", zero, dConst, eps);
        Comment("feed-forward (tanh GELU)");
        string h = Matmul(n2, sd, "%arg5", [d, f], zero);
        int[] sf = [s, f];
        string g = Generic([(h, sf, Id2)], sf, a =>
        {
            string x2 = S("arith.mulf", a[0], a[0]);
            string x3 = S("arith.mulf", x2, a[0]);
            string t1 = S("arith.mulf", x3, c1);
            string inner = S("arith.addf", a[0], t1);
            string t2 = S("arith.mulf", inner, c0);
            string th = Op(Fresh(), $"math.tanh {t2} : f32");
            string p1 = S("arith.addf", th, one);
            string hx = S("arith.mulf", a[0], half);
            return S("arith.mulf", hx, p1);
        });
        string m2 = Matmul(g, sf, "%arg6", [f, d], zero);
        string r2 = Op(Fresh(), $"arith.addf {r1}, {m2} : {T(sd)}");
        Line($"return {r2} : {xT}{Loc()}");
        _indent--;
        Line("}" + (rng.Chance(0.2) ? $" loc(\"model.py\":{I(rng.Next(900) + 1)}:5)" : ""));
        return (s, d, f);
    }

    /// <summary>A driver that applies transformer block <paramref name="idx"/> twice with shared weights.</summary>
    private void Stage(int idx, (int S, int D, int F) shape)
    {
        _ssa = 0;
        Functions++;
        Stages++;
        (int s, int d, int f) = shape;
        string xT = T(s, d), wT = T(d, d);
        string argTypes = $"{xT}, {wT}, {wT}, {wT}, {wT}, {T(d, f)}, {T(f, d)}, {T(d)}, {T(d)}";
        Line($"func.func @stage_{I(idx)}(%arg0: {xT}, %arg1: {wT}, %arg2: {wT}, %arg3: {wT}, %arg4: {wT}, " +
             $"%arg5: {T(d, f)}, %arg6: {T(f, d)}, %arg7: {T(d)}, %arg8: {T(d)}) -> {xT} {{");
        _indent++;
        string x = "%arg0";
        for (int rep = 0; rep < 2; rep++)
        {
            x = Op(Fresh(), $"func.call @transformer_block_{I(idx)}({x}, %arg1, %arg2, %arg3, %arg4, %arg5, %arg6, %arg7, %arg8) : ({argTypes}) -> {xT}");
        }
        Line($"return {x} : {xT}");
        _indent--;
        Line("}");
    }

    private void ConvBlock(int idx)
    {
        int n = rng.Pick(new[] { 1, 2, 4, 8 });
        int hw = rng.Pick(new[] { 7, 14, 28, 56, 112, 224 });
        int w = rng.Chance(0.8) ? hw : rng.Pick(new[] { 7, 14, 28, 56 });
        int cin = rng.Pick(new[] { 3, 16, 32, 64, 128, 256 });
        int cout = rng.Pick(new[] { 16, 32, 64, 128, 256, 512 });
        int kk = rng.Pick(new[] { 1, 3, 3, 3, 5, 7 });
        int stride = rng.Chance(0.3) ? 2 : 1;
        int pad = kk / 2;
        int ph = hw + 2 * pad, pw = w + 2 * pad;
        int ho = (ph - kk) / stride + 1, wo = (pw - kk) / stride + 1;
        _ssa = 0;
        Functions++;
        Convs++;

        int[] id = [n, hw, w, cin], pd = [n, ph, pw, cin], fd = [kk, kk, cin, cout], od = [n, ho, wo, cout];
        Comment($"---- conv block {idx}: N={n} H={hw} W={w} Cin={cin} Cout={cout} K={kk} stride={stride} pad={pad} ----");
        Line($"func.func @conv_block_{I(idx)}(%arg0: {T(id)}, %arg1: {T(fd)}, %arg2: {T(cout)}) -> ({T(od)}, {T(n, cout)}) {{");
        _indent++;
        string zero = Const(0.0);
        string input = "%arg0";
        if (pad > 0)
        {
            string p = Fresh();
            Line($"{p} = tensor.pad %arg0 low[0, {I(pad)}, {I(pad)}, 0] high[0, {I(pad)}, {I(pad)}, 0] {{");
            string[] ix = [FreshNamed("i"), FreshNamed("i"), FreshNamed("i"), FreshNamed("i")];
            Line($"^bb0({string.Join(", ", ix.Select(a => a + ": index"))}):");
            _indent++;
            Line($"tensor.yield {zero} : f32");
            _indent--;
            Line($"}} : {T(id)} to {T(pd)}{Loc()}");
            input = p;
        }
        string acc = Filled(zero, od);
        string conv = Op(Fresh(),
            $"linalg.conv_2d_nhwc_hwcf {{dilations = dense<1> : tensor<2xi64>, strides = dense<{I(stride)}> : tensor<2xi64>}} " +
            $"ins({input}, %arg1 : {T(pd)}, {T(fd)}) outs({acc} : {T(od)}) -> {T(od)}");
        Comment("bias + relu");
        string biased;
        if (rng.Chance(0.5))
        {
            string e = Empty(od);
            string b = Op(Fresh(), $"linalg.broadcast ins(%arg2 : {T(cout)}) outs({e} : {T(od)}) dimensions = [0, 1, 2]");
            biased = Op(Fresh(), $"arith.addf {conv}, {b} : {T(od)}");
        }
        else
        {
            biased = Generic([(conv, od, Id4), ("%arg2", [cout], Chan4)], od, a => S("arith.addf", a[0], a[1]));
        }
        bool viaSelect = rng.Chance(0.5);
        string relu = Generic([(biased, od, Id4)], od, a =>
        {
            if (!viaSelect)
            {
                return S("arith.maximumf", a[0], zero);
            }
            string c = Op(Fresh(), $"arith.cmpf ugt, {a[0]}, {zero} : f32");
            return Op(Fresh(), $"arith.select {c}, {a[0]}, {zero} : f32");
        });

        Comment("row-wise post-processing");
        string lo = ConstIndex(0), step = ConstIndex(1), hi = ConstIndex(ho);
        string iv = FreshNamed("iv"), carried = FreshNamed("acc");
        string loop = Fresh();
        Line($"{loop} = scf.for {iv} = {lo} to {hi} step {step} iter_args({carried} = {relu}) -> ({T(od)}) {{");
        _indent++;
        int[] rowD = [n, 1, wo, cout];
        string sizes = $"[{I(n)}, 1, {I(wo)}, {I(cout)}] [1, 1, 1, 1]";
        string row = Op(Fresh(), $"tensor.extract_slice {carried}[0, {iv}, 0, 0] {sizes} : {T(od)} to {T(rowD)}");
        string post = Generic([(row, rowD, Id4)], rowD, a =>
        {
            string sq = Op(Fresh(), $"math.sqrt {a[0]} : f32");
            string th = Op(Fresh(), $"math.tanh {sq} : f32");
            return S("arith.mulf", th, a[0]);
        });
        string upd = Op(Fresh(), $"tensor.insert_slice {post} into {carried}[0, {iv}, 0, 0] {sizes} : {T(rowD)} into {T(od)}");
        Line($"scf.yield {upd} : {T(od)}");
        _indent--;
        Line("}" + Loc());

        Comment("global average pool");
        int[] flat = [n, ho * wo, cout];
        string col = Op(Fresh(), $"tensor.collapse_shape {loop} [[0], [1, 2], [3]] : {T(od)} into {T(flat)}");
        string sum = Reduce(col, flat, 1, zero, "arith.addf");
        string count = Const(ho * wo);
        string mean = Generic([(sum, [n, cout], Id2)], [n, cout], a => S("arith.divf", a[0], count));
        Line($"return {loop}, {mean} : {T(od)}, {T(n, cout)}{Loc()}");
        _indent--;
        Line("}");
    }
}
