namespace HwOpt.Corpus;

/// <summary>TOSA ops in MLIR 19 custom syntax (NHWC activations, [OC,KH,KW,IC] conv weights, [OC,IC] FC weights).</summary>
public sealed partial class MlirBuilder
{
    /// <summary><c>tosa.conv2d</c>: x[N,H,W,C] * w[OC,KH,KW,C] + b[OC] -> [N,OH,OW,OC]; symmetric padding; 2*MACs FLOPs.</summary>
    public TensorValue TosaConv2d(TensorValue x, TensorValue w, TensorValue b, int stride = 1, int pad = 0)
    {
        Require(x.Rank == 4 && w.Rank == 4 && x.Shape[3] == w.Shape[3], $"tosa.conv2d {x.Type} * {w.Type}");
        long oh = OutSize(x.Shape[1] + 2 * pad, w.Shape[1], stride, 1), ow = OutSize(x.Shape[2] + 2 * pad, w.Shape[2], stride, 1);
        var r = new TensorValue(Fresh(), [x.Shape[0], oh, ow, w.Shape[0]], Element);
        Emit($"{r.Name} = tosa.conv2d {x.Name}, {w.Name}, {b.Name} {{dilation = array<i64: 1, 1>, pad = array<i64: {pad}, {pad}, {pad}, {pad}>, stride = array<i64: {stride}, {stride}>}} : ({x.Type}, {w.Type}, {b.Type}) -> {r.Type}");
        AddContraction(r.Elements * w.Shape[1] * w.Shape[2] * w.Shape[3]);
        AddOther(r.Elements);
        return r;
    }

    /// <summary><c>tosa.fully_connected</c>: x[N,IC] * w[OC,IC]^T + b[OC] -> [N,OC]; 2*N*OC*IC FLOPs.</summary>
    public TensorValue TosaFullyConnected(TensorValue x, TensorValue w, TensorValue b)
    {
        Require(x.Rank == 2 && w.Rank == 2 && x.Shape[1] == w.Shape[1], $"tosa.fully_connected {x.Type} * {w.Type}");
        var r = new TensorValue(Fresh(), [x.Shape[0], w.Shape[0]], Element);
        Emit($"{r.Name} = tosa.fully_connected {x.Name}, {w.Name}, {b.Name} : ({x.Type}, {w.Type}, {b.Type}) -> {r.Type}");
        AddContraction(r.Elements * x.Shape[1]);
        AddOther(r.Elements);
        return r;
    }

    /// <summary><c>tosa.clamp</c> to [0, +max] (ReLU); MLIR 19 takes f32 <c>min_fp</c>/<c>max_fp</c> for every float type.</summary>
    public TensorValue TosaRelu(TensorValue x)
    {
        var r = x with { Name = Fresh() };
        Emit($"{r.Name} = tosa.clamp {x.Name} {{max_fp = 3.40282347E+38 : f32, max_int = 2147483647 : i64, min_fp = 0.000000e+00 : f32, min_int = 0 : i64}} : ({x.Type}) -> {r.Type}");
        AddOther(r.Elements);
        return r;
    }

    /// <summary><c>tosa.max_pool2d</c> on NHWC with a k x k kernel and no padding.</summary>
    public TensorValue TosaMaxPool2d(TensorValue x, int kernel, int stride)
    {
        long oh = OutSize(x.Shape[1], kernel, stride, 1), ow = OutSize(x.Shape[2], kernel, stride, 1);
        var r = new TensorValue(Fresh(), [x.Shape[0], oh, ow, x.Shape[3]], Element);
        Emit($"{r.Name} = tosa.max_pool2d {x.Name} {{kernel = array<i64: {kernel}, {kernel}>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: {stride}, {stride}>}} : ({x.Type}) -> {r.Type}");
        AddOther(r.Elements * kernel * kernel);
        return r;
    }

    /// <summary><c>tosa.reshape</c> with the MLIR 19 <c>new_shape = array&lt;i64: ...&gt;</c> attribute.</summary>
    public TensorValue TosaReshape(TensorValue x, params long[] shape)
    {
        var r = new TensorValue(Fresh(), shape, Element);
        Emit($"{r.Name} = tosa.reshape {x.Name} {{new_shape = array<i64: {List(shape)}>}} : ({x.Type}) -> {r.Type}");
        return r;
    }

    /// <summary><c>tosa.add</c> (operands of equal rank; size-1 dims broadcast).</summary>
    public TensorValue TosaAdd(TensorValue a, TensorValue b)
    {
        var r = a.Elements >= b.Elements ? a with { Name = Fresh() } : b with { Name = Fresh() };
        Emit($"{r.Name} = tosa.add {a.Name}, {b.Name} : ({a.Type}, {b.Type}) -> {r.Type}");
        AddOther(r.Elements);
        return r;
    }
}
