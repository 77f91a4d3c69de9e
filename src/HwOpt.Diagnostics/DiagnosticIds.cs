namespace HwOpt.Diagnostics;

/// <summary>
/// The one catalogue of hwopt diagnostic ids. Ids are stable: never renumber or reuse one.
/// Ranges: HW1xxx syntax, HW2xxx verification, HW3xxx planning, HW4xxx build and tooling, HW5xxx executed validation.
/// </summary>
public static class DiagnosticIds
{
    /// <summary>A token that the grammar does not allow at this position.</summary>
    public static readonly DiagnosticDescriptor UnexpectedToken = new("HW1001", DiagnosticSeverity.Error, "syntax error");
    /// <summary>A string literal without its closing quote on the same line.</summary>
    public static readonly DiagnosticDescriptor UnterminatedString = new("HW1002", DiagnosticSeverity.Error, "unterminated string literal");
    /// <summary>A character that cannot start any MLIR token.</summary>
    public static readonly DiagnosticDescriptor InvalidCharacter = new("HW1003", DiagnosticSeverity.Error, "invalid character");
    /// <summary>Nesting deeper than the parser's explicit limit (regions, brackets, types, attributes).</summary>
    public static readonly DiagnosticDescriptor NestingTooDeep = new("HW1004", DiagnosticSeverity.Error, "nesting too deep");
    /// <summary>Use of an SSA value that is never defined in scope.</summary>
    public static readonly DiagnosticDescriptor UndefinedValue = new("HW1005", DiagnosticSeverity.Error, "use of undefined SSA value");
    /// <summary>An SSA name defined twice in the same scope.</summary>
    public static readonly DiagnosticDescriptor RedefinedValue = new("HW1006", DiagnosticSeverity.Error, "redefinition of SSA value");
    /// <summary>Reference to an attribute or type alias that is not defined.</summary>
    public static readonly DiagnosticDescriptor UndefinedAlias = new("HW1007", DiagnosticSeverity.Error, "undefined alias");
    /// <summary>An attribute or type alias defined twice.</summary>
    public static readonly DiagnosticDescriptor RedefinedAlias = new("HW1008", DiagnosticSeverity.Error, "redefinition of alias");
    /// <summary>A type that is malformed (bad shape, bad element type, bad width).</summary>
    public static readonly DiagnosticDescriptor InvalidType = new("HW1009", DiagnosticSeverity.Error, "invalid type");
    /// <summary>An attribute that is malformed.</summary>
    public static readonly DiagnosticDescriptor InvalidAttribute = new("HW1010", DiagnosticSeverity.Error, "invalid attribute");
    /// <summary>The number of results named does not match the number of result types.</summary>
    public static readonly DiagnosticDescriptor ResultCountMismatch = new("HW1011", DiagnosticSeverity.Error, "result count mismatch");
    /// <summary>The number of operands does not match the operand types of the op's function type.</summary>
    public static readonly DiagnosticDescriptor OperandCountMismatch = new("HW1012", DiagnosticSeverity.Error, "operand count mismatch");
    /// <summary>Reference to a block label that is not defined in the region.</summary>
    public static readonly DiagnosticDescriptor UndefinedBlock = new("HW1013", DiagnosticSeverity.Error, "reference to undefined block");
    /// <summary>Input bytes that are not valid UTF-8.</summary>
    public static readonly DiagnosticDescriptor InvalidUtf8 = new("HW1014", DiagnosticSeverity.Error, "invalid UTF-8");
    /// <summary>An integer literal too large for its type, or a dimension out of range.</summary>
    public static readonly DiagnosticDescriptor LiteralOutOfRange = new("HW1015", DiagnosticSeverity.Error, "literal out of range");
    /// <summary>An op in custom syntax that hwopt does not know: read in tolerant mode and kept opaque.</summary>
    public static readonly DiagnosticDescriptor OpaqueCustomOp = new("HW1016", DiagnosticSeverity.Remark, "custom op read in tolerant mode");
    /// <summary>A custom-syntax op of a known dialect whose text does not match the op's assembly format as hwopt knows it: read in tolerant mode.</summary>
    public static readonly DiagnosticDescriptor CustomFormatMismatch = new("HW1017", DiagnosticSeverity.Remark, "custom assembly format not understood");
    /// <summary>A use of an SSA value with a type different from its definition.</summary>
    public static readonly DiagnosticDescriptor TypeMismatch = new("HW1018", DiagnosticSeverity.Error, "type mismatch");
    /// <summary>A block label defined twice in one region.</summary>
    public static readonly DiagnosticDescriptor RedefinedBlock = new("HW1019", DiagnosticSeverity.Error, "redefinition of block");
    /// <summary>A malformed file metadata section <c>{-# ... #-}</c>.</summary>
    public static readonly DiagnosticDescriptor InvalidMetadata = new("HW1020", DiagnosticSeverity.Error, "invalid file metadata");
    /// <summary>An input larger than the parser accepts.</summary>
    public static readonly DiagnosticDescriptor InputTooLarge = new("HW1021", DiagnosticSeverity.Error, "input too large");

    /// <summary>A pass pipeline that does not parse, names an unknown pass, or gives a pass an unknown or malformed option.</summary>
    public static readonly DiagnosticDescriptor InvalidPassPipeline = new("HW3001", DiagnosticSeverity.Error, "invalid pass pipeline");
    /// <summary>A device name that no profile in cost-models/devices has.</summary>
    public static readonly DiagnosticDescriptor UnknownDevice = new("HW3002", DiagnosticSeverity.Error, "unknown device");
    /// <summary>A budget (bytes, latency, energy, BOPs) that no plan can meet; the message names the constraint.</summary>
    public static readonly DiagnosticDescriptor InfeasibleBudget = new("HW3003", DiagnosticSeverity.Error, "infeasible budget");
    /// <summary>A malformed pin (a <c>hwopt.pin.*</c> attribute or a pin-file entry).</summary>
    public static readonly DiagnosticDescriptor InvalidPin = new("HW3004", DiagnosticSeverity.Error, "invalid pin");
    /// <summary>The solver stopped (time limit) before finding any feasible plan.</summary>
    public static readonly DiagnosticDescriptor NoFeasiblePlan = new("HW3005", DiagnosticSeverity.Error, "no feasible plan");
    /// <summary>A budget or limit that is not a positive number.</summary>
    public static readonly DiagnosticDescriptor InvalidBudget = new("HW3006", DiagnosticSeverity.Error, "invalid budget");
    /// <summary>The solver returned a plan that is not proven optimal (time limit): the gap is reported.</summary>
    public static readonly DiagnosticDescriptor PlanNotProvenOptimal = new("HW3007", DiagnosticSeverity.Warning, "plan not proven optimal");
    /// <summary>A per-layer sensitivity sidecar (JSON, <c>schemaVersion</c> 1) for the precision planner that cannot be read or is malformed.</summary>
    public static readonly DiagnosticDescriptor InvalidSensitivitySidecar = new("HW3201", DiagnosticSeverity.Error, "invalid sensitivity sidecar");

    /// <summary>Required system packages are missing and could not be installed.</summary>
    public static readonly DiagnosticDescriptor MissingSystemPackage = new("HW4001", DiagnosticSeverity.Error, "missing system package");
    /// <summary>The ANTLR tool jar or Java is missing at build time.</summary>
    public static readonly DiagnosticDescriptor MissingAntlrTool = new("HW4002", DiagnosticSeverity.Error, "missing ANTLR tool");
    /// <summary>An input file cannot be read.</summary>
    public static readonly DiagnosticDescriptor CannotReadInput = new("HW4004", DiagnosticSeverity.Error, "cannot read input");
    /// <summary>An output file cannot be written, or would overwrite an input.</summary>
    public static readonly DiagnosticDescriptor CannotWriteOutput = new("HW4005", DiagnosticSeverity.Error, "cannot write output");
    /// <summary>A command-line usage error.</summary>
    public static readonly DiagnosticDescriptor Usage = new("HW4006", DiagnosticSeverity.Error, "usage error");
    /// <summary>An MLIR 19 / LLVM 19 tool needed for profiling (mlir-opt, mlir-cpu-runner, mlir-translate, opt, llc, llvm-nm) or a runner library is missing.</summary>
    public static readonly DiagnosticDescriptor MissingToolchain = new("HW4007", DiagnosticSeverity.Error, "missing MLIR/LLVM tool");
    /// <summary>A profiling dataset or pipeline file cannot be read.</summary>
    public static readonly DiagnosticDescriptor InvalidDataset = new("HW4008", DiagnosticSeverity.Error, "invalid dataset");

    /// <summary>A native library (libxgboost, libCbcSolver) cannot be loaded.</summary>
    public static readonly DiagnosticDescriptor MissingNativeLibrary = new("HW4010", DiagnosticSeverity.Error, "missing native library");
    /// <summary>A cost-model directory or model file is missing, corrupt, or does not match this build (feature version, machine, targets).</summary>
    public static readonly DiagnosticDescriptor InvalidCostModel = new("HW4011", DiagnosticSeverity.Error, "invalid cost model");
    /// <summary>A device profile (cost-models/devices/*.yaml) is missing or malformed.</summary>
    public static readonly DiagnosticDescriptor InvalidDeviceProfile = new("HW4012", DiagnosticSeverity.Error, "invalid device profile");
    /// <summary>A prediction is outside the range of the training data (extrapolation).</summary>
    public static readonly DiagnosticDescriptor OutOfTrainingRange = new("HW4013", DiagnosticSeverity.Warning, "outside the training range");

    /// <summary>A cost model trained on measurements from another machine than this one.</summary>
    public static readonly DiagnosticDescriptor CostModelFromOtherMachine = new("HW4014", DiagnosticSeverity.Warning, "cost model from another machine");
    /// <summary>A report picture was not drawn (graphviz <c>dot</c> or <c>gnuplot</c> missing, failing or too slow): the report carries the DOT text or says so instead.</summary>
    public static readonly DiagnosticDescriptor ReportPictureNotDrawn = new("HW4015", DiagnosticSeverity.Warning, "report picture not drawn");
    /// <summary>The MSBuild task (HwOpt.Build) cannot find the hwopt CLI (<c>$(HwOptToolPath)</c>, default the package's <c>tools/hwopt/hwopt.dll</c>).</summary>
    public static readonly DiagnosticDescriptor HwOptToolNotFound = new("HW4020", DiagnosticSeverity.Error, "hwopt tool not found");

    /// <summary>mlir-opt could not lower a variant of the model being validated (<c>hwopt validate</c>).</summary>
    public static readonly DiagnosticDescriptor ValidationLoweringFailed = new("HW5001", DiagnosticSeverity.Error, "validation: lowering failed");
    /// <summary>mlir-translate, opt, llc, llvm-mc or the linker failed on a variant being validated.</summary>
    public static readonly DiagnosticDescriptor ValidationCompileFailed = new("HW5002", DiagnosticSeverity.Error, "validation: compile failed");
    /// <summary>A validated variant crashed or printed no output.</summary>
    public static readonly DiagnosticDescriptor ValidationRunFailed = new("HW5003", DiagnosticSeverity.Error, "validation: run failed");
    /// <summary>A tool or a validated variant ran past its time limit.</summary>
    public static readonly DiagnosticDescriptor ValidationTimeout = new("HW5004", DiagnosticSeverity.Error, "validation: time limit");
    /// <summary>A variant's output differs from the unfused model's beyond the tolerance.</summary>
    public static readonly DiagnosticDescriptor ValidationOutputsDiffer = new("HW5005", DiagnosticSeverity.Error, "validation: outputs differ");
    /// <summary>The model cannot be executed by the validation harness (no entry function, dynamic shapes, unsupported types).</summary>
    public static readonly DiagnosticDescriptor ValidationUnsupported = new("HW5006", DiagnosticSeverity.Error, "validation: unsupported model");
    /// <summary>Part of a plan was executed differently from planned (a device other than the host, a format emulated).</summary>
    public static readonly DiagnosticDescriptor ValidationApproximated = new("HW5007", DiagnosticSeverity.Warning, "validation: executed approximately");

    /// <summary>Every descriptor, in id order (for docs and for tests that check uniqueness).</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
        typeof(DiagnosticIds).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToArray();
}
