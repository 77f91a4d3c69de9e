// Parser for MLIR's textual format, after the MLIR Language Reference (mlir.llvm.org/docs/LangRef):
//   - the generic operation form, complete: results and result groups, operands, successors, properties, regions,
//     attribute dictionaries, function types, trailing locations;
//   - builtin types and attributes, dialect types and attributes with balanced "pretty" bodies, aliases, locations,
//     and the {-# ... #-} file metadata;
//   - custom assembly of any dialect, read structurally: the op name followed by a sequence of items (operands,
//     types after ':', attributes, keywords, bracketed groups, regions). The meaning of the items (which operand is
//     which, the result types, the implied attributes) is given per op by the assembly formats in dialects/, and
//     ops of unknown dialects are kept opaque with their raw text (tolerant mode).
// Pure grammar: no embedded actions or predicates. A custom op ends where the rest of the input reads as the next
// op (the item loop is non-greedy), which is how op boundaries are found without per-op grammar rules.
parser grammar MLIRParser;

options { tokenVocab = MLIRLexer; }

// ---- file ------------------------------------------------------------------------------------------------------
mlirFile          : topLevelItem* EOF ;
topLevelItem      : attributeAliasDef | typeAliasDef | fileMetadata | operation ;
attributeAliasDef : HASH_ID EQUAL attributeValue ;
typeAliasDef      : BANG_ID EQUAL type ;

fileMetadata      : FILE_META_BEGIN (metadataEntry (COMMA metadataEntry)*)? FILE_META_END ;
metadataEntry     : bareId COLON LBRACE (metadataGroup (COMMA metadataGroup)*)? RBRACE ;
metadataGroup     : metadataKey COLON (LBRACE (metadataGroup (COMMA metadataGroup)*)? RBRACE | metadataValue) ;
metadataKey       : bareId | STRING ;
metadataValue     : STRING | TRUE | FALSE | MINUS? INTEGER | MINUS? FLOAT ;

// ---- operations ------------------------------------------------------------------------------------------------
operation         : opResultList? (genericOperation | customOperation) trailingLocation?
                  | opResultList legacyOperation trailingLocation? ;
opResultList      : opResult (COMMA opResult)* EQUAL ;
opResult          : VALUE_ID (COLON INTEGER)? ;

genericOperation  : STRING LPAREN valueUseList? RPAREN successorList? properties? regionList? attributeDict?
                    COLON functionType ;
valueUseList      : VALUE_ID (COMMA VALUE_ID)* ;
successorList     : LBRACKET CARET_ID (COMMA CARET_ID)* RBRACKET ;
properties        : LESS attributeValue GREATER ;
regionList        : LPAREN region (COMMA region)* RPAREN ;

// The first item of a body is never '=': so `{foo.bar = 1}` is an attribute dictionary, not a region holding op foo.bar.
// The items are the op's children themselves, a customItemCore or an '=' token each (no context of their own: a
// large file has hundreds of thousands of them).
customOperation   : opName (customItemCore (customItemCore | EQUAL)*?)?? ;
// Ops without a dialect prefix: the default dialect's ops in older IR (`func @f`, `return`, `call @g`, `module`), and
// the old standard dialect's ops without results (`assert %c, "msg"`, `store %v, %m[%i] : T`; see LEGACY_OP).
// Other bare names are op names only after results (`%0 = constant 1 : i32`), see legacyOperation.
opName            : DOTTED_ID | KW_FUNC | KW_RETURN | KW_MODULE | KW_CALL | KW_CALL_INDIRECT | LEGACY_OP ;
legacyOperation   : BARE_ID (customItemCore (customItemCore | EQUAL)*?)?? ;

// One item of a custom op body at the top level of the op (or an '=', see customOperation).
customItemCore
    : VALUE_ID
    | COLON typeList
    | COLON LBRACKET groupItem* RBRACKET
    | COLON LESS groupItem* GREATER
    // A parenthesized list after ':' that is not a function type (`: (tensor<?xf32>{%d}, index) -> %arg0` in IREE).
    | COLON LPAREN groupItem* RPAREN
    // Values after ':' (`tt.print "x" : %v : tensor<4xf32>` in Triton).
    | COLON valueUseList
    | ATTRIBUTES attributeDict
    | LPAREN groupItem* RPAREN
    | LBRACKET groupItem* RBRACKET
    | LESS groupItem* GREATER
    // A symbol's balanced body where its items are no custom items (Shardy's `<@mesh, [{"a", ?}, {?}]>`).
    | LESS AT_ID prettyItem* GREATER
    | region
    | attributeDict
    // The dynamic sizes of the type before it (`tensor<?x4xf32>{%d}`, `!stream.resource<*>{%size}` in IREE).
    | LBRACE valueUseList RBRACE
    // Other braced lists that are neither a region nor a dictionary, as IREE's stream dialect writes them: resource
    // accesses `{ro %a[%o for %n] : !stream.resource<*>{%n}, wo ...}` and entry points `{@ex::@f0, @ex::@f1}`.
    | LBRACE BARE_ID VALUE_ID groupItem* RBRACE
    | LBRACE symbolRef (COMMA symbolRef)* RBRACE
    | nonFunctionType
    | customAttribute
    | customKeyword
    | CARET_ID
    | INTEGER
    | FLOAT
    | STRING
    // A shape outside a type (`meshShape = 1x1` in tt-mlir's ttcore.device): the dims, then the last size.
    | DIMS
    | COMMA | ARROW | FAT_ARROW | QUESTION | STAR | PLUS | MINUS | DOUBLE_COLON | ELLIPSIS | VBAR
    ;
// Inside brackets the op cannot end, so a bare ':' is allowed too (`init: %1`, `offset: [0]`).
// In brackets `{...}` with a lone dotted unit attribute (`(%a: f32 {secret.secret})`) is a dictionary, not a region.
groupItem         : attributeDict | customItemCore | EQUAL | COLON ;
customAttribute
    : HASH_ID prettyBody?
    | DENSE LESS denseElement? GREATER (COLON type)?
    | DENSE_RESOURCE LESS resourceHandle GREATER (COLON type)?
    | SPARSE LESS (denseElement COMMA denseElement)? GREATER (COLON type)?
    | ARRAY LESS type (COLON denseArrayElements)? GREATER
    | AFFINE_MAP prettyBody
    | AFFINE_SET prettyBody
    | STRIDED LESS LBRACKET (strideValue (COMMA strideValue)*)? RBRACKET (COMMA bareId COLON strideValue)? GREATER
    | DISTINCT LBRACKET INTEGER RBRACKET prettyBody
    | symbolRef
    | TRUE | FALSE | UNIT
    | LOC LPAREN location RPAREN
    ;
// Words that start types or attributes are keywords too where no `<` follows (`<tensor = memref<...>>` in nvgpu).
customKeyword     : BARE_ID | DOTTED_ID | AT | UNKNOWN | CALLSITE | FUSED | TENSOR | MEMREF | VECTOR | COMPLEX | TUPLE
                  | DENSE | DENSE_RESOURCE | SPARSE | ARRAY | AFFINE_MAP | AFFINE_SET | STRIDED | DISTINCT | KW_MAX | KW_MIN
                  | LEGACY_OP ;

// ---- regions and blocks ------------------------------------------------------------------------------------------
region            : LBRACE operation* block* RBRACE ;
block             : blockLabel operation* ;
blockLabel        : CARET_ID (LPAREN (blockArg (COMMA blockArg)*)? RPAREN)? COLON ;
blockArg          : VALUE_ID COLON type trailingLocation? ;
trailingLocation  : LOC LPAREN location RPAREN ;

// ---- types -------------------------------------------------------------------------------------------------------
type              : nonFunctionType | functionType ;
typeList          : type (COMMA type)* ;
functionType      : LPAREN typeList? RPAREN ARROW functionResults ;
functionResults   : LPAREN typeList? RPAREN | nonFunctionType ;
nonFunctionType
    : INT_TYPE                                                            # integerType
    | FLOAT_TYPE                                                          # floatType
    | INDEX                                                               # indexType
    | NONE                                                                # noneType
    | COMPLEX LESS type GREATER                                           # complexType
    | TUPLE LESS typeList? GREATER                                        # tupleType
    | TENSOR LESS (UNRANKED_X | DIMS)? (shape (type | gluedBody)? | type) (COMMA attributeValue)? GREATER  # tensorType
    | MEMREF LESS (UNRANKED_X | DIMS)? (shape (type | gluedBody)? | type) (COMMA attributeValue)* GREATER  # memrefType
    | VECTOR LESS DIMS? (shape (type | gluedBody)? | type) GREATER                                       # vectorType
    | BANG_ID prettyBody?                                                 # dialectOrAliasType
    ;

// The rest of a dimension list (LangRef "Builtin Types": `dimension-list ::= (dimension `x`)*`) where the DIMS token
// does not reach: MLIR's lexer reads `4x8xf32` as an integer and a bare identifier and its parser splits the `x` off
// the identifier, so it also takes blanks and line breaks the DIMS token leaves out. Here the `x` is a bare
// identifier of its own (`tensor<* x f32>`, `vector<[4] x f32>`) or glued to what follows (`tensor<* xf32>`,
// `tensor<4 x4xf32>`, and `tensor<0xf32>`, where `0xf32` lexes as a hexadecimal integer); the builder joins the
// pieces and reads them as MLIR's parser does, the element type included when it is glued to the last `x`.
shape             : (INTEGER | QUESTION | STAR | LBRACKET INTEGER RBRACKET | BARE_ID)
                    (INTEGER | QUESTION | STAR | LBRACKET INTEGER RBRACKET | BARE_ID | DIMS)* ;
// The body of an element type whose keyword is glued to the last `x` (`tensor<* xcomplex<f32>>`,
// `memref<4 xmemref<?xf32>>`): read as a shaped type's body; the keyword, the shape's last piece, says which.
gluedBody         : LESS (UNRANKED_X | DIMS)? (shape (type | gluedBody)? | type) (COMMA attributeValue)* GREATER ;

// ---- attributes --------------------------------------------------------------------------------------------------
attributeDict     : LBRACE (attributeEntry (COMMA attributeEntry)*)? RBRACE ;
attributeEntry    : (bareId | STRING) (EQUAL attributeValue)? ;
attributeValue
    // A dialect attribute may carry a type: `#hal.device.target<...> : !hal.device`.
    : customAttribute (COLON type)?                         # structuredAttr
    | MINUS? (INTEGER | FLOAT) (COLON type)?                # numberAttr
    | STRING (COLON type)?                                  # stringAttr
    | LBRACKET (attributeValue (COMMA attributeValue)*)? RBRACKET  # arrayAttr
    | attributeDict                                         # dictAttr
    | type                                                  # typeAttr
    ;
denseElement
    : LBRACKET (denseElement (COMMA denseElement)*)? RBRACKET
    | LPAREN denseElement COMMA denseElement RPAREN
    | MINUS? (INTEGER | FLOAT)
    | TRUE | FALSE | STRING
    ;
denseArrayElements: denseArrayElement (COMMA denseArrayElement)* ;
denseArrayElement : MINUS? (INTEGER | FLOAT) | TRUE | FALSE ;
resourceHandle    : bareId | STRING ;
strideValue       : MINUS? INTEGER | QUESTION ;
symbolRef         : AT_ID (DOUBLE_COLON AT_ID)* ;

// A dialect attribute or type body: any tokens with balanced brackets, kept as canonical text.
prettyBody        : LESS prettyItem* GREATER ;
prettyItem
    : LESS prettyItem* GREATER
    | LPAREN prettyItem* RPAREN
    | LBRACKET prettyItem* RBRACKET
    | LBRACE prettyItem* RBRACE
    | ~(LESS | GREATER | LPAREN | RPAREN | LBRACKET | RBRACKET | LBRACE | RBRACE)
    ;

// ---- locations ---------------------------------------------------------------------------------------------------
location
    : UNKNOWN                                                             # unknownLoc
    | STRING COLON INTEGER COLON INTEGER                                  # fileLineColLoc
    | STRING (LPAREN location RPAREN)?                                    # nameLoc
    | CALLSITE LPAREN location AT location RPAREN                         # callSiteLoc
    | FUSED (LESS attributeValue GREATER)? LBRACKET (location (COMMA location)*)? RBRACKET  # fusedLoc
    | HASH_ID prettyBody?                                                 # aliasOrDialectLoc
    ;

// Identifiers, including the words the lexer makes keywords.
bareId
    : BARE_ID | DOTTED_ID | INT_TYPE | FLOAT_TYPE | INDEX | NONE | TENSOR | MEMREF | VECTOR | COMPLEX | TUPLE
    | TRUE | FALSE | UNIT | DENSE | DENSE_RESOURCE | SPARSE | ARRAY | AFFINE_MAP | AFFINE_SET | STRIDED | DISTINCT
    | LOC | UNKNOWN | CALLSITE | FUSED | AT | KW_FUNC | KW_RETURN | KW_MODULE | KW_CALL | KW_CALL_INDIRECT | KW_MAX | KW_MIN | ATTRIBUTES
    | LEGACY_OP
    ;
