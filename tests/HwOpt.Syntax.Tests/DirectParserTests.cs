using System.Text;

namespace HwOpt.Syntax.Tests;

/// <summary>
/// The hand-written parser (<see cref="DirectTreeParser"/>) must build exactly the tree the generated parser builds
/// (same context classes, children, tokens, start and stop), and must never take an input the generated parser rejects
/// (<see cref="ParserEquivalence"/>). Checked on every corpus file, the shared corpus when present, and fuzzed mutations
/// of the corpus; <c>scripts/fuzz.sh N SEED --differential</c> runs a longer campaign.
/// </summary>
public sealed class DirectParserTests
{
    private static readonly string[] Subs = ["valid", "extended", "tolerant", "invalid", "models"];

    public static IEnumerable<object[]> AllFiles =>
        Subs.SelectMany(sub => TestPaths.Files(sub).Select(f => new object[] { sub, f[0] }));

    [Theory]
    [MemberData(nameof(AllFiles))]
    public void DirectParserBuildsTheGeneratedParsersTree(string sub, string file)
    {
        string path = Path.Combine(TestPaths.Corpus(sub), file);
        var c = ParserEquivalence.Compare(File.ReadAllText(path));
        Assert.True(c.Divergence is null, $"{path}: {c.Divergence}");
        // Every file the generated parser reads, the direct parser reads too (no silent fallbacks on the corpus).
        if (c.GeneratedReads) Assert.True(c.DirectReads, $"{path}: the direct parser gave up on a file the generated parser reads");
    }

    [Fact]
    public void DirectParserBuildsTheGeneratedParsersTreeOnTheSharedCorpus()
    {
        if (!Directory.Exists(TestPaths.SharedCorpus)) return; // skip cleanly: ../shared/corpus is not part of the repository
        int files = 0, gaveUp = 0;
        foreach (var path in Directory.EnumerateFiles(TestPaths.SharedCorpus, "*.mlir", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (new FileInfo(path).Length > 4_000_000) continue;
            files++;
            var c = ParserEquivalence.Compare(File.ReadAllText(path));
            Assert.True(c.Divergence is null, $"{path}: {c.Divergence}");
            if (c.GeneratedReads && !c.DirectReads) gaveUp++;
        }
        Assert.True(files > 0);
        // Giving up is allowed (the generated parser then reads the file) but must stay rare.
        Assert.True(gaveUp * 50 <= files, $"the direct parser gave up on {gaveUp} of {files} shared-corpus files");
    }

    [Fact]
    public void DirectParserBuildsTheGeneratedParsersTreeOnFuzzedInput()
    {
        var seeds = Subs.Where(s => Directory.Exists(TestPaths.Corpus(s)))
            .SelectMany(sub => Directory.GetFiles(TestPaths.Corpus(sub), "*.mlir").Order(StringComparer.Ordinal))
            .Where(f => new FileInfo(f).Length < 40_000)
            .Select(File.ReadAllBytes).ToList();
        var rng = new Random(4321);
        int agreed = 0;
        for (int i = 0; i < 1000; i++)
        {
            var (bytes, what) = Fuzzer.Mutate(seeds[rng.Next(seeds.Count)], rng);
            string text = new UTF8Encoding(false, false).GetString(bytes);
            var c = ParserEquivalence.Compare(text);
            Assert.True(c.Divergence is null, $"mutant {i} ({what}): {c.Divergence}\n{text}");
            if (c.GeneratedReads && c.DirectReads) agreed++;
        }
        Assert.True(agreed > 100, $"only {agreed} mutants were read by both parsers");
    }

    [Theory]
    [InlineData("func.func @f(%a: i32) -> i32 {\n  %0 = arith.addi %a, %a : i32 loc(\"x\":1:2)\n  return %0 : i32\n}\n")]
    [InlineData("%0 = foo.bar %a = %b loc(\"l\")\n")]
    [InlineData("foo.op {a.b}\nfoo.op ({a.b})\nfoo.op {}\nfoo.op ({})\nfoo.op {a.b = 1}\n")]
    [InlineData("foo.op %a : i32, %b : f32\nfoo.op (%a : i32, %b : f32)\nfoo.op : (i32) -> i32, (i32)\n")]
    [InlineData("foo.op ^bb1(%a : i32)\n")]
    [InlineData("\"foo.op\"() ({\n^bb0(%a: i32 loc(\"q\")):\n  cf.br ^bb1(%a : i32)\n^bb1(%b: i32):\n  \"foo.end\"() : () -> ()\n}) : () -> ()\n")]
    [InlineData("foo.op loc(\"a\") : i32\nfoo.op dense<1> : tensor<i32>, @a::@b :: x\n")]
    [InlineData("#map = affine_map<(d0) -> (d0)>\n!t = tensor<4xf32>\n{-# dialect_resources: { builtin: { b: \"0x04\" } } #-}\n")]
    // Sizes after a type, a parenthesized list after ':' that is no function type, `=>`, braced item lists, values after ':'.
    [InlineData("%0 = foo.op %a : tensor<?xf32>{%n} -> tensor<?x2xf32>{%n, %m}\nfoo.op (%a : tensor<?xf32>{%n})\n")]
    [InlineData("%0 = foo.op(%a) : (tensor<?xf32>{%n}, index) -> %a{%n}\nfoo.op : (i32) -> (i32), (i32)\nfoo.op (%x : (i32), %y : (i32) -> i32)\n")]
    [InlineData("%0 = foo.op await(%t) => with(%a as %b: !r<x>{%n}) {\n  foo.inner %b\n} => !r<t>\n")]
    [InlineData("foo.op {ro %a[%c for %n] : !r<x>{%n}, wo %b[%c] : !r<x>{%m}}\nfoo.op {@a::@b, @c} (%x) {@d}\nfoo.op ({w %v})\n")]
    [InlineData("foo.print \"s\" {hex = false} : %a, %b : i32, i32\nfoo.op (%x : %y)\n")]
    // A symbol's body that is no list of custom items is kept as tokens; one that is stays a group.
    [InlineData("foo.op in=[<@m, [{\"a\", ?}, {\"b\":(1)2}]>] out=[<@m, [{\"a\"}, {}]>] x=<@m >= 2>\n")]
    // Dimension lists the DIMS token does not reach: a `shape` (pieces with blanks between), with or without a type after it.
    [InlineData("func.func private @f(tensor<* x f32>, memref<* xf32, 1>, tensor<4 x4xf32>, vector<[4] x f32>, tensor<0xf32>)\n")]
    [InlineData("%0 = foo.op %a : tensor<2x? xi8, \"e\"> -> tensor<3\nx 4 x ? x\nf32>\n\"foo.op\"() : () -> memref<? xf32, 3>\n")]
    [InlineData("func.func private @f(tensor<* xcomplex<f32>>, memref<4 xmemref<? xf32, 1>, 2>, tensor<? xvector<[4] x f32>>)\n")]
    // The old standard dialect's ops without results end the op before them; elsewhere their names are identifiers.
    [InlineData("foo.op %a\nassert %c, \"m\"\nfoo.op (store %x, br) {assert = 1, dealloc}\n\"foo.g\"() {cond_br} : () -> ()\nfoo.op %b store = 1\nfoo.op {store %v}\n")]
    public void DirectParserAgreesOnAmbiguousCustomSyntax(string text)
    {
        var c = ParserEquivalence.Compare(text);
        Assert.True(c.GeneratedReads, "the generated parser should read this");
        Assert.True(c.DirectReads, "the direct parser should read this");
        Assert.Null(c.Divergence);
    }

    [Fact]
    public void TextsTheGeneratedParserRejectsAreRejected()
    {
        // The direct parser must reject what the generated parser rejects (then neither tree is compared).
        var c = ParserEquivalence.Compare("func.func @f( {\n");
        Assert.False(c.GeneratedReads);
        Assert.False(c.DirectReads);
        Assert.Null(c.Divergence);
    }
}
