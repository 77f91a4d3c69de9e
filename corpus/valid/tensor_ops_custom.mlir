// tensor dialect custom syntax: slicing, reshaping, padding, construction.
module {
  func.func @slices(%t: tensor<1x128x768xf32>, %off: index, %sz: index) -> tensor<1x128x768xf32> {
    // Static offsets / sizes / strides: take head 0 of 12 (64 channels).
    %head = tensor.extract_slice %t[0, 0, 0] [1, 128, 64] [1, 1, 1] : tensor<1x128x768xf32> to tensor<1x128x64xf32>
    // Dynamic offset and size.
    %dyn = tensor.extract_slice %t[0, %off, 0] [1, %sz, 768] [1, 1, 1] : tensor<1x128x768xf32> to tensor<1x?x768xf32>
    // Rank-reducing slice.
    %row = tensor.extract_slice %t[0, 5, 0] [1, 1, 768] [1, 1, 1] : tensor<1x128x768xf32> to tensor<768xf32>
    %strided = tensor.extract_slice %t[0, 0, 0] [1, 64, 768] [1, 2, 1] : tensor<1x128x768xf32> to tensor<1x64x768xf32>
    %back = tensor.insert_slice %head into %t[0, 0, 64] [1, 128, 64] [1, 1, 1] : tensor<1x128x64xf32> into tensor<1x128x768xf32>
    %back2 = tensor.insert_slice %dyn into %back[0, %off, 0] [1, %sz, 768] [1, 1, 1] : tensor<1x?x768xf32> into tensor<1x128x768xf32>
    "test.keep"(%row, %strided) : (tensor<768xf32>, tensor<1x64x768xf32>) -> ()
    return %back2 : tensor<1x128x768xf32>
  }

  func.func @reshapes(%t: tensor<1x128x768xf32>, %d: tensor<?x768xf32>, %n: index) -> tensor<1x12x128x64xf32> {
    // Split hidden into (heads, head_dim).
    %e = tensor.expand_shape %t [[0], [1], [2, 3]] output_shape [1, 128, 12, 64] : tensor<1x128x768xf32> into tensor<1x128x12x64xf32>
    %ed = tensor.expand_shape %d [[0, 1], [2]] output_shape [%n, 4, 768] : tensor<?x768xf32> into tensor<?x4x768xf32>
    %c = tensor.collapse_shape %t [[0, 1], [2]] : tensor<1x128x768xf32> into tensor<128x768xf32>
    %cd = tensor.collapse_shape %ed [[0, 1, 2]] : tensor<?x4x768xf32> into tensor<?xf32>
    %shape = arith.constant dense<[1, 12, 128, 64]> : tensor<4xi64>
    %r = tensor.reshape %t(%shape) : (tensor<1x128x768xf32>, tensor<4xi64>) -> tensor<1x12x128x64xf32>
    "test.keep"(%e, %c, %cd) : (tensor<1x128x12x64xf32>, tensor<128x768xf32>, tensor<?xf32>) -> ()
    return %r : tensor<1x12x128x64xf32>
  }

  func.func @pad_and_cast(%img: tensor<1x224x224x3xf32>, %u: tensor<?x?xf32>, %h: index) -> tensor<1x230x230x3xf32> {
    %zero = arith.constant 0.000000e+00 : f32
    // Conv "same" padding of 3 on each spatial side.
    %p = tensor.pad %img low[0, 3, 3, 0] high[0, 3, 3, 0] {
    ^bb0(%i: index, %j: index, %k: index, %l: index):
      tensor.yield %zero : f32
    } : tensor<1x224x224x3xf32> to tensor<1x230x230x3xf32>
    %pn = tensor.pad %u nofold low[%h, 0] high[1, %h] {
    ^bb0(%i: index, %j: index):
      tensor.yield %zero : f32
    } : tensor<?x?xf32> to tensor<?x?xf32>
    %c = tensor.cast %pn : tensor<?x?xf32> to tensor<8x?xf32>
    %c1 = arith.constant 1 : index
    %dim = tensor.dim %c, %c1 : tensor<8x?xf32>
    "test.keep"(%dim) : (index) -> ()
    return %p : tensor<1x230x230x3xf32>
  }

  func.func @elements(%t: tensor<4x4xf32>, %i: index, %j: index, %v: f32, %n: index) -> tensor<?x3xindex> {
    %x = tensor.extract %t[%i, %j] : tensor<4x4xf32>
    %t2 = tensor.insert %v into %t[%j, %i] : tensor<4x4xf32>
    %fe = tensor.from_elements %x, %v, %x, %v : tensor<2x2xf32>
    %sp = tensor.splat %v : tensor<8x16xf32>
    %spd = tensor.splat %v[%n] : tensor<?x16xf32>
    %em = tensor.empty(%n) : tensor<?x3xf32>
    %es = tensor.empty() : tensor<128x768xbf16>
    %cat = tensor.concat dim(0) %t, %t2 : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<8x4xf32>
    %bc = tensor.bitcast %t : tensor<4x4xf32> to tensor<4x4xi32>
    %g = tensor.generate %n {
    ^bb0(%a: index, %b: index):
      %s = arith.addi %a, %b : index
      tensor.yield %s : index
    } : tensor<?x3xindex>
    %rank = tensor.rank %t : tensor<4x4xf32>
    "test.keep"(%fe, %sp, %spd, %em, %es, %cat, %bc, %rank)
        : (tensor<2x2xf32>, tensor<8x16xf32>, tensor<?x16xf32>, tensor<?x3xf32>, tensor<128x768xbf16>,
           tensor<8x4xf32>, tensor<4x4xi32>, index) -> ()
    return %g : tensor<?x3xindex>
  }
}
