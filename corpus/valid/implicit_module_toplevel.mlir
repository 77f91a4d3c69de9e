// No explicit module: several top-level operations (functions, a global,
// an unregistered op and two nested modules) are wrapped by the parser into
// an implicit builtin.module.
#map = affine_map<(d0) -> (d0 * 2)>
!row = tensor<1x512xf32>

func.func @top_level_fn(%x: !row) -> !row {
  return %x : !row
}

func.func private @top_level_decl(index) -> index

memref.global "private" constant @table : memref<3xi32> = dense<[1, 2, 3]>

"mydialect.metadata"() {producer = "torch-export", version = "2.4.0"} : () -> ()

module @empty_named {
}

module {
}

module @with_attrs attributes {mydialect.level = 2 : i32} {
  func.func @inner(%i: index) -> index {
    %0 = affine.apply #map(%i)
    return %0 : index
  }
}
