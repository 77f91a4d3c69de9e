// Tensor types: static, dynamic, 0-d, unranked, with encodings.
#CSR = #sparse_tensor.encoding<{
  map = (d0, d1) -> (d0 : dense, d1 : compressed)
}>
#COO = #sparse_tensor.encoding<{
  map = (i, j) -> (i : compressed(nonunique), j : singleton),
  posWidth = 32,
  crdWidth = 32
}>
module {
  func.func @shapes(%a: tensor<1x3x224x224xf32>,       // NCHW image batch
                    %b: tensor<?x768xf16>,              // dynamic batch, BERT hidden
                    %c: tensor<?x?x?xbf16>,
                    %d: tensor<f32>,                     // 0-d tensor
                    %e: tensor<*xf32>,                   // unranked
                    %f: tensor<0x4xi8>,                  // zero-sized dim
                    %g: tensor<4x?xf32, "enc">,          // string encoding
                    %h: tensor<8x8xi32, {layout = "tiled"}>) -> tensor<*xf32> {
    %0 = tensor.cast %d : tensor<f32> to tensor<*xf32>
    "test.consume"(%a, %b, %c, %f, %g, %h)
        : (tensor<1x3x224x224xf32>, tensor<?x768xf16>, tensor<?x?x?xbf16>, tensor<0x4xi8>,
           tensor<4x?xf32, "enc">, tensor<8x8xi32, {layout = "tiled"}>) -> ()
    return %0 : tensor<*xf32>
  }

  func.func @sparse(%csr: tensor<1024x1024xf32, #CSR>, %coo: tensor<?x?xf64, #COO>) -> index {
    %c0 = arith.constant 0 : index
    %n = tensor.dim %csr, %c0 : tensor<1024x1024xf32, #CSR>
    "test.consume"(%coo) : (tensor<?x?xf64, #COO>) -> ()
    return %n : index
  }

  func.func @element_types(%q: tensor<2x2xcomplex<f32>>, %r: tensor<4xindex>, %s: tensor<3xi1>,
                           %t: tensor<16xvector<4xf32>>) {
    "test.consume"(%q, %r, %s, %t) : (tensor<2x2xcomplex<f32>>, tensor<4xindex>, tensor<3xi1>, tensor<16xvector<4xf32>>) -> ()
    return
  }
}
