using HwOpt.IR;

namespace HwOpt.Syntax.Custom;

/// <summary>
/// Formats of the gpu dialect (MLIR 19) that lowered IR is made of: <c>gpu.launch</c> (what
/// <c>--convert-parallel-loops-to-gpu</c> emits), its terminator, the index ops (thread_id, block_id, block_dim,
/// grid_dim, ...) and the barrier. Kernel modules and functions, launch_func and the reductions are read in tolerant mode.
/// </summary>
internal static class GpuFormats
{
    private static readonly IndexType Index = IndexType.Instance;

    /// <summary>
    /// <c>blocks(%bx, %by, %bz) in (%gx = %a, %gy = %b, %gz = %c) threads(%tx, %ty, %tz) in (%sx = %d, ...)
    /// [dynamic_shared_memory_size %s] { body } [attrs]</c> (gpu.launch without async tokens, clusters or memory
    /// attributions). The body's 12 index arguments are the block ids, thread ids, grid sizes and block sizes;
    /// <c>workgroup_attributions = 0</c> is added as MLIR's parser adds it.
    /// </summary>
    public static Operation Launch(OpReader r, OpEntry e)
    {
        r.Keyword("blocks");
        var (blockIds, gridSizes, grid) = Dimensions(r);
        r.Keyword("threads");
        var (threadIds, blockSizes, block) = Dimensions(r);
        Item? sharedMemory = null;
        if (r.TryKeyword("dynamic_shared_memory_size")) sharedMemory = r.Expect(ItemKind.Value);
        var region = r.RegionItem();
        var attrs = r.Dict();
        r.ExpectEnd();

        var operands = r.UseAll(grid, Index).Concat(r.UseAll(block, Index)).ToList();
        if (sharedMemory is not null) operands.Add(r.Use(sharedMemory, new IntegerType(32, Signedness.Signless)));
        var props = new List<NamedAttribute> { OpReader.Segments(0, 1, 1, 1, 1, 1, 1, 0, 0, 0, sharedMemory is null ? 0 : 1) };
        var args = blockIds.Concat(threadIds).Concat(gridSizes).Concat(blockSizes)
            .Select(a => new IRBuilder.EntryArgument(a.Text, Index, null, r.Span(a))).ToList();
        // No implicit terminator: MLIR 19 requires gpu.terminator to be written.
        var body = r.BuildRegion(region, args);
        // The parser records the number of workgroup attributions as a discardable attribute (none here).
        var discardable = new List<NamedAttribute>(attrs.Entries) { new("workgroup_attributions", OpReader.I64Attr(0)) };
        return r.Create(r.Name, [], operands, props, new DictionaryAttr(discardable), [body]);
    }

    /// <summary><c>(%x, %y, %z) in (%sx = %a, %sy = %b, %sz = %c)</c>: the three ids, the three size names and the three sizes.</summary>
    private static (List<Item> Ids, List<Item> SizeNames, List<Item> Sizes) Dimensions(OpReader r)
    {
        var ids = r.ValuesOf(r.Group('('));
        r.Keyword("in");
        var sizes = r.Assignments(r.Group('('));
        if (ids.Count != 3 || sizes.Count != 3) throw OpReader.Mismatch("expected three dimensions");
        return (ids, sizes.Select(s => s.Arg).ToList(), sizes.Select(s => s.Init).ToList());
    }

    /// <summary><c>x|y|z [upper_bound N] [attrs]</c> (gpu.thread_id, block_id, block_dim, grid_dim, ...): one index.</summary>
    public static Operation Dimension(OpReader r, OpEntry e)
    {
        var dim = r.Expect(ItemKind.Keyword).Text;
        if (dim is not ("x" or "y" or "z")) throw OpReader.Mismatch("expected x, y or z");
        var props = new List<NamedAttribute> { new("dimension", new TextAttr(TextAttrKind.Dialect, $"#gpu<dim {dim}>")) };
        if (r.TryKeyword("upper_bound")) props.Add(new NamedAttribute("upper_bound", new IntegerAttr(r.Integer(), Index)));
        var attrs = r.Dict();
        r.ExpectEnd();
        return r.Create(r.Name, [Index], [], props, attrs);
    }
}
