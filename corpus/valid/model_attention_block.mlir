// BERT-base self-attention block: seq=128, hidden=768, heads=12, head_dim=64.
// Q/K/V projections, head split, scaled QK^T, masked softmax, context,
// head merge, output projection and residual add (linalg-on-tensors).
module @bert_attention {
  func.func private @project(%x: tensor<128x768xf32>, %w: tensor<768x768xf32>) -> tensor<128x768xf32> {
    %zero = arith.constant 0.000000e+00 : f32
    %e = tensor.empty() : tensor<128x768xf32>
    %f = linalg.fill ins(%zero : f32) outs(%e : tensor<128x768xf32>) -> tensor<128x768xf32>
    %y = linalg.matmul ins(%x, %w : tensor<128x768xf32>, tensor<768x768xf32>) outs(%f : tensor<128x768xf32>) -> tensor<128x768xf32>
    return %y : tensor<128x768xf32>
  }

  func.func private @split_heads(%t: tensor<128x768xf32>) -> tensor<12x128x64xf32> {
    %s = tensor.expand_shape %t [[0], [1, 2]] output_shape [128, 12, 64] : tensor<128x768xf32> into tensor<128x12x64xf32>
    %e = tensor.empty() : tensor<12x128x64xf32>
    %h = linalg.transpose ins(%s : tensor<128x12x64xf32>) outs(%e : tensor<12x128x64xf32>) permutation = [1, 0, 2]
    return %h : tensor<12x128x64xf32>
  }

  func.func @self_attention(%hidden: tensor<1x128x768xf32>, %mask: tensor<1x128xf32>,
                            %wq: tensor<768x768xf32>, %wk: tensor<768x768xf32>,
                            %wv: tensor<768x768xf32>, %wo: tensor<768x768xf32>) -> tensor<1x128x768xf32> {
    %zero = arith.constant 0.000000e+00 : f32
    %ninf = arith.constant 0xFF800000 : f32
    %scale = arith.constant 1.250000e-01 : f32  // 1/sqrt(64)
    %x = tensor.collapse_shape %hidden [[0, 1], [2]] : tensor<1x128x768xf32> into tensor<128x768xf32>
    %q2 = func.call @project(%x, %wq) : (tensor<128x768xf32>, tensor<768x768xf32>) -> tensor<128x768xf32>
    %k2 = func.call @project(%x, %wk) : (tensor<128x768xf32>, tensor<768x768xf32>) -> tensor<128x768xf32>
    %v2 = func.call @project(%x, %wv) : (tensor<128x768xf32>, tensor<768x768xf32>) -> tensor<128x768xf32>
    %q = call @split_heads(%q2) : (tensor<128x768xf32>) -> tensor<12x128x64xf32>
    %k = call @split_heads(%k2) : (tensor<128x768xf32>) -> tensor<12x128x64xf32>
    %v = call @split_heads(%v2) : (tensor<128x768xf32>) -> tensor<12x128x64xf32>

    // K^T per head: [12, 64, 128]
    %ekt = tensor.empty() : tensor<12x64x128xf32>
    %kt = linalg.transpose ins(%k : tensor<12x128x64xf32>) outs(%ekt : tensor<12x64x128xf32>) permutation = [0, 2, 1]
    // scores = (Q K^T) * scale + mask
    %es = tensor.empty() : tensor<12x128x128xf32>
    %fs = linalg.fill ins(%zero : f32) outs(%es : tensor<12x128x128xf32>) -> tensor<12x128x128xf32>
    %qk = linalg.batch_matmul ins(%q, %kt : tensor<12x128x64xf32>, tensor<12x64x128xf32>) outs(%fs : tensor<12x128x128xf32>) -> tensor<12x128x128xf32>
    %scores = linalg.generic {indexing_maps = [affine_map<(h, i, j) -> (h, i, j)>, affine_map<(h, i, j) -> (0, j)>, affine_map<(h, i, j) -> (h, i, j)>],
                              iterator_types = ["parallel", "parallel", "parallel"]}
        ins(%qk, %mask : tensor<12x128x128xf32>, tensor<1x128xf32>) outs(%es : tensor<12x128x128xf32>) {
    ^bb0(%s: f32, %m: f32, %o: f32):
      %sc = arith.mulf %s, %scale : f32
      %r = arith.addf %sc, %m : f32
      linalg.yield %r : f32
    } -> tensor<12x128x128xf32>

    // softmax over the key axis
    %er = tensor.empty() : tensor<12x128xf32>
    %mi = linalg.fill ins(%ninf : f32) outs(%er : tensor<12x128xf32>) -> tensor<12x128xf32>
    %mx = linalg.reduce { arith.maximumf } ins(%scores : tensor<12x128x128xf32>) outs(%mi : tensor<12x128xf32>) dimensions = [2]
    %mxb = linalg.broadcast ins(%mx : tensor<12x128xf32>) outs(%es : tensor<12x128x128xf32>) dimensions = [2]
    %sh = linalg.sub ins(%scores, %mxb : tensor<12x128x128xf32>, tensor<12x128x128xf32>) outs(%es : tensor<12x128x128xf32>) -> tensor<12x128x128xf32>
    %ex = linalg.exp ins(%sh : tensor<12x128x128xf32>) outs(%es : tensor<12x128x128xf32>) -> tensor<12x128x128xf32>
    %si = linalg.fill ins(%zero : f32) outs(%er : tensor<12x128xf32>) -> tensor<12x128xf32>
    %sm = linalg.reduce { arith.addf } ins(%ex : tensor<12x128x128xf32>) outs(%si : tensor<12x128xf32>) dimensions = [2]
    %smb = linalg.broadcast ins(%sm : tensor<12x128xf32>) outs(%es : tensor<12x128x128xf32>) dimensions = [2]
    %probs = linalg.div ins(%ex, %smb : tensor<12x128x128xf32>, tensor<12x128x128xf32>) outs(%es : tensor<12x128x128xf32>) -> tensor<12x128x128xf32>

    // context = P V, merge heads, output projection, residual
    %ec = tensor.empty() : tensor<12x128x64xf32>
    %fc = linalg.fill ins(%zero : f32) outs(%ec : tensor<12x128x64xf32>) -> tensor<12x128x64xf32>
    %ctx = linalg.batch_matmul ins(%probs, %v : tensor<12x128x128xf32>, tensor<12x128x64xf32>) outs(%fc : tensor<12x128x64xf32>) -> tensor<12x128x64xf32>
    %em = tensor.empty() : tensor<128x12x64xf32>
    %ctxt = linalg.transpose ins(%ctx : tensor<12x128x64xf32>) outs(%em : tensor<128x12x64xf32>) permutation = [1, 0, 2]
    %merged = tensor.collapse_shape %ctxt [[0], [1, 2]] : tensor<128x12x64xf32> into tensor<128x768xf32>
    %out = func.call @project(%merged, %wo) : (tensor<128x768xf32>, tensor<768x768xf32>) -> tensor<128x768xf32>
    %eo = tensor.empty() : tensor<128x768xf32>
    %res = linalg.add ins(%out, %x : tensor<128x768xf32>, tensor<128x768xf32>) outs(%eo : tensor<128x768xf32>) -> tensor<128x768xf32>
    %y = tensor.expand_shape %res [[0, 1], [2]] output_shape [1, 128, 768] : tensor<128x768xf32> into tensor<1x128x768xf32>
    return %y : tensor<1x128x768xf32>
  }
}
