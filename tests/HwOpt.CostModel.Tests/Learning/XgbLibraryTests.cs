using HwOpt.CostModel.Learning;

namespace HwOpt.CostModel.Tests.Learning;

public sealed class XgbLibraryTests
{
    [Fact]
    public void MissingLibraryIsHW4010NamingThePackage()
    {
        // The resolver's loading function itself, with names that cannot exist: the process-wide handle
        // that the other tests use is not touched.
        var e = Assert.Throws<NativeLibraryMissingException>(() =>
            XgbLibrary.Load(["libxgboost-hwopt-test-absent.so", "libxgboost-hwopt-test-absent.so.0"]));
        Assert.Equal("HW4010", e.Id);
        Assert.Same(HwOpt.Diagnostics.DiagnosticIds.MissingNativeLibrary, e.Descriptor);
        Assert.Contains("libxgboost-hwopt-test-absent.so", e.Message, StringComparison.Ordinal);
        Assert.Contains("libxgboost-dev", e.Message, StringComparison.Ordinal);
        Assert.Contains("scripts/setup.sh", e.Message, StringComparison.Ordinal);
        Assert.Equal("libxgboost-dev", e.DebianPackage);
    }

    [Fact]
    public void CandidateNamesAreTheDebianOnes()
    {
        Assert.Equal(["libxgboost.so", "libxgboost.so.0"], XgbLibrary.CandidateNames);
        XgbLibrary.EnsureAvailable();
        Assert.NotEqual(0, XgbLibrary.Handle);
        Assert.Equal(XgbLibrary.Handle, XgbLibrary.Resolve("xgboost"));
        Assert.Equal(0, XgbLibrary.Resolve("cbc"));
    }

    [Theory]
    [InlineData("[0]\ttrain-rmse:1.5\tvalid-rmse:2.25", true, 1.5, 2.25)]
    [InlineData("[12]\ttrain-rmse:0.000123", false, 0.000123, null)]
    [InlineData("[3]\ttrain-rmse:1e-07\tvalid-rmse:nan", true, 1e-07, double.NaN)]
    public void EvalLineIsParsed(string line, bool hasValidation, double train, double? valid)
    {
        var (t, v) = EvalLine.Parse(line, hasValidation);
        Assert.Equal(train, t);
        Assert.Equal(valid, v);
    }

    [Fact]
    public void UnexpectedEvalLineIsXgbException() =>
        Assert.Throws<XgbException>(() => EvalLine.Parse("[0]\ttrain-mae:1.0", hasValidation: false));
}
