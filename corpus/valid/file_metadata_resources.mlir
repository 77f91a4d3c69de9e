// File-level metadata: both dialect_resources and external_resources in one
// trailing {-# ... #-} section, as written by mlir-reduce / reproducers.
module {
  func.func @embedding_lookup(%ids: tensor<1x8xi32>) -> tensor<1x8x4xf32> {
    // Tiny 16-entry x 4-dim embedding table stored as a resource blob.
    %table = arith.constant dense_resource<embed_table> : tensor<16x4xf32>
    %out = "mydialect.gather"(%table, %ids) {axis = 0 : i64} : (tensor<16x4xf32>, tensor<1x8xi32>) -> tensor<1x8x4xf32>
    return %out : tensor<1x8x4xf32>
  }
}

{-#
  dialect_resources: {
    builtin: {
      embed_table: "0x04000000000000000000003E0000803E0000C03E0000003F0000203F0000403F0000603F0000803F0000903F0000A03F0000B03F0000C03F0000D03F0000E03F0000F03F0000004000000840000010400000184000002040000028400000304000003840000040400000484000005040000058400000604000006840000070400000784000008040000084400000884000008C4000009040000094400000984000009C400000A0400000A4400000A8400000AC400000B0400000B4400000B8400000BC400000C0400000C4400000C8400000CC400000D0400000D4400000D8400000DC400000E0400000E4400000E8400000EC400000F0400000F4400000F8400000FC40"
    }
  },
  external_resources: {
    mlir_reproducer: {
      pipeline: "builtin.module(func.func(canonicalize, cse))",
      disable_threading: true,
      verify_each: false
    },
    mydialect: {
      calib_table: "0x0400000001020304",
      calibrated: true,
      source: "imagenet-val-1k"
    }
  }
#-}
