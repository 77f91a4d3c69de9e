namespace HwOpt.Corpus;

/// <summary>An SSA value of ranked tensor type, as tracked by <see cref="MlirBuilder"/>.</summary>
/// <param name="Name">The SSA name including the <c>%</c> sigil.</param>
/// <param name="Shape">Static dimension sizes (elements), outermost first.</param>
/// <param name="Element">Element type.</param>
public sealed record TensorValue(string Name, IReadOnlyList<long> Shape, ElementType Element)
{
    /// <summary>Rank (number of dimensions).</summary>
    public int Rank => Shape.Count;

    /// <summary>Number of elements.</summary>
    public long Elements => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>The MLIR type, e.g. <c>tensor&lt;1x128x768xf32&gt;</c>.</summary>
    public string Type => TypeOf(Shape, Element);

    /// <summary>The MLIR ranked tensor type of a shape and element type.</summary>
    public static string TypeOf(IReadOnlyList<long> shape, ElementType element) =>
        shape.Count == 0 ? $"tensor<{element.Mlir()}>" : $"tensor<{string.Join("x", shape)}x{element.Mlir()}>";

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>A weight argument of the generated function (no data: weights are function arguments).</summary>
/// <param name="Name">Argument name without the sigil, e.g. <c>layer0_wq</c>.</param>
/// <param name="Shape">Shape in elements.</param>
public sealed record WeightInfo(string Name, IReadOnlyList<long> Shape)
{
    /// <summary>Number of parameters (elements).</summary>
    public long Parameters => Shape.Aggregate(1L, (a, b) => a * b);
}
