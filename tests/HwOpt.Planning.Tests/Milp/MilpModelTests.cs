using HwOpt.Planning.Milp;

namespace HwOpt.Planning.Tests.Milp;

public sealed class MilpModelTests
{
    [Fact]
    public void RowsMergeRepeatedVariablesAndDropZeros()
    {
        var m = new MilpModel("t");
        var x = m.AddBinary("x", 2);
        var y = m.AddContinuous("y", 0, 10, 1);
        var row = m.AddLessOrEqual("r", [(x, 1), (y, 2), (x, 3), (y, -2)], 4);
        Assert.Equal([(x, 4.0)], row.Terms);
        Assert.Equal(1, m.IntegerCount);
        Assert.Equal(2 * 1 + 1 * 3.5, m.Evaluate([1, 3.5]));
        Assert.Empty(m.Violations([1, 3.5]));
        Assert.Equal(["x"], m.Violations([0.5, 0]));
    }

    [Fact]
    public void NamesAreUniqueAndBoundsOrdered()
    {
        var m = new MilpModel("t");
        m.AddBinary("x");
        Assert.Throws<ArgumentException>(() => m.AddBinary("x"));
        Assert.Throws<ArgumentException>(() => m.AddContinuous("y", 2, 1));
        Assert.Throws<ArgumentException>(() => m.AddContinuous("z", 0, 1, double.NaN));
        Assert.Throws<ArgumentException>(() => m.AddLessOrEqual("x", [], 1));
    }

    [Fact]
    public void GapIsRelativeToTheObjective()
    {
        var s = new MilpSolution(SolveStatus.Feasible, 100, 99, [1.0], 0.1, 5, "test");
        Assert.Equal(0.01, s.Gap, 12);
        Assert.Equal(0, (s with { Status = SolveStatus.Optimal }).Gap);
        Assert.True(double.IsNaN((s with { Status = SolveStatus.Infeasible, Values = [] }).Gap));
    }
}
