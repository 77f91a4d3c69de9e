using HwOpt.Syntax;

namespace HwOpt.Analysis.Tests.Work;

/// <summary>The <c>work</c> entries of dialects/*.yaml are consistent: maps parse, share their loops, match the iterators.</summary>
public sealed class WorkCatalogueTests
{
    [Fact]
    public void EveryStructuredEntryHasConsistentMapsAndIterators()
    {
        var problems = new List<string>();
        foreach (var (name, spec) in DialectWork.All)
        {
            if (spec.Kind != WorkKind.Structured || spec.Maps.Count == 0) continue;
            var maps = spec.Maps.Select(m => HwOpt.Analysis.Work.AffineMapShape.Get(m)).ToList();
            if (maps.Any(m => m is null)) { problems.Add($"{name}: a map does not parse"); continue; }
            int loops = maps[0]!.DimCount;
            if (maps.Any(m => m!.DimCount != loops)) problems.Add($"{name}: maps disagree on their loops");
            if (spec.Iterators.Count != loops) problems.Add($"{name}: {spec.Iterators.Count} iterators for {loops} loops");
            for (int d = 0; d < loops; d++)
            {
                bool bare = maps.Any(m => m!.BareDims.Contains(d));
                if (!bare && !spec.Extents.ContainsKey(maps[0]!.DimNames[d])) problems.Add($"{name}: loop {maps[0]!.DimNames[d]} has no extent source");
            }
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void EveryBodyListNamesAScalarOpWithWork()
    {
        var problems = DialectWork.All.SelectMany(kv => kv.Value.Body.Where(b => DialectWork.Of(b) is null).Select(b => $"{kv.Key}: {b}")).ToList();
        Assert.Empty(problems);
    }

    [Fact]
    public void NamedLinalgContractionsAllHaveMaps()
    {
        var missing = DialectWork.All.Where(kv => kv.Key.StartsWith("linalg.", StringComparison.Ordinal) && DialectTraits.Has(kv.Key, "contraction") && kv.Value.Maps.Count == 0)
            .Select(kv => kv.Key).ToList();
        Assert.Empty(missing);
        Assert.True(DialectWork.All.Count(kv => kv.Key.StartsWith("linalg.", StringComparison.Ordinal)) > 90);
    }
}
