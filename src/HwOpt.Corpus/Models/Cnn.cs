namespace HwOpt.Corpus.Models;

/// <summary>Convolutional networks in NCHW (torchvision layouts): ResNet-50, MobileNetV2, ConvNeXt-T.</summary>
internal static class Cnn
{
    /// <summary>Conv (no bias) + inference batch norm; weights <c>{p}_weight</c> [F,C,K,K] and <c>{p}_bn_*</c> [F].</summary>
    private static TensorValue ConvBn(MlirBuilder b, TensorValue x, string p, long outC, int k, int stride, int pad)
    {
        var w = b.Weight(p + "_weight", outC, x.Shape[1], k, k);
        var y = b.Conv2d(x, w, stride, pad);
        return BnOnly(b, y, p);
    }

    private static TensorValue BnOnly(MlirBuilder b, TensorValue y, string p)
    {
        long c = y.Shape[1];
        var g = b.Weight(p + "_bn_gamma", c);
        var beta = b.Weight(p + "_bn_beta", c);
        var mean = b.Weight(p + "_bn_mean", c);
        var variance = b.Weight(p + "_bn_var", c);
        return b.BatchNorm(y, g, beta, mean, variance);
    }

    /// <summary>Bias [C] added on the channel axis of an NCHW tensor.</summary>
    private static TensorValue ChannelBias(MlirBuilder b, TensorValue y, TensorValue bias) =>
        b.Add(y, b.Reshape(bias, [bias.Shape[0], 1, 1]));

    private static TensorValue Head(MlirBuilder b, TensorValue features, long classes, string name)
    {
        var w = b.Weight(name + "_weight", features.Shape[1], classes);
        var bias = b.Weight(name + "_bias", classes);
        return b.Linear(features, w, bias);
    }

    /// <summary>ResNet-50 v1.5 (torchvision: stride on the 3x3 conv): 3-4-6-3 bottlenecks, 1000 classes.</summary>
    public static TensorValue ResNet50(MlirBuilder b, ModelConfig c)
    {
        var x = b.Input("input", c.Batch, 3, c.Image, c.Image);
        x = b.Relu(ConvBn(b, x, "conv1", 64, 7, 2, 3));
        x = b.MaxPool(x, 3, 2, 1);
        (int Width, int Blocks, int Stride)[] stages = [(64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)];
        for (int s = 0; s < stages.Length; s++)
        {
            var (width, blocks, stride) = stages[s];
            for (int i = 0; i < blocks; i++)
            {
                string p = $"layer{s + 1}_{i}";
                int st = i == 0 ? stride : 1;
                var identity = i == 0 ? ConvBn(b, x, p + "_downsample", width * 4, 1, st, 0) : x;
                var y = b.Relu(ConvBn(b, x, p + "_conv1", width, 1, 1, 0));
                y = b.Relu(ConvBn(b, y, p + "_conv2", width, 3, st, 1));
                y = ConvBn(b, y, p + "_conv3", width * 4, 1, 1, 0);
                x = b.Relu(b.Add(y, identity));
            }
        }
        return Head(b, b.Mean(x, 2, 3), 1000, "fc");
    }

    /// <summary>MobileNetV2 (width 1.0): inverted residuals with linear bottlenecks, ReLU6, 1000 classes.</summary>
    public static TensorValue MobileNetV2(MlirBuilder b, ModelConfig c)
    {
        var x = b.Input("input", c.Batch, 3, c.Image, c.Image);
        x = b.Relu6(ConvBn(b, x, "features_0", 32, 3, 2, 1));
        (int T, int C, int N, int S)[] settings = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)];
        int index = 1;
        foreach (var (t, outC, n, s) in settings)
        {
            for (int i = 0; i < n; i++, index++)
            {
                string p = $"features_{index}";
                int stride = i == 0 ? s : 1;
                long inC = x.Shape[1];
                var y = x;
                if (t != 1) y = b.Relu6(ConvBn(b, y, p + "_expand", inC * t, 1, 1, 0));
                var dw = b.Weight(p + "_dw_weight", y.Shape[1], 3, 3);
                y = b.Relu6(BnOnly(b, b.DepthwiseConv2d(y, dw, stride, 1), p + "_dw"));
                y = ConvBn(b, y, p + "_project", outC, 1, 1, 0);
                x = stride == 1 && inC == outC ? b.Add(x, y) : y;
            }
        }
        x = b.Relu6(ConvBn(b, x, $"features_{index}", 1280, 1, 1, 0));
        return Head(b, b.Mean(x, 2, 3), 1000, "classifier");
    }

    /// <summary>ConvNeXt-T: stem 4x4/4, depths 3-3-9-3, dims 96-192-384-768, 7x7 depthwise, LN, 4x MLP with GELU, layer scale.</summary>
    public static TensorValue ConvNextT(MlirBuilder b, ModelConfig c)
    {
        int[] depths = [3, 3, 9, 3];
        long[] dims = [96, 192, 384, 768];
        const double eps = 1e-6;
        var x = b.Input("input", c.Batch, 3, c.Image, c.Image);
        for (int s = 0; s < 4; s++)
        {
            if (s == 0)
            {
                x = ChannelBias(b, b.Conv2d(x, b.Weight("stem_conv_weight", dims[0], 3, 4, 4), 4), b.Weight("stem_conv_bias", dims[0]));
                x = LayerNormChannels(b, x, "stem_ln", eps);
            }
            else
            {
                x = LayerNormChannels(b, x, $"downsample{s}_ln", eps);
                var w = b.Weight($"downsample{s}_conv_weight", dims[s], dims[s - 1], 2, 2);
                x = ChannelBias(b, b.Conv2d(x, w, 2), b.Weight($"downsample{s}_conv_bias", dims[s]));
            }
            for (int i = 0; i < depths[s]; i++)
            {
                string p = $"stage{s}_{i}";
                long d = dims[s];
                var y = b.DepthwiseConv2d(x, b.Weight(p + "_dw_weight", d, 7, 7), 1, 3);
                y = ChannelBias(b, y, b.Weight(p + "_dw_bias", d));
                y = b.Transpose(y, 0, 2, 3, 1);
                y = b.LayerNorm(y, b.Weight(p + "_ln_gamma", d), b.Weight(p + "_ln_beta", d), eps);
                y = b.Gelu(b.Linear(y, b.Weight(p + "_pw1_weight", d, 4 * d), b.Weight(p + "_pw1_bias", 4 * d)));
                y = b.Linear(y, b.Weight(p + "_pw2_weight", 4 * d, d), b.Weight(p + "_pw2_bias", d));
                y = b.Mul(y, b.Weight(p + "_layer_scale", d));
                x = b.Add(x, b.Transpose(y, 0, 3, 1, 2));
            }
        }
        var pooled = b.Mean(x, 2, 3);
        pooled = b.LayerNorm(pooled, b.Weight("head_ln_gamma", dims[3]), b.Weight("head_ln_beta", dims[3]), eps);
        return Head(b, pooled, 1000, "head");
    }

    /// <summary>LayerNorm over the channel axis of NCHW (ConvNeXt "channels_first"): permute to NHWC, normalize, permute back.</summary>
    private static TensorValue LayerNormChannels(MlirBuilder b, TensorValue x, string p, double eps)
    {
        long ch = x.Shape[1];
        var t = b.Transpose(x, 0, 2, 3, 1);
        t = b.LayerNorm(t, b.Weight(p + "_gamma", ch), b.Weight(p + "_beta", ch), eps);
        return b.Transpose(t, 0, 3, 1, 2);
    }

    /// <summary>LeNet-5 (modern variant: ReLU and 2x2 max pooling) on a 1x32x32 image: C1-S2-C3-S4-C5-F6-output.</summary>
    public static TensorValue LeNet5(MlirBuilder b, ModelConfig c)
    {
        var x = b.Input("input", c.Batch, 1, c.Image, c.Image);
        TensorValue Conv(TensorValue v, string n, long outC) =>
            b.Relu(ChannelBias(b, b.Conv2d(v, b.Weight(n + "_weight", outC, v.Shape[1], 5, 5)), b.Weight(n + "_bias", outC)));
        x = b.MaxPool(Conv(x, "c1", 6), 2, 2);
        x = b.MaxPool(Conv(x, "c3", 16), 2, 2);
        x = Conv(x, "c5", 120);
        var flat = b.Reshape(x, [c.Batch, x.Elements / c.Batch]);
        var f6 = b.Relu(b.Linear(flat, b.Weight("f6_weight", flat.Shape[1], 84), b.Weight("f6_bias", 84)));
        return b.Linear(f6, b.Weight("output_weight", 84, 10), b.Weight("output_bias", 10));
    }

    /// <summary>LeNet-5 in TOSA (NHWC, <c>tosa.conv2d</c>, <c>tosa.clamp</c>, <c>tosa.max_pool2d</c>, <c>tosa.fully_connected</c>).</summary>
    public static TensorValue LeNet5Tosa(MlirBuilder b, ModelConfig c)
    {
        var x = b.Input("input", c.Batch, c.Image, c.Image, 1);
        TensorValue Conv(TensorValue v, string n, long outC) =>
            b.TosaRelu(b.TosaConv2d(v, b.Weight(n + "_weight", outC, 5, 5, v.Shape[3]), b.Weight(n + "_bias", outC)));
        x = b.TosaMaxPool2d(Conv(x, "c1", 6), 2, 2);
        x = b.TosaMaxPool2d(Conv(x, "c3", 16), 2, 2);
        x = Conv(x, "c5", 120);
        var flat = b.TosaReshape(x, c.Batch, x.Elements / c.Batch);
        var f6 = b.TosaRelu(b.TosaFullyConnected(flat, b.Weight("f6_weight", 84, flat.Shape[1]), b.Weight("f6_bias", 84)));
        return b.TosaFullyConnected(f6, b.Weight("output_weight", 10, 84), b.Weight("output_bias", 10));
    }

    /// <summary>MLP 784-512-256-10 with ReLU (MNIST-sized).</summary>
    public static TensorValue Mlp(MlirBuilder b, ModelConfig c)
    {
        var x = b.Input("input", c.Batch, 784);
        long[] widths = [512, 256, 10];
        for (int i = 0; i < widths.Length; i++)
        {
            var y = b.Linear(x, b.Weight($"fc{i + 1}_weight", x.Shape[1], widths[i]), b.Weight($"fc{i + 1}_bias", widths[i]));
            x = i < widths.Length - 1 ? b.Relu(y) : y;
        }
        return x;
    }

    /// <summary>MLP 784-512-256-10 in TOSA (<c>tosa.fully_connected</c>, <c>tosa.clamp</c>).</summary>
    public static TensorValue MlpTosa(MlirBuilder b, ModelConfig c)
    {
        var x = b.Input("input", c.Batch, 784);
        long[] widths = [512, 256, 10];
        for (int i = 0; i < widths.Length; i++)
        {
            var y = b.TosaFullyConnected(x, b.Weight($"fc{i + 1}_weight", widths[i], x.Shape[1]), b.Weight($"fc{i + 1}_bias", widths[i]));
            x = i < widths.Length - 1 ? b.TosaRelu(y) : y;
        }
        return x;
    }
}
