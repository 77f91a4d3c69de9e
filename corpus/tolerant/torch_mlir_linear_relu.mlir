// TOLERANT: torch-mlir (torch dialect, value semantics): torch.aten.* ops on !torch.vtensor<[1,3],f32>.
// Op statements written in the text: 18, counting module,
// functions and terminators. Op names:
//   module, func.func, torch.vtensor.literal x2, torch.constant.int x2, torch.constant.float,
//   torch.constant.none, torch.constant.bool, torch.aten.transpose.int, torch.aten.mm,
//   torch.aten.add.Tensor, torch.aten.relu, torch.prim.ListConstruct, torch.aten.view,
//   torch.aten.softmax.int, torch.aten.to.dtype, return
// mlir-opt-19 FILE                              -> rejected, line 12:36: `!"torch"<"vtensor<[1,3],f32>">` type created with unregistered dialect. If this is intended, please call allowUnregis...
// mlir-opt-19 --allow-unregistered-dialect FILE -> rejected, line 13:10: Dialect `torch' not found for custom op 'torch.vtensor.literal'
// (end of header)
module attributes {torch.debug_module_name = "LinearReLU"} {
  func.func @forward(%arg0: !torch.vtensor<[1,3],f32>) -> !torch.vtensor<[1,4],f32> {
    %0 = torch.vtensor.literal(dense<[[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9], [1.0, 1.1, 1.2]]> : tensor<4x3xf32>) : !torch.vtensor<[4,3],f32>
    %1 = torch.vtensor.literal(dense<[0.0, 0.1, 0.2, 0.3]> : tensor<4xf32>) : !torch.vtensor<[4],f32>
    %int0 = torch.constant.int 0
    %int1 = torch.constant.int 1
    %float1 = torch.constant.float 1.000000e+00
    %none = torch.constant.none
    %false = torch.constant.bool false
    %2 = torch.aten.transpose.int %0, %int0, %int1 : !torch.vtensor<[4,3],f32>, !torch.int, !torch.int -> !torch.vtensor<[3,4],f32>
    %3 = torch.aten.mm %arg0, %2 : !torch.vtensor<[1,3],f32>, !torch.vtensor<[3,4],f32> -> !torch.vtensor<[1,4],f32>
    %4 = torch.aten.add.Tensor %3, %1, %float1 : !torch.vtensor<[1,4],f32>, !torch.vtensor<[4],f32>, !torch.float -> !torch.vtensor<[1,4],f32>
    %5 = torch.aten.relu %4 : !torch.vtensor<[1,4],f32> -> !torch.vtensor<[1,4],f32>
    %6 = torch.prim.ListConstruct %int1, %int0 : (!torch.int, !torch.int) -> !torch.list<int>
    %7 = torch.aten.view %5, %6 : !torch.vtensor<[1,4],f32>, !torch.list<int> -> !torch.vtensor<[1,4],f32>
    %8 = torch.aten.softmax.int %7, %int1, %none : !torch.vtensor<[1,4],f32>, !torch.int, !torch.none -> !torch.vtensor<[1,4],f32>
    %9 = torch.aten.to.dtype %8, %int1, %false, %false, %none : !torch.vtensor<[1,4],f32>, !torch.int, !torch.bool, !torch.bool, !torch.none -> !torch.vtensor<[1,4],f32>
    return %9 : !torch.vtensor<[1,4],f32>
  }
}
