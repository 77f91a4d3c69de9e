namespace HwOpt.Corpus.Models;

/// <summary>Transformer encoders and decoders: BERT-base, GPT-2 small, ViT-B/16, Llama-2-7B layers.</summary>
internal static class Transformers
{
    /// <summary>[B,S,H] -> [B,heads,S,H/heads] (reshape + transpose).</summary>
    private static TensorValue SplitHeads(MlirBuilder b, TensorValue x, int heads)
    {
        long bs = x.Shape[0], s = x.Shape[1], hd = x.Shape[2] / heads;
        return b.Transpose(b.Reshape(x, [bs, s, heads, hd]), 0, 2, 1, 3);
    }

    /// <summary>
    /// Scaled dot-product attention on [B,h,S,d] q, k, v: batch matmuls over B*h, scale 1/sqrt(d), optional additive
    /// mask [B,S] or causal mask, softmax; returns the merged context [B,S,h*d].
    /// </summary>
    private static TensorValue Attention(MlirBuilder b, TensorValue q, TensorValue k, TensorValue v, TensorValue? mask, bool causal)
    {
        long bs = q.Shape[0], h = q.Shape[1], s = q.Shape[2], d = q.Shape[3];
        var q3 = b.Reshape(q, [bs * h, s, d]);
        var kt = b.Reshape(b.Transpose(k, 0, 1, 3, 2), [bs * h, d, s]);
        var scores = b.Reshape(b.BatchMatmul(q3, kt), [bs, h, s, s]);
        scores = b.Scale(scores, 1.0 / Math.Sqrt(d));
        if (mask is not null) scores = b.Add(scores, b.Reshape(mask, [bs, 1, 1, s]));
        if (causal) scores = b.CausalMask(scores);
        var probs = b.Reshape(b.Softmax(scores), [bs * h, s, s]);
        var ctx = b.Reshape(b.BatchMatmul(probs, b.Reshape(v, [bs * h, s, d])), [bs, h, s, d]);
        return b.Reshape(b.Transpose(ctx, 0, 2, 1, 3), [bs, s, h * d]);
    }

    private static TensorValue Dense(MlirBuilder b, TensorValue x, string p, long outF, bool bias = true) =>
        b.Linear(x, b.Weight(p + "_weight", x.Shape[^1], outF), bias ? b.Weight(p + "_bias", outF) : null);

    private static TensorValue Norm(MlirBuilder b, TensorValue x, string p, double eps) =>
        b.LayerNorm(x, b.Weight(p + "_gamma", x.Shape[^1]), b.Weight(p + "_beta", x.Shape[^1]), eps);

    /// <summary>BERT-base encoder (post-LN, exact GELU, LN eps 1e-12) from the embedding output, with an additive [B,S] mask.</summary>
    public static TensorValue Bert(MlirBuilder b, ModelConfig c)
    {
        const long hidden = 768, ffn = 3072;
        const int heads = 12;
        var x = b.Input("hidden_states", c.Batch, c.Sequence, hidden);
        var mask = b.Input("attention_mask", c.Batch, c.Sequence);
        for (int l = 0; l < c.Layers; l++)
        {
            string p = $"layer{l}";
            var q = SplitHeads(b, Dense(b, x, p + "_query", hidden), heads);
            var k = SplitHeads(b, Dense(b, x, p + "_key", hidden), heads);
            var v = SplitHeads(b, Dense(b, x, p + "_value", hidden), heads);
            var attn = Dense(b, Attention(b, q, k, v, mask, causal: false), p + "_attn_out", hidden);
            x = Norm(b, b.Add(attn, x), p + "_attn_ln", 1e-12);
            var f = Dense(b, b.Gelu(Dense(b, x, p + "_intermediate", ffn)), p + "_output", hidden);
            x = Norm(b, b.Add(f, x), p + "_output_ln", 1e-12);
        }
        return x;
    }

    /// <summary>GPT-2 small (pre-LN, fused c_attn split by extract_slice, causal mask, tanh GELU, final ln_f).</summary>
    public static TensorValue Gpt2(MlirBuilder b, ModelConfig c)
    {
        const long hidden = 768;
        const int heads = 12;
        var x = b.Input("hidden_states", c.Batch, c.Sequence, hidden);
        long bs = c.Batch, s = c.Sequence;
        for (int l = 0; l < c.Layers; l++)
        {
            string p = $"h{l}";
            var qkv = Dense(b, Norm(b, x, p + "_ln_1", 1e-5), p + "_attn_c_attn", 3 * hidden);
            TensorValue Part(int i) => SplitHeads(b, b.ExtractSlice(qkv, [0, 0, i * hidden], [bs, s, hidden]), heads);
            var attn = Attention(b, Part(0), Part(1), Part(2), null, causal: true);
            x = b.Add(x, Dense(b, attn, p + "_attn_c_proj", hidden));
            var m = b.GeluTanh(Dense(b, Norm(b, x, p + "_ln_2", 1e-5), p + "_mlp_c_fc", 4 * hidden));
            x = b.Add(x, Dense(b, m, p + "_mlp_c_proj", hidden));
        }
        return Norm(b, x, "ln_f", 1e-5);
    }

    /// <summary>ViT-B/16: 16x16 patch conv, cls token, learned position embeddings, pre-LN encoder (GELU, eps 1e-6), 1000-class head on cls.</summary>
    public static TensorValue Vit(MlirBuilder b, ModelConfig c)
    {
        const long hidden = 768, mlp = 3072;
        const int heads = 12, patch = 16;
        long bs = c.Batch, grid = c.Image / patch, tokens = grid * grid + 1;
        var img = b.Input("input", bs, 3, c.Image, c.Image);
        var pe = b.Conv2d(img, b.Weight("patch_embed_weight", hidden, 3, patch, patch), patch);
        pe = b.Add(pe, b.Reshape(b.Weight("patch_embed_bias", hidden), [hidden, 1, 1]));
        var seq = b.Transpose(b.Reshape(pe, [bs, hidden, grid * grid]), 0, 2, 1);
        var cls = b.Weight("cls_token", 1, 1, hidden);
        var clsB = bs == 1 ? cls : b.Map([cls, b.Empty([bs, 1, hidden])], (_, a) => a[0]);
        var x = b.Add(b.Concat(1, clsB, seq), b.Weight("pos_embed", 1, tokens, hidden));
        for (int l = 0; l < c.Layers; l++)
        {
            string p = $"blocks{l}";
            var h = Norm(b, x, p + "_norm1", 1e-6);
            var q = SplitHeads(b, Dense(b, h, p + "_q", hidden), heads);
            var k = SplitHeads(b, Dense(b, h, p + "_k", hidden), heads);
            var v = SplitHeads(b, Dense(b, h, p + "_v", hidden), heads);
            x = b.Add(x, Dense(b, Attention(b, q, k, v, null, causal: false), p + "_proj", hidden));
            var m = Dense(b, b.Gelu(Dense(b, Norm(b, x, p + "_norm2", 1e-6), p + "_fc1", mlp)), p + "_fc2", hidden);
            x = b.Add(x, m);
        }
        x = Norm(b, x, "norm", 1e-6);
        var clsOut = b.Reshape(b.ExtractSlice(x, [0, 0, 0], [bs, 1, hidden]), [bs, hidden]);
        return Dense(b, clsOut, "head", 1000);
    }

    /// <summary>
    /// Llama-2-7B decoder layers: RMSNorm (eps 1e-5), q/k/v/o without bias, RoPE from [S,128] cos/sin inputs
    /// (rotate-half via extract_slice/insert_slice), causal softmax attention, SwiGLU FFN 11008, final RMSNorm.
    /// </summary>
    public static TensorValue Llama2(MlirBuilder b, ModelConfig c)
    {
        const long hidden = 4096, ffn = 11008;
        const int heads = 32;
        const double eps = 1e-5;
        long hd = hidden / heads;
        var x = b.Input("hidden_states", c.Batch, c.Sequence, hidden);
        var cos = b.Input("rope_cos", c.Sequence, hd);
        var sin = b.Input("rope_sin", c.Sequence, hd);
        for (int l = 0; l < c.Layers; l++)
        {
            string p = $"layers{l}";
            var h = b.RmsNorm(x, b.Weight(p + "_input_layernorm_weight", hidden), eps);
            var q = Rope(b, SplitHeads(b, Dense(b, h, p + "_q_proj", hidden, bias: false), heads), cos, sin);
            var k = Rope(b, SplitHeads(b, Dense(b, h, p + "_k_proj", hidden, bias: false), heads), cos, sin);
            var v = SplitHeads(b, Dense(b, h, p + "_v_proj", hidden, bias: false), heads);
            x = b.Add(x, Dense(b, Attention(b, q, k, v, null, causal: true), p + "_o_proj", hidden, bias: false));
            h = b.RmsNorm(x, b.Weight(p + "_post_attention_layernorm_weight", hidden), eps);
            var gate = Dense(b, h, p + "_gate_proj", ffn, bias: false);
            var up = Dense(b, h, p + "_up_proj", ffn, bias: false);
            var act = b.Map([gate, up], (s, a) => s.Mul(s.Mul(a[0], s.Sigmoid(a[0])), a[1]));
            x = b.Add(x, Dense(b, act, p + "_down_proj", hidden, bias: false));
        }
        return b.RmsNorm(x, b.Weight("norm_weight", hidden), eps);
    }

    /// <summary>Rotary embedding on [B,h,S,d]: x*cos + rotate_half(x)*sin, rotate_half(x) = concat(-x[d/2:], x[:d/2]).</summary>
    private static TensorValue Rope(MlirBuilder b, TensorValue x, TensorValue cos, TensorValue sin)
    {
        long bs = x.Shape[0], h = x.Shape[1], s = x.Shape[2], half = x.Shape[3] / 2;
        var x1 = b.ExtractSlice(x, [0, 0, 0, 0], [bs, h, s, half]);
        var x2 = b.ExtractSlice(x, [0, 0, 0, half], [bs, h, s, half]);
        var rotated = b.Concat(3, b.Map([x2], (sc, a) => sc.Unary("arith.negf", a[0])), x1);
        return b.Map([x, cos, rotated, sin], (sc, a) => sc.Add(sc.Mul(a[0], a[1]), sc.Mul(a[2], a[3])));
    }
}
