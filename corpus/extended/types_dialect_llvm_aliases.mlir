// Dialect types with balanced nested bodies, LLVM dialect types, type aliases.
!act = tensor<1x128x768xf32>
!weight = tensor<768x3072xbf16>
!buf = memref<?x64xf16, strided<[64, 1], offset: ?>>
!opaque = !mydialect.handle<"kv_cache", [32, 128], {layout = "paged"}>
!vt = !torch_like.vtensor<[1, 3, 224, 224], f32>
!pair = !llvm.struct<(i32, f32)>
module {
  func.func @aliases(%a: !act, %w: !weight, %b: !buf) -> !act {
    "test.consume"(%w, %b) : (!weight, !buf) -> ()
    return %a : !act
  }

  func.func @dialect_types(
      %h: !opaque,
      %t: !vt,
      %p: !mydialect.ptr<f32, addrspace(1)>,
      %q: !mydialect.nested<list<tuple<i32, "x>y">>, (f32) -> i1, [{k = v}]>,
      %r: !mydialect.fn<(i32, i64) -> (f32)>,
      %s: !mydialect<"raw body with <angle> and [brackets]">,
      %u: !mydialect.plain) {
    "test.consume"(%h, %t, %p, %q, %r, %s, %u)
        : (!opaque, !vt, !mydialect.ptr<f32, addrspace(1)>,
           !mydialect.nested<list<tuple<i32, "x>y">>, (f32) -> i1, [{k = v}]>,
           !mydialect.fn<(i32, i64) -> (f32)>, !mydialect<"raw body with <angle> and [brackets]">,
           !mydialect.plain) -> ()
    return
  }

  llvm.func @llvm_types(%ptr: !llvm.ptr, %gptr: !llvm.ptr<1>, %s: !pair,
                        %arr: !llvm.array<4 x f32>, %v: vector<4xi32>) -> i32 {
    %0 = llvm.extractvalue %s[0] : !pair
    %1 = llvm.load %ptr : !llvm.ptr -> i32
    %2 = llvm.add %0, %1 : i32
    llvm.return %2 : i32
  }

  llvm.func @llvm_struct_kinds(!llvm.struct<packed (i8, i32)>, !llvm.struct<"named", (ptr, i64)>,
                               !llvm.struct<()>) -> !llvm.void
}
