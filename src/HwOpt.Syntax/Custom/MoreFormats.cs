namespace HwOpt.Syntax.Custom;

/// <summary>Registers the format readers of the tensor, linalg, tosa, scf, memref, bufferization and cf dialects.</summary>
internal static partial class MoreFormats
{
    static partial void RegisterMore()
    {
        // tensor (several serve memref ops of the same shape)
        CustomSyntax.Register("tensor-empty", TensorFormats.Empty);
        CustomSyntax.Register("dim", TensorFormats.Dim);
        CustomSyntax.Register("rank", TensorFormats.Unary);
        CustomSyntax.Register("extract", TensorFormats.Extract);
        CustomSyntax.Register("insert", TensorFormats.Insert);
        CustomSyntax.Register("from-elements", TensorFormats.FromElements);
        CustomSyntax.Register("splat", TensorFormats.Splat);
        CustomSyntax.Register("reshape", TensorFormats.Reshape);
        CustomSyntax.Register("concat", TensorFormats.Concat);
        CustomSyntax.Register("slice", TensorFormats.Slice);
        CustomSyntax.Register("reassociative-reshape", TensorFormats.ReassociativeReshape);
        CustomSyntax.Register("pad", TensorFormats.Pad);
        CustomSyntax.Register("generate", TensorFormats.Generate);
        CustomSyntax.Register("values", TensorFormats.Values);
        CustomSyntax.Register("tensor-pack", TensorFormats.Pack);
        CustomSyntax.Register("gather-scatter", TensorFormats.GatherScatter);

        // scf
        CustomSyntax.Register("scf-for", ScfFormats.For);
        CustomSyntax.Register("scf-if", ScfFormats.If);
        CustomSyntax.Register("scf-while", ScfFormats.While);
        CustomSyntax.Register("scf-condition", ScfFormats.Condition);
        CustomSyntax.Register("scf-parallel", ScfFormats.Parallel);
        CustomSyntax.Register("scf-reduce", ScfFormats.Reduce);
        CustomSyntax.Register("scf-forall", ScfFormats.Forall);
        CustomSyntax.Register("scf-index-switch", ScfFormats.IndexSwitch);
        CustomSyntax.Register("region-only", ScfFormats.RegionOnly);

        // memref
        CustomSyntax.Register("memref-alloc", MemrefFormats.Alloc);
        CustomSyntax.Register("memref-realloc", MemrefFormats.Realloc);
        CustomSyntax.Register("consume", MemrefFormats.Consume);
        CustomSyntax.Register("memref-copy", MemrefFormats.Copy);
        CustomSyntax.Register("memref-global", MemrefFormats.Global);
        CustomSyntax.Register("memref-get-global", MemrefFormats.GetGlobal);
        CustomSyntax.Register("memref-reinterpret-cast", MemrefFormats.ReinterpretCast);
        CustomSyntax.Register("memref-view", MemrefFormats.View);
        CustomSyntax.Register("memref-transpose", MemrefFormats.Transpose);
        CustomSyntax.Register("memref-assume-alignment", MemrefFormats.AssumeAlignment);
        CustomSyntax.Register("memref-atomic-rmw", MemrefFormats.AtomicRmw);
        CustomSyntax.Register("gpu-launch", GpuFormats.Launch);
        CustomSyntax.Register("gpu-dimension", GpuFormats.Dimension);
        CustomSyntax.Register("memref-generic-atomic-rmw", MemrefFormats.GenericAtomicRmw);
        CustomSyntax.Register("memref-prefetch", MemrefFormats.Prefetch);
        CustomSyntax.Register("arrow-results", MemrefFormats.ArrowResults);

        // bufferization
        CustomSyntax.Register("to-tensor", BufferizationFormats.ToTensor);
        CustomSyntax.Register("to-memref", BufferizationFormats.ToMemref);
        CustomSyntax.Register("alloc-tensor", BufferizationFormats.AllocTensor);
        CustomSyntax.Register("materialize-in-destination", BufferizationFormats.MaterializeInDestination);
        CustomSyntax.Register("bufferization-dealloc", BufferizationFormats.Dealloc);

        // cf
        CustomSyntax.Register("cf-br", CfFormats.Br);
        CustomSyntax.Register("cf-cond-br", CfFormats.CondBr);
        CustomSyntax.Register("cf-switch", CfFormats.Switch);
        CustomSyntax.Register("cf-assert", CfFormats.Assert);

        // linalg
        CustomSyntax.Register("linalg-named", LinalgFormats.Named);
        CustomSyntax.Register("linalg-generic", LinalgFormats.Generic);
        CustomSyntax.Register("linalg-map-reduce", LinalgFormats.MapReduce);
        CustomSyntax.Register("linalg-transpose-broadcast", LinalgFormats.TransposeBroadcast);
        CustomSyntax.Register("linalg-softmax", LinalgFormats.Softmax);
        CustomSyntax.Register("linalg-index", LinalgFormats.Index);

        // vector
        CustomSyntax.Register("vector-reduction", VectorFormats.Reduction);
        CustomSyntax.Register("vector-multi-reduction", VectorFormats.MultiReduction);
        CustomSyntax.Register("vector-extract", VectorFormats.Extract);
        CustomSyntax.Register("vector-insert", VectorFormats.Insert);
        CustomSyntax.Register("vector-element", VectorFormats.Element);
        CustomSyntax.Register("vector-transpose", VectorFormats.Transpose);
        CustomSyntax.Register("vector-shuffle", VectorFormats.Shuffle);
        CustomSyntax.Register("vector-transfer", VectorFormats.Transfer);
        CustomSyntax.Register("vector-load-store", VectorFormats.LoadStore);
        CustomSyntax.Register("vector-contract", VectorFormats.Contract);
        CustomSyntax.Register("vector-mask", VectorFormats.Mask);
        CustomSyntax.Register("vector-create-mask", VectorFormats.CreateMask);
        CustomSyntax.Register("vector-nullary", VectorFormats.Nullary);
        CustomSyntax.Register("vector-print", VectorFormats.Print);
        CustomSyntax.Register("ml-program-global", MlProgramFormats.Global);
        CustomSyntax.Register("ml-program-global-access", MlProgramFormats.GlobalAccess);
        CustomSyntax.Register("ml-program-token", MlProgramFormats.Token);
        CustomSyntax.Register("vector-outerproduct", VectorFormats.OuterProduct);
        CustomSyntax.Register("vector-insert-strided-slice", VectorFormats.InsertStridedSlice);
        CustomSyntax.Register("vector-constant-mask", VectorFormats.ConstantMask);
        CustomSyntax.Register("vector-masked", VectorFormats.Masked);
        CustomSyntax.Register("vector-interleave", VectorFormats.Interleave);
        CustomSyntax.Register("vector-scan", VectorFormats.Scan);

        // complex
        CustomSyntax.Register("complex-part", ComplexFormats.Part);
        CustomSyntax.Register("complex-create", ComplexFormats.Create);
        CustomSyntax.Register("complex-compare", ComplexFormats.Compare);

        // tosa
        CustomSyntax.Register("functional", TosaFormats.Functional);
        CustomSyntax.Register("tosa-variable", TosaFormats.Variable);
        CustomSyntax.Register("generic-only", TosaFormats.GenericOnly);
    }
}
