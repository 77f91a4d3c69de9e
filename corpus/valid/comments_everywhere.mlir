// Comments in every position the lexer allows: file head, between ops,
// at line ends, inside attribute dictionaries, inside type lists, between
// blocks and before closing braces.
// A comment line containing MLIR-looking text: %0 = "fake.op"() : () -> ()
// and odd characters: ` $ { } < > " \ é ✓
#map = affine_map<(d0) -> (d0)> // trailing comment after an alias
module { // after module brace
  // before a function
  func.func @commented(%a: f32, // after first argument
                       %b: f32) // after the argument list
      -> f32 { // after result type
    %0 = arith.addf %a, %b : f32 // line-end comment
    // between operations
    %1 = "test.op"(%0) { // inside a dictionary, after the brace
      alpha = 1.0 : f32, // after an entry
      // on its own line inside the dictionary
      beta = "b" // last entry
    } : (f32) -> f32
    %2 = "test.op"(%1, // between operands
                   %0) : (f32, // between types
                          f32) -> f32
    cf.br ^bb1(%2 : f32) // before a block
  // a comment between blocks, indented like a label
  ^bb1(%x: f32): // after block label
    %3 = arith.mulf %x, %x : f32
    //no-space comment
    //
    // (empty comment line above)
    return %3 : f32 // before closing brace
    // last line of the region
  } // after function
  // final comment in module
} // after module
// trailing comment at EOF without newline follows
// eof
// no trailing newline