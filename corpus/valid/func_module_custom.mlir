// Custom syntax of builtin.module and func.*: named modules with attributes,
// nested modules, public/private functions, declarations, arg/result attrs.
module @model attributes {torch.debug_module_name = "ResNet18", dlti.dl_spec = #dlti.dl_spec<#dlti.dl_entry<index, 64 : i32>>} {
  // External declarations (no body).
  func.func private @cblas_sgemm(i32, i32, i32, memref<?x?xf32>, memref<?x?xf32>) -> ()
  func.func private @rand_normal(%shape: tensor<2xindex>) -> tensor<?x?xf32> attributes {llvm.emit_c_interface}
  func.func nested @nested_visibility(i32) -> i32

  // Public function with arg attributes, result attributes and function attributes.
  func.func public @forward(%input: tensor<1x3x224x224xf32> {onnx.name = "pixel_values", mydialect.foo = 1},
                            %mask: tensor<1x224xi1> {mydialect.optional})
      -> (tensor<1x1000xf32> {onnx.name = "logits"}, tensor<1x512xf32>)
      attributes {iree.abi.stub, passthrough = ["noinline"], mydialect.priority = 2 : i32} {
    %feat = call @backbone(%input) : (tensor<1x3x224x224xf32>) -> tensor<1x512xf32>
    %logits = func.call @head(%feat) {tag = "classifier"} : (tensor<1x512xf32>) -> tensor<1x1000xf32>
    return %logits, %feat : tensor<1x1000xf32>, tensor<1x512xf32>
  }

  func.func private @backbone(%x: tensor<1x3x224x224xf32>) -> tensor<1x512xf32> {
    %0 = "mydialect.resnet_body"(%x) : (tensor<1x3x224x224xf32>) -> tensor<1x512xf32>
    func.return %0 : tensor<1x512xf32>
  }

  func.func private @head(%x: tensor<1x512xf32>) -> tensor<1x1000xf32> {
    %f = func.constant @backbone : (tensor<1x3x224x224xf32>) -> tensor<1x512xf32>
    %0 = "mydialect.linear"(%x) {out_features = 1000 : i64} : (tensor<1x512xf32>) -> tensor<1x1000xf32>
    return %0 : tensor<1x1000xf32>
  }

  func.func @indirect(%fn: (f32) -> f32, %v: f32) -> f32 {
    %r = call_indirect %fn(%v) : (f32) -> f32
    return %r : f32
  }

  func.func @no_args_no_results() {
    return
  }

  // Nested anonymous and named modules.
  module {
    func.func @inner() -> i32 {
      %c = arith.constant 7 : i32
      return %c : i32
    }
  }
  module @gpu_kernels attributes {gpu.container_module} {
    func.func private @kernel_decl(memref<?xf32>)
  }
}
