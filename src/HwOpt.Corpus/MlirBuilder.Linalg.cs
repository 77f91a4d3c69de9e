namespace HwOpt.Corpus;

/// <summary>Contractions, convolutions, pooling and padding (linalg named ops, <c>tensor.pad</c>).</summary>
public sealed partial class MlirBuilder
{
    /// <summary><c>linalg.matmul</c>: [M,K] x [K,N] -> [M,N] (zero-filled accumulator); 2*M*N*K FLOPs.</summary>
    public TensorValue Matmul(TensorValue a, TensorValue b)
    {
        Require(a.Rank == 2 && b.Rank == 2 && a.Shape[1] == b.Shape[0], $"matmul {a.Type} x {b.Type}");
        long m = a.Shape[0], k = a.Shape[1], n = b.Shape[1];
        var acc = Filled([m, n], 0);
        var r = acc with { Name = Fresh() };
        Emit($"{r.Name} = linalg.matmul ins({a.Name}, {b.Name} : {a.Type}, {b.Type}) outs({acc.Name} : {acc.Type}) -> {r.Type}");
        AddContraction(m * n * k);
        return r;
    }

    /// <summary><c>linalg.batch_matmul</c>: [B,M,K] x [B,K,N] -> [B,M,N]; 2*B*M*N*K FLOPs.</summary>
    public TensorValue BatchMatmul(TensorValue a, TensorValue b)
    {
        Require(a.Rank == 3 && b.Rank == 3 && a.Shape[0] == b.Shape[0] && a.Shape[2] == b.Shape[1], $"batch_matmul {a.Type} x {b.Type}");
        long bs = a.Shape[0], m = a.Shape[1], k = a.Shape[2], n = b.Shape[2];
        var acc = Filled([bs, m, n], 0);
        var r = acc with { Name = Fresh() };
        Emit($"{r.Name} = linalg.batch_matmul ins({a.Name}, {b.Name} : {a.Type}, {b.Type}) outs({acc.Name} : {acc.Type}) -> {r.Type}");
        AddContraction(bs * m * n * k);
        return r;
    }

    /// <summary>
    /// A fully connected layer on the last axis: x[..., in] x w[in, out] (+ bias[out]) -> [..., out]. Leading axes are
    /// collapsed for a 2-D <c>linalg.matmul</c> and expanded back, as torch-mlir lowers <c>aten.linear</c>.
    /// </summary>
    public TensorValue Linear(TensorValue x, TensorValue w, TensorValue? bias = null)
    {
        long rows = x.Elements / x.Shape[^1];
        var x2 = x.Rank == 2 ? x : Reshape(x, [rows, x.Shape[^1]]);
        var y = Matmul(x2, w);
        if (bias is not null) y = Add(y, bias);
        var outShape = x.Shape.Take(x.Rank - 1).Append(w.Shape[1]).ToArray();
        return x.Rank == 2 ? y : Reshape(y, outShape);
    }

    /// <summary>
    /// <c>linalg.conv_2d_nchw_fchw</c>: x[N,C,H,W] * w[F,C,KH,KW] -> [N,F,OH,OW], after a zero <c>tensor.pad</c> of
    /// <paramref name="pad"/> on H and W when it is positive; 2*N*F*OH*OW*C*KH*KW FLOPs.
    /// </summary>
    public TensorValue Conv2d(TensorValue x, TensorValue w, int stride = 1, int pad = 0, int dilation = 1)
    {
        Require(x.Rank == 4 && w.Rank == 4 && x.Shape[1] == w.Shape[1], $"conv {x.Type} * {w.Type}");
        var input = pad > 0 ? Pad(x, [0, 0, pad, pad], [0, 0, pad, pad], 0) : x;
        long n = x.Shape[0], f = w.Shape[0], c = w.Shape[1], kh = w.Shape[2], kw = w.Shape[3];
        long oh = OutSize(input.Shape[2], kh, stride, dilation), ow = OutSize(input.Shape[3], kw, stride, dilation);
        var acc = Filled([n, f, oh, ow], 0);
        var r = acc with { Name = Fresh() };
        Emit($"{r.Name} = linalg.conv_2d_nchw_fchw {ConvAttrs(stride, dilation)} ins({input.Name}, {w.Name} : {input.Type}, {w.Type}) outs({acc.Name} : {acc.Type}) -> {r.Type}");
        AddContraction(n * f * oh * ow * c * kh * kw);
        return r;
    }

    /// <summary>
    /// <c>linalg.depthwise_conv_2d_nchw_chw</c>: x[N,C,H,W] * w[C,KH,KW] -> [N,C,OH,OW] (channel multiplier 1), after a
    /// zero pad; 2*N*C*OH*OW*KH*KW FLOPs.
    /// </summary>
    public TensorValue DepthwiseConv2d(TensorValue x, TensorValue w, int stride = 1, int pad = 0, int dilation = 1)
    {
        Require(x.Rank == 4 && w.Rank == 3 && x.Shape[1] == w.Shape[0], $"depthwise conv {x.Type} * {w.Type}");
        var input = pad > 0 ? Pad(x, [0, 0, pad, pad], [0, 0, pad, pad], 0) : x;
        long n = x.Shape[0], c = w.Shape[0], kh = w.Shape[1], kw = w.Shape[2];
        long oh = OutSize(input.Shape[2], kh, stride, dilation), ow = OutSize(input.Shape[3], kw, stride, dilation);
        var acc = Filled([n, c, oh, ow], 0);
        var r = acc with { Name = Fresh() };
        Emit($"{r.Name} = linalg.depthwise_conv_2d_nchw_chw {ConvAttrs(stride, dilation)} ins({input.Name}, {w.Name} : {input.Type}, {w.Type}) outs({acc.Name} : {acc.Type}) -> {r.Type}");
        AddContraction(n * c * oh * ow * kh * kw);
        return r;
    }

    /// <summary>
    /// <c>linalg.pooling_nchw_max</c> over a k x k window (padding with -inf first when <paramref name="pad"/> &gt; 0).
    /// </summary>
    public TensorValue MaxPool(TensorValue x, int kernel, int stride, int pad = 0) => Pool(x, kernel, stride, pad, max: true);

    /// <summary>
    /// Average pooling as torch-mlir writes it: <c>linalg.pooling_nchw_sum</c> then a multiply by 1/(k*k).
    /// </summary>
    public TensorValue AvgPool(TensorValue x, int kernel, int stride)
    {
        var s = Pool(x, kernel, stride, 0, max: false);
        return Scale(s, 1.0 / (kernel * kernel));
    }

    private TensorValue Pool(TensorValue x, int kernel, int stride, int pad, bool max)
    {
        Require(x.Rank == 4, $"pool {x.Type}");
        double padValue = max ? double.NegativeInfinity : 0;
        var input = pad > 0 ? Pad(x, [0, 0, pad, pad], [0, 0, pad, pad], padValue) : x;
        long oh = OutSize(input.Shape[2], kernel, stride, 1), ow = OutSize(input.Shape[3], kernel, stride, 1);
        long[] outShape = [x.Shape[0], x.Shape[1], oh, ow];
        var window = Empty([kernel, kernel]);
        var acc = Filled(outShape, padValue);
        var r = acc with { Name = Fresh() };
        string op = max ? "linalg.pooling_nchw_max" : "linalg.pooling_nchw_sum";
        Emit($"{r.Name} = {op} {ConvAttrs(stride, 1)} ins({input.Name}, {window.Name} : {input.Type}, {window.Type}) outs({acc.Name} : {acc.Type}) -> {r.Type}");
        AddOther(r.Elements * kernel * kernel);
        return r;
    }

    /// <summary><c>tensor.pad</c> with a constant value; <paramref name="low"/>/<paramref name="high"/> are per-dimension element counts.</summary>
    public TensorValue Pad(TensorValue x, long[] low, long[] high, double value)
    {
        string c = Scalar(value);
        var shape = x.Shape.Select((d, i) => d + low[i] + high[i]).ToArray();
        var r = new TensorValue(Fresh(), shape, Element);
        string idx = string.Join(", ", Enumerable.Range(0, x.Rank).Select(_ => Fresh() + ": index"));
        Emit($"{r.Name} = tensor.pad {x.Name} low[{List(low)}] high[{List(high)}] {{\n^bb0({idx}):\n  tensor.yield {c} : {Element.Mlir()}\n}} : {x.Type} to {r.Type}");
        return r;
    }

    private static string ConvAttrs(int stride, int dilation) =>
        $"{{dilations = dense<{dilation}> : tensor<2xi64>, strides = dense<{stride}> : tensor<2xi64>}}";

    private static long OutSize(long size, long kernel, int stride, int dilation) => (size - dilation * (kernel - 1) - 1) / stride + 1;

    private static void Require(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException("shape mismatch: " + what);
    }
}
