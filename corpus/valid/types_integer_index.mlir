// Integer types of all widths and signedness, plus index and none.
module {
  func.func @integers(%a: i1, %b: i4, %c: i8, %d: i16, %e: i32, %f: i64, %g: i128) -> i64 {
    %0 = arith.extui %a : i1 to i64
    %1 = arith.extsi %b : i4 to i64
    %2 = arith.extsi %c : i8 to i64
    %3 = arith.extsi %d : i16 to i64
    %4 = arith.extsi %e : i32 to i64
    %5 = arith.trunci %g : i128 to i64
    %6 = arith.addi %0, %1 : i64
    %7 = arith.addi %6, %2 : i64
    %8 = arith.addi %7, %3 : i64
    %9 = arith.addi %8, %4 : i64
    %10 = arith.addi %9, %5 : i64
    %11 = arith.addi %10, %f : i64
    return %11 : i64
  }

  // Signed / unsigned integer types only appear on unregistered ops
  // (arith works on signless integers).
  func.func @signedness(%x: si8, %y: ui32, %z: si64, %w: ui1) -> (si8, ui32) {
    %r:2 = "mydialect.requant"(%x, %y, %z, %w) : (si8, ui32, si64, ui1) -> (si8, ui32)
    return %r#0, %r#1 : si8, ui32
  }

  func.func @odd_widths(%a: i3, %b: i7, %c: i24, %d: i48, %e: i256) -> i256 {
    %0 = "test.pack"(%a, %b, %c, %d) : (i3, i7, i24, i48) -> i256
    %1 = arith.xori %0, %e : i256
    return %1 : i256
  }

  func.func @index_ops(%i: index, %j: index) -> (index, i32) {
    %0 = arith.addi %i, %j : index
    %1 = arith.index_cast %0 : index to i32
    return %0, %1 : index, i32
  }

  func.func @none_type() -> none {
    %0 = "test.make_none"() : () -> none
    return %0 : none
  }
}

// Zero-width integers: i0 / si0 / ui0 exist and hold only 0.
func.func @zero_width(%a: i0, %b: tensor<4xsi0>) -> i0 {
  "mydialect.op"() {z = 0 : i0, s = 0 : si0, u = 0 : ui0} : () -> ()
  return %a : i0
}
