// Lexer for MLIR's textual format (MLIR Language Reference, "Lexical Structure" and "Common syntax").
// Pure grammar: no embedded actions. The lexer never fails: any character that starts no token becomes OTHER,
// which the parser rejects where it is not allowed (inside dialect attribute/type bodies it is kept).
// The input symbols are the file's UTF-8 bytes (hwopt's Utf8CharStream), so offsets are byte offsets as in MLIR.
// The tokens are ASCII; bytes from 0x80 appear in strings and comments, or as OTHER: a lead byte (0xC0-0xFF) with
// its continuation bytes (0x80-0xBF), one character.
lexer grammar MLIRLexer;

// ---- file metadata {-# ... #-} --------------------------------------------------------------------------------
FILE_META_BEGIN : '{-#' ;
FILE_META_END   : '#-}' ;

// ---- trivia ------------------------------------------------------------------------------------------------------
LINE_COMMENT : '//' ~[\r\n]* -> skip ;
WS           : [ \t\r\n]+ -> skip ;

// ---- shapes: `4x?x[8]x` in tensor<4x?x[8]xf32>, `*x` in tensor<*xf32> --------------------------------------------
// MLIR's lexer reads `4x8xf32` as integer + bare-id and splits in the parser; here the dimension list is one token.
// The spaced form `42 x i32` (blanks on both sides of the `x`, not after a scalable `[4]`, so that StableHLO's
// `contracting_dims = [1] x [0]` stays two lists) is one token too.
DIMS        : DimGroup (DimSpace* DimGroup)* ;
UNRANKED_X  : '*x' ;

// ---- keywords (listed before BARE_ID; the parser's bareId rule accepts them as identifiers too) ---------------------
// Any digits, as MLIR's lexer takes them: `i0` is a (zero-width) integer type, `i007` is i7.
INT_TYPE    : ('si' | 'ui' | 'i') [0-9]+ ;
FLOAT_TYPE  : 'f16' | 'bf16' | 'f32' | 'f64' | 'f80' | 'f128' | 'tf32'
            | 'f8E5M2' | 'f8E4M3' | 'f8E4M3FN' | 'f8E5M2FNUZ' | 'f8E4M3FNUZ' | 'f8E4M3B11FNUZ' | 'f8E3M4' | 'f8E8M0FNU'
            | 'f6E2M3FN' | 'f6E3M2FN' | 'f4E2M1FN' ;
INDEX       : 'index' ;
NONE        : 'none' ;
TENSOR      : 'tensor' ;
MEMREF      : 'memref' ;
VECTOR      : 'vector' ;
COMPLEX     : 'complex' ;
TUPLE       : 'tuple' ;
TRUE        : 'true' ;
FALSE       : 'false' ;
UNIT        : 'unit' ;
DENSE       : 'dense' ;
DENSE_RESOURCE : 'dense_resource' ;
SPARSE      : 'sparse' ;
ARRAY       : 'array' ;
AFFINE_MAP  : 'affine_map' ;
AFFINE_SET  : 'affine_set' ;
STRIDED     : 'strided' ;
DISTINCT    : 'distinct' ;
LOC         : 'loc' ;
UNKNOWN     : 'unknown' ;
CALLSITE    : 'callsite' ;
FUSED       : 'fused' ;
AT          : 'at' ;
// Op names without a dialect prefix that older IR still uses at op position (`func @f`, `return`, `module {`,
// `call_indirect %f()`).
KW_FUNC     : 'func' ;
KW_RETURN   : 'return' ;
KW_MODULE   : 'module' ;
KW_CALL     : 'call' ;
KW_CALL_INDIRECT : 'call_indirect' ;
// Ops of the old standard dialect (before MLIR 14 split it into arith, cf, memref, ...) that have no results, so no
// `%r =` marks where they start: `assert %c, "msg"`, `store %v, %m[%i] : memref<4xf32>`, `cond_br %c, ^a, ^b`. As
// op names they end the custom op before them, which would otherwise read them as its items. Elsewhere the parser
// takes them as identifiers, like the keywords above.
LEGACY_OP   : 'assert' | 'br' | 'cond_br' | 'dealloc' | 'store' ;
// Bound keywords of affine.for (`%i = max #map(%a) to min ...`): not op names, so `%i = max` starts no legacy op.
KW_MAX      : 'max' ;
KW_MIN      : 'min' ;
ATTRIBUTES  : 'attributes' ;

// ---- identifiers ---------------------------------------------------------------------------------------------------
// A value use `%x` or `%x#2` is one token; definitions `%x:2` use COLON.
VALUE_ID    : '%' SuffixId ('#' [0-9]+)? ;
CARET_ID    : '^' SuffixId ;
AT_ID       : '@' (SuffixId | String) ;
HASH_ID     : '#' SuffixId ;
BANG_ID     : '!' SuffixId ;
// A bare identifier with a dot: op names (`arith.addf`), dialect-qualified keys (`linalg.memoized_indexing_maps`).
DOTTED_ID   : IdStart IdChar* '.' (IdChar | '.')* ;
BARE_ID     : IdStart IdChar* ;

// ---- literals ------------------------------------------------------------------------------------------------------
FLOAT       : Digits '.' [0-9]* ([eE] [-+]? Digits)? ;
INTEGER     : Digits | '0x' [0-9a-fA-F]+ ;
STRING      : String ;
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* ;

// ---- punctuation ---------------------------------------------------------------------------------------------------
ARROW       : '->' ;
// `=>` only occurs in the custom syntax of other dialects (IREE's `stream.cmd.execute ... => !stream.timepoint`).
FAT_ARROW   : '=>' ;
// `>=` only occurs in affine_set bodies; one token keeps `<`/`>` balanced there.
GE          : '>=' ;
DOUBLE_COLON: '::' ;
ELLIPSIS    : '...' ;
LPAREN      : '(' ;
RPAREN      : ')' ;
LBRACE      : '{' ;
RBRACE      : '}' ;
LBRACKET    : '[' ;
RBRACKET    : ']' ;
LESS        : '<' ;
GREATER     : '>' ;
COMMA       : ',' ;
COLON       : ':' ;
EQUAL       : '=' ;
QUESTION    : '?' ;
STAR        : '*' ;
PLUS        : '+' ;
MINUS       : '-' ;
VBAR        : '|' ;
OTHER       : [\u00C0-\u00FF] [\u0080-\u00BF]* | . ;

fragment Digits  : [0-9]+ ;
fragment DimItem : Digits | '?' | '[' Digits ']' ;
fragment DimGroup: DimItem 'x' | (Digits | '?') DimSpace+ 'x' DimSpace+ ;
fragment DimSpace: [ \t] ;
fragment IdStart : [a-zA-Z_] ;
fragment IdChar  : [a-zA-Z0-9_$] ;
fragment SuffixId: [0-9]+ | [a-zA-Z_$.\-] [a-zA-Z0-9_$.\-]* ;
fragment String  : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"' ;
