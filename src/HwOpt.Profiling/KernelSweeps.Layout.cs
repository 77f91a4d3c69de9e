namespace HwOpt.Profiling;

// Sweeps of the ops models are full of that move or set memory rather than compute: linalg.fill of an init tensor,
// tensor.expand_shape / collapse_shape (a copy once outlined, since the kernel returns a new buffer),
// tensor.insert_slice (concatenation, padding), and the TOSA ops of TFLite models (lowered by tosa-to-linalg).
public static partial class KernelSweeps
{
    private static readonly string[] FillTypes = ["f32", "f32", "f16", "bf16", "i8", "i32", "i64"];

    private static string Zero(string element) => element.StartsWith('i') ? "0 : " + element : "0.000000e+00 : " + element;

    private static string? Fill(Random rng, int i)
    {
        var shape = RandomShape(rng, MaxElements);
        string t = Pick(rng, FillTypes);
        string o = Tensor(shape, t);
        return $"func.func @fill{i}(%o: {o}) -> {o} {{\n  %c = arith.constant {Zero(t)}\n" +
               $"  %0 = linalg.fill ins(%c : {t}) outs(%o : {o}) -> {o}\n  return %0 : {o}\n}}\n";
    }

    /// <summary>An expanded shape and its reassociation: each collapsed dimension becomes one to three dimensions
    /// (split into factors, or with unit dimensions around it), as models reshape heads, batches and broadcasts.</summary>
    private static (long[] Expanded, List<List<int>> Groups)? Expand(Random rng, long[] collapsed)
    {
        var expanded = new List<long>();
        var groups = new List<List<int>>();
        foreach (long d in collapsed)
        {
            var group = new List<int>();
            var parts = new List<long>();
            switch (rng.Next(4))
            {
                case 0:
                    parts.Add(d);
                    break;
                case 1:
                    parts.AddRange(rng.Next(2) == 0 ? [1, d] : [d, 1]);
                    break;
                default:
                {
                    var factors = new[] { 2L, 3, 4, 8, 12, 16, 32, 64 }.Where(f => d % f == 0 && d / f > 1).ToArray();
                    if (factors.Length == 0) parts.AddRange([1, d, 1]);
                    else
                    {
                        long f = Pick(rng, factors);
                        parts.AddRange(rng.Next(2) == 0 ? [f, d / f] : [d / f, f]);
                    }
                    break;
                }
            }
            foreach (var p in parts)
            {
                group.Add(expanded.Count);
                expanded.Add(p);
            }
            groups.Add(group);
        }
        return expanded.Count == collapsed.Length || expanded.Count > 6 ? null : (expanded.ToArray(), groups);
    }

    private static string? Reshape(Random rng, int i)
    {
        var collapsed = RandomShape(rng, MaxElements / 2);
        if (Expand(rng, collapsed) is not var (expanded, groups)) return null;
        string t = Pick(rng, new[] { "f32", "f32", "f16", "bf16", "i8", "i32" });
        string small = Tensor(collapsed, t), big = Tensor(expanded, t);
        string reassociation = "[" + string.Join(", ", groups.Select(g => "[" + string.Join(", ", g) + "]")) + "]";
        return rng.Next(2) == 0
            ? $"func.func @expand{i}(%a: {small}) -> {big} {{\n  %0 = tensor.expand_shape %a {reassociation} output_shape [{string.Join(", ", expanded)}] : {small} into {big}\n  return %0 : {big}\n}}\n"
            : $"func.func @collapse{i}(%a: {big}) -> {small} {{\n  %0 = tensor.collapse_shape %a {reassociation} : {big} into {small}\n  return %0 : {small}\n}}\n";
    }

    private static string? InsertSlice(Random rng, int i)
    {
        var dest = RandomShape(rng, MaxElements / 2);
        int rank = dest.Length;
        // A part of the destination along one dimension (concatenation) or a centred window (padding).
        var size = dest.ToArray();
        var offset = new long[rank];
        if (rng.Next(2) == 0)
        {
            int d = rng.Next(rank);
            if (dest[d] < 2) return null;
            size[d] = Math.Max(1, dest[d] / Pick(rng, new long[] { 2, 3, 4 }));
            offset[d] = rng.Next(2) == 0 ? 0 : dest[d] - size[d];
        }
        else
        {
            for (int d = 0; d < rank; d++)
            {
                long border = Math.Min(dest[d] / 4, Pick(rng, new long[] { 0, 1, 1, 2, 3 }));
                size[d] = dest[d] - 2 * border;
                offset[d] = border;
            }
            if (size.SequenceEqual(dest)) return null;
        }
        string t = Pick(rng, new[] { "f32", "f32", "f16", "bf16", "i8" });
        string src = Tensor(size, t), dst = Tensor(dest, t);
        return $"func.func @ins{i}(%s: {src}, %d: {dst}) -> {dst} {{\n" +
               $"  %0 = tensor.insert_slice %s into %d[{string.Join(", ", offset)}] [{string.Join(", ", size)}] [{string.Join(", ", Enumerable.Repeat(1, rank))}] : {src} into {dst}\n" +
               $"  return %0 : {dst}\n}}\n";
    }

    private static string? Tosa(Random rng, int i)
    {
        string t = rng.Next(4) == 0 ? "f16" : "f32";
        switch (rng.Next(6))
        {
            case 0:
            {
                var shape = RandomShape(rng, MaxElements / 2);
                string x = Tensor(shape, t);
                string max = rng.Next(2) == 0 ? "6.000000e+00" : "3.40282347E+38";
                return $"func.func @clamp{i}(%x: {x}) -> {x} {{\n  %0 = tosa.clamp %x {{max_fp = {max} : f32, max_int = 2147483647 : i64, min_fp = 0.000000e+00 : f32, min_int = 0 : i64}} : ({x}) -> {x}\n  return %0 : {x}\n}}\n";
            }
            case 1:
            {
                var shape = RandomShape(rng, MaxElements / 2);
                string x = Tensor(shape, t);
                // The second operand the same shape, or broadcast along the leading dimensions (same rank, size 1).
                var other = shape.Select((d, k) => k < shape.Length - 1 && rng.Next(2) == 0 ? 1 : d).ToArray();
                string y = Tensor(other, t);
                string op = Pick(rng, new[] { "tosa.add", "tosa.sub", "tosa.maximum" });
                return $"func.func @bin{i}(%x: {x}, %y: {y}) -> {x} {{\n  %0 = {op} %x, %y : ({x}, {y}) -> {x}\n  return %0 : {x}\n}}\n";
            }
            case 2:
            {
                var collapsed = RandomShape(rng, MaxElements / 2);
                if (Expand(rng, collapsed) is not var (expanded, _)) return null;
                var (from, to) = rng.Next(2) == 0 ? (collapsed, expanded) : (expanded, collapsed);
                string x = Tensor(from, t), y = Tensor(to, t);
                return $"func.func @reshape{i}(%x: {x}) -> {y} {{\n  %0 = tosa.reshape %x {{new_shape = array<i64: {string.Join(", ", to)}>}} : ({x}) -> {y}\n  return %0 : {y}\n}}\n";
            }
            case 3:
            {
                long n = Pick(rng, new long[] { 1, 1, 2, 8, 32 }), ic = Pick(rng, Dims), oc = Pick(rng, Dims);
                if (n * ic * oc > MaxMacs || ic * oc > MaxElements || ic < 8 || oc < 8) return null;
                string x = Tensor([n, ic], t), w = Tensor([oc, ic], t), b = Tensor([oc], t), o = Tensor([n, oc], t);
                return $"func.func @fc{i}(%x: {x}, %w: {w}, %b: {b}) -> {o} {{\n  %0 = tosa.fully_connected %x, %w, %b : ({x}, {w}, {b}) -> {o}\n  return %0 : {o}\n}}\n";
            }
            case 4:
            {
                long c = Pick(rng, Channels), f = Pick(rng, Channels), oh = Pick(rng, Spatial), kh = Pick(rng, new long[] { 1, 3, 3, 5 }), s = rng.Next(3) == 0 ? 2 : 1;
                long ih = (oh - 1) * s + kh;
                if (f * oh * oh * c * kh * kh > MaxMacs || c * ih * ih > MaxElements) return null;
                string x = Tensor([1, ih, ih, c], t), w = Tensor([f, kh, kh, c], t), b = Tensor([f], t), o = Tensor([1, oh, oh, f], t);
                return $"func.func @tconv{i}(%x: {x}, %w: {w}, %b: {b}) -> {o} {{\n  %0 = tosa.conv2d %x, %w, %b {{dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: {s}, {s}>}} : ({x}, {w}, {b}) -> {o}\n  return %0 : {o}\n}}\n";
            }
            default:
            {
                long c = Pick(rng, Channels), oh = Pick(rng, Spatial), k = Pick(rng, new long[] { 2, 2, 3 });
                long ih = oh * k;
                if (c * ih * ih > MaxElements) return null;
                string x = Tensor([1, ih, ih, c], t), o = Tensor([1, oh, oh, c], t);
                return $"func.func @tpool{i}(%x: {x}) -> {o} {{\n  %0 = tosa.max_pool2d %x {{kernel = array<i64: {k}, {k}>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: {k}, {k}>}} : ({x}) -> {o}\n  return %0 : {o}\n}}\n";
            }
        }
    }
}
