// affine_map / affine_set, strided layouts, dialect attributes with balanced
// bodies, attribute aliases, distinct attributes.
#map = affine_map<(d0, d1)[s0] -> (d0 + s0, d1 floordiv 4, d1 mod 2, d0 ceildiv 3)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#bcast = affine_map<(d0, d1) -> (d1)>
#const_map = affine_map<() -> (0)>
#sym_only = affine_map<()[s0, s1] -> (s0 * 4 + s1 - 1)>
#set = affine_set<(d0, d1)[s0] : (d0 >= 0, -d0 + s0 - 1 >= 0, d1 - 2 == 0)>
#empty_set = affine_set<(d0) : (d0 >= 0)>
#cfg = {tile_sizes = [64, 64, 32], unroll = 4 : i32}
#layout = #mydialect.layout<tiled[16, 16], order = (1, 0), {swizzle = "xor"}>
#tgt = #mydialect.target<"cuda", arch = "sm_90", features = ["+ptx80", "+tma"], opts = {fast = true}>
#d0 = distinct[0]<>
#d1 = distinct[1]<{kind = "scope"}>
module {
  func.func @affine_attrs() attributes {
    maps = [#map, #id2, #bcast, #const_map, #sym_only],
    inline_map = affine_map<(d0, d1, d2) -> (d0 * 2 + d1, -d2, (d0 + d1) mod 8)>,
    sets = [#set, #empty_set],
    inline_set = affine_set<(d0)[s0] : (d0 - s0 >= 0, d0 - 10 == 0)>,
    empty_map = affine_map<() -> ()>
  } {
    return
  }

  func.func @affine_use(%A: memref<128x128xf32>, %n: index) {
    affine.for %i = 0 to 128 step 4 {
      affine.for %j = 0 to %n {
        affine.if #set(%i, %j)[%n] {
          %v = affine.load %A[%i + 1, %j floordiv 2] : memref<128x128xf32>
          affine.store %v, %A[%i, %j] : memref<128x128xf32>
        }
      }
    }
    %a = affine.apply #sym_only()[%n, %n]
    %b = affine.apply affine_map<(d0) -> (d0 ceildiv 64)>(%a)
    "test.keep"(%b) : (index) -> ()
    return
  }

  func.func @strided_and_dialect() attributes {
    layouts = [strided<[4, 1], offset: 0>, strided<[?, 1], offset: ?>, strided<[1]>, strided<[]>],
    layout = #layout,
    target = #tgt,
    inline_dialect = #mydialect.conf<[1, [2, [3]]], "str with > and ]", (x) -> y>,
    raw_body = #mydialect<"opaque body">,
    gpu_space = #gpu.address_space<private>,
    fm = #arith.fastmath<nnan, ninf>,
    cfg = #cfg,
    ids = [#d0, #d1, distinct[2]<"inline">]
  } {
    return
  }
}
