// TOLERANT: IREE flow and stream ops with dynamic sizes after types: `tensor<?x8xf32>{%n}`, a dispatch whose
// signature is no function type (`: (tensor<?x8xf32>{%n}, f32, index) -> %back{%n} =`, a result tied to an
// operand, a `count(...) -> (index, index, index)` region), `stream.cmd.execute await(%w) => with(...) { ... } =>`,
// braced lists that are neither regions nor dictionaries (`{rw %r[%c0 for %size] : T{%size}}`,
// `{@kernels::@first, @kernels::@second}`) and a declaration without body (`@f(%buf[%off for %len]: T, %k: i32)`).
// Op statements written in the text: 25, counting functions and terminators (no module). Op names:
//   util.func x2, arith.constant x6, flow.tensor.reshape x2, flow.dispatch.workgroups, flow.dispatch.tensor.load,
//   tensor.empty, linalg.generic, arith.mulf, linalg.yield, flow.dispatch.tensor.store, flow.return x2,
//   util.return x2, stream.cmd.func, stream.cmd.execute, stream.cmd.fill, stream.cmd.dispatch
// mlir-opt-19 FILE                              -> rejected, line 13:1: Dialect `util' not found for custom op 'util.func'
// mlir-opt-19 --allow-unregistered-dialect FILE -> rejected, line 13:1: Dialect `util' not found for custom op 'util.func'
// (end of header)
util.func public @rows(%src: tensor<?x8xf32>, %n: index, %scale: f32) -> tensor<?x8xf32> {
  %c0 = arith.constant 0 : index
  %c8 = arith.constant 8 : index
  %flat = flow.tensor.reshape %src : tensor<?x8xf32>{%n} -> tensor<?xf32>{%n}
  %back = flow.tensor.reshape %flat : tensor<?xf32>{%n} -> tensor<?x8xf32>{%n}
  %out = flow.dispatch.workgroups[%n, %c8](%back, %scale, %n) : (tensor<?x8xf32>{%n}, f32, index) -> %back{%n} =
      (%in_out: !flow.dispatch.tensor<readwrite:tensor<?x8xf32>>, %s: f32, %rows: index) {
    %t = flow.dispatch.tensor.load %in_out, offsets = [0, 0], sizes = [%rows, 8], strides = [1, 1] : !flow.dispatch.tensor<readwrite:tensor<?x8xf32>>{%rows} -> tensor<?x8xf32>
    %e = tensor.empty(%rows) : tensor<?x8xf32>
    %m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%t : tensor<?x8xf32>) outs(%e : tensor<?x8xf32>) {
    ^bb0(%x: f32, %y: f32):
      %p = arith.mulf %x, %s : f32
      linalg.yield %p : f32
    } -> tensor<?x8xf32>
    flow.dispatch.tensor.store %m, %in_out, offsets = [0, 0], sizes = [%rows, 8], strides = [1, 1] : tensor<?x8xf32> -> !flow.dispatch.tensor<readwrite:tensor<?x8xf32>>{%rows}
    flow.return
  } count(%wx: index, %wy: index) -> (index, index, index) {
    %one = arith.constant 1 : index
    flow.return %wx, %wy, %one : index, index, index
  }
  util.return %out : tensor<?x8xf32>
}

stream.cmd.func private @extern_kernel(%buf[%off for %len]: !stream.resource<*>, %k: i32)

util.func public @submit(%res: !stream.resource<transient>, %size: index, %wait: !stream.timepoint) -> !stream.timepoint {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %c7_i32 = arith.constant 7 : i32
  %done = stream.cmd.execute await(%wait) => with(%res as %r: !stream.resource<transient>{%size}) {
    stream.cmd.fill %c7_i32, %r[%c0 for %size] : i32 -> !stream.resource<transient>{%size}
    stream.cmd.dispatch {@kernels::@first, @kernels::@second}[%c2](%c0 : index) {
      rw %r[%c0 for %size] : !stream.resource<transient>{%size}
    }
  } => !stream.timepoint
  util.return %done : !stream.timepoint
}
