// Llama-style decoder pieces in bf16 with f32 accumulation:
// RMSNorm (hidden=4096, eps=1e-6) and SwiGLU FFN (4096 -> 11008 -> 4096),
// single-token decode (seq=1). Dynamic batch dimension.
#x2 = affine_map<(b, h) -> (b, h)>
#r2 = affine_map<(b, h) -> (b)>
#c2 = affine_map<(b, h) -> (h)>
module @llama_decoder_ffn {
  func.func @rms_norm(%x: tensor<?x4096xbf16>, %w: tensor<4096xbf16>) -> tensor<?x4096xbf16> {
    %c0 = arith.constant 0 : index
    %zero = arith.constant 0.000000e+00 : f32
    %n = arith.constant 4.096000e+03 : f32
    %eps = arith.constant 9.99999997E-7 : f32
    %b = tensor.dim %x, %c0 : tensor<?x4096xbf16>
    %er = tensor.empty(%b) : tensor<?xf32>
    %acc = linalg.fill ins(%zero : f32) outs(%er : tensor<?xf32>) -> tensor<?xf32>
    %ss = linalg.generic {indexing_maps = [#x2, #r2], iterator_types = ["parallel", "reduction"]}
        ins(%x : tensor<?x4096xbf16>) outs(%acc : tensor<?xf32>) {
    ^bb0(%v: bf16, %a: f32):
      %vf = arith.extf %v : bf16 to f32
      %sq = arith.mulf %vf, %vf : f32
      %s = arith.addf %sq, %a : f32
      linalg.yield %s : f32
    } -> tensor<?xf32>
    %ef = tensor.empty(%b) : tensor<?x4096xbf16>
    %y = linalg.generic {indexing_maps = [#x2, #r2, #c2, #x2], iterator_types = ["parallel", "parallel"]}
        ins(%x, %ss, %w : tensor<?x4096xbf16>, tensor<?xf32>, tensor<4096xbf16>) outs(%ef : tensor<?x4096xbf16>) {
    ^bb0(%v: bf16, %s: f32, %g: bf16, %o: bf16):
      %mean = arith.divf %s, %n : f32
      %me = arith.addf %mean, %eps : f32
      %inv = math.rsqrt %me : f32
      %vf = arith.extf %v : bf16 to f32
      %gf = arith.extf %g : bf16 to f32
      %nv = arith.mulf %vf, %inv : f32
      %r = arith.mulf %nv, %gf : f32
      %rt = arith.truncf %r : f32 to bf16
      linalg.yield %rt : bf16
    } -> tensor<?x4096xbf16>
    return %y : tensor<?x4096xbf16>
  }

  func.func @swiglu(%x: tensor<?x4096xbf16>, %wg: tensor<4096x11008xbf16>, %wu: tensor<4096x11008xbf16>,
                    %wd: tensor<11008x4096xbf16>) -> tensor<?x4096xf32> {
    %c0 = arith.constant 0 : index
    %zero = arith.constant 0.000000e+00 : f32
    %one = arith.constant 1.000000e+00 : f32
    %b = tensor.dim %x, %c0 : tensor<?x4096xbf16>
    %eh = tensor.empty(%b) : tensor<?x11008xf32>
    %fh = linalg.fill ins(%zero : f32) outs(%eh : tensor<?x11008xf32>) -> tensor<?x11008xf32>
    %gate = linalg.matmul ins(%x, %wg : tensor<?x4096xbf16>, tensor<4096x11008xbf16>) outs(%fh : tensor<?x11008xf32>) -> tensor<?x11008xf32>
    %up = linalg.matmul ins(%x, %wu : tensor<?x4096xbf16>, tensor<4096x11008xbf16>) outs(%fh : tensor<?x11008xf32>) -> tensor<?x11008xf32>
    %ebf = tensor.empty(%b) : tensor<?x11008xbf16>
    %act = linalg.generic {indexing_maps = [#x2, #x2, #x2], iterator_types = ["parallel", "parallel"]}
        ins(%gate, %up : tensor<?x11008xf32>, tensor<?x11008xf32>) outs(%ebf : tensor<?x11008xbf16>) {
    ^bb0(%g: f32, %u: f32, %o: bf16):
      // silu(g) = g * sigmoid(g) = g / (1 + exp(-g))
      %ng = arith.negf %g : f32
      %e = math.exp %ng : f32
      %den = arith.addf %one, %e : f32
      %silu = arith.divf %g, %den : f32
      %p = arith.mulf %silu, %u : f32
      %pt = arith.truncf %p : f32 to bf16
      linalg.yield %pt : bf16
    } -> tensor<?x11008xbf16>
    %eo = tensor.empty(%b) : tensor<?x4096xf32>
    %fo = linalg.fill ins(%zero : f32) outs(%eo : tensor<?x4096xf32>) -> tensor<?x4096xf32>
    %down = linalg.matmul ins(%act, %wd : tensor<?x11008xbf16>, tensor<11008x4096xbf16>) outs(%fo : tensor<?x4096xf32>) -> tensor<?x4096xf32>
    return %down : tensor<?x4096xf32>
  }
}
