namespace HwOpt.CostModel.Tests;

public class SmokeTests
{
    [Fact]
    public void AssemblyLoads() => Assert.Equal("HwOpt.CostModel", typeof(HwOpt.CostModel.AssemblyDoc).Assembly.GetName().Name);
}
