using System.Globalization;
using HwOpt.Syntax;

namespace HwOpt.CostModel.Features;

/// <summary>
/// The feature vector's layout: channels in order, their names and descriptions (cost-models/FEATURES.md is
/// generated from them) and the offsets the numeric channels write at. Vocabularies (traits, element types, body-op
/// classes) are fixed here, not read from the catalogue, so that adding an op to a YAML file does not change the schema.
/// </summary>
internal static class FeatureLayout
{
    /// <summary>Token-format revision: bump when tokens change without a name change, so that the schema version changes.</summary>
    public const int TokenizerRevision = 1;

    /// <summary>Largest arguments whose dims are features.</summary>
    public const int ShapeArguments = 3;

    /// <summary>Dims per shape feature group (higher ranks are cut).</summary>
    public const int ShapeRank = 5;

    public static readonly string[] Traits =
        ["elementwise", "broadcast", "reduction", "contraction", "data-movement", "constant", "control-flow", "allocation", "opaque"];

    public static readonly string[] ElementKinds = ["f64", "f32", "f16", "bf16", "i64", "i32", "i16", "i8", "i1", "other"];

    public static readonly ScalarOpClass[] BodyClasses =
    [
        ScalarOpClass.Add, ScalarOpClass.Mul, ScalarOpClass.Fma, ScalarOpClass.Div, ScalarOpClass.Transcendental,
        ScalarOpClass.Compare, ScalarOpClass.Cast, ScalarOpClass.Bitwise, ScalarOpClass.Other,
    ];

    public static readonly string[] Structure =
        ["op_count", "nested_op_count", "argument_count", "result_count", "opaque_op_count", "unknown_op_count", "any_opaque"];

    public static readonly string[] Window = ["stride_0", "stride_1", "dilation_0", "dilation_1"];

    public static readonly string[] Work =
    [
        "flops_log2", "bytes_read_log2", "bytes_written_log2", "iteration_points_log2", "reduction_points_log2",
        "arithmetic_intensity", "loop_depth", "transcendentals_log2", "divisions_log2", "work_known",
        "inner_stride_bytes_log2", "strided_operands", "footprint_inner1_bytes_log2", "footprint_inner2_bytes_log2", "footprint_inner3_bytes_log2",
    ];

    public static readonly string[] PerPoint = ["flops_per_point", "bytes_per_point", "transcendentals_per_point", "divisions_per_point"];

    public static readonly IReadOnlyList<FeatureChannel> Channels = Build();

    public static readonly int TextOffset = OffsetOf("text");
    public static readonly int StructureOffset = OffsetOf("structure");
    public static readonly int TraitOffset = OffsetOf("traits");
    public static readonly int TypeOffset = OffsetOf("types");
    public static readonly int ShapeOffset = OffsetOf("shapes");
    public static readonly int WindowOffset = OffsetOf("window");
    public static readonly int BodyOffset = OffsetOf("body");
    public static readonly int WorkOffset = OffsetOf("work");
    public static readonly int ComputeOffset = OffsetOf("compute-type");
    public static readonly int PerPointOffset = OffsetOf("per-point");
    public static readonly int Count = Channels.Sum(c => c.Features.Count);

    /// <summary>Constants that enter the schema version beside the names.</summary>
    public static string VersionConstants =>
        string.Create(CultureInfo.InvariantCulture, $"hwopt-features;tokens=r{TokenizerRevision};buckets={TokenHasher.Buckets};hash=fnv1a64;ngrams=1,2");

    /// <summary>Index of an element type in <see cref="ElementKinds"/> (<c>other</c> for the rest).</summary>
    public static int ElementKind(string? type) => type switch
    {
        "f64" => 0,
        "f32" => 1,
        "f16" => 2,
        "bf16" => 3,
        "i64" => 4,
        "i32" => 5,
        "i16" => 6,
        "i8" => 7,
        "i1" => 8,
        _ => 9,
    };

    private static int OffsetOf(string channel)
    {
        int offset = 0;
        foreach (var c in Channels)
        {
            if (c.Name == channel) return offset;
            offset += c.Features.Count;
        }
        throw new InvalidOperationException("no channel " + channel);
    }

    private static List<FeatureChannel> Build()
    {
        static string Snake(string s) => s.Replace('-', '_');
        var shapes = new List<string> { "largest_argument_elements_log2", "largest_result_elements_log2", "total_elements_log2" };
        for (int a = 0; a < ShapeArguments; a++)
        {
            shapes.Add($"arg{a}_rank");
            for (int d = 0; d < ShapeRank; d++) shapes.Add($"arg{a}_dim{d}_log2");
        }
        shapes.Add("result_rank");
        for (int d = 0; d < ShapeRank; d++) shapes.Add($"result_dim{d}_log2");

        return
        [
            new("text",
                "Hashed token counts of the ops read as generic-form text without SSA names, block labels and locations " +
                "(op and dialect names, attribute keys and values with numbers as signed log2 buckets, types with each dim a " +
                "log2 bucket and the rank, region body ops). Unigrams and bigrams, FNV-1a 64 into 512 buckets; value log(1 + count).",
                Enumerable.Range(0, TokenHasher.Buckets).Select(i => "text_" + i.ToString("D3", CultureInfo.InvariantCulture)).ToArray()),
            new("structure",
                "Counts: top-level ops of the kernel body, ops nested in their regions, kernel arguments (distinct values used from " +
                "outside), results (values used outside), tolerant-mode (opaque) ops, ops the dialect catalogue does not know; " +
                "any_opaque is 1 when any op is opaque or unknown.",
                Structure),
            new("traits",
                "Number of top-level ops declaring each dialect trait (dialects/*.yaml).",
                Traits.Select(t => "trait_" + Snake(t)).ToArray()),
            new("types",
                "Smallest and largest element bit width of the tensor/memref operands and results (NaN when none), and which " +
                "element types occur among them (1/0).",
                new[] { "min_bit_width", "max_bit_width" }.Concat(ElementKinds.Select(k => "has_" + k)).ToArray()),
            new("shapes",
                "log2(1 + elements) of the largest argument, of the largest result and of all arguments and results together; " +
                "rank and log2 of each dim (0-sized dims -1) of the three largest tensor/memref arguments and of the largest " +
                "result, up to rank 5; NaN where missing or dynamic.",
                shapes),
            new("window",
                "Strides and dilations (first two values) of the first op that has a strides/stride or dilations/dilation " +
                "attribute; NaN when absent.",
                Window),
            new("body",
                "Scalar ops in the ops' regions by class (from the work entries of dialects/arith.yaml and math.yaml): add/sub/neg, " +
                "mul, fma, div/rem, transcendental (exp, log, tanh, erf, sqrt, rsqrt, ...), compare/select/max/min, casts, bitwise, other.",
                BodyClasses.Select(c => "body_" + c.ToString().ToLowerInvariant()).ToArray()),
            new("work",
                "The group's WorkEstimate (HwOpt.Analysis.Work): log2(1 + x) of FLOPs, bytes read, bytes written, iteration points, " +
                "reduction points, transcendental and division ops executed; arithmetic intensity (FLOPs per byte), deepest loop nest, " +
                "and 1 when the estimate is known exactly (0 for unknown ops or dynamic shapes); the loop nest's locality (LoopLocality, " +
                "of the op with the most FLOPs): log2(1 + bytes) of the largest innermost-loop stride, operands strided by a cache line " +
                "or more, and bytes touched by the innermost 1, 2 and 3 loops (NaN for ops without indexing maps).",
                Work),
            new("compute-type",
                "One-hot of the element type the arithmetic runs in (the WorkEstimate's compute type).",
                ElementKinds.Select(k => "compute_" + k).ToArray()),
            new("per-point",
                "The WorkEstimate per iteration point (the latency label is learned per unit of work, so these are its natural " +
                "covariates; totals alone make a tree learn differences of logarithms): FLOPs, bytes read and written, " +
                "transcendental and division ops, each divided by the iteration points (NaN when there are none or the estimate " +
                "is unknown).",
                PerPoint),
        ];
    }
}
