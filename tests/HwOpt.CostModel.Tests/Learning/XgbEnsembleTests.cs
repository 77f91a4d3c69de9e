using HwOpt.CostModel.Learning;

namespace HwOpt.CostModel.Tests.Learning;

public sealed class XgbEnsembleTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    [Fact]
    public void MembersSpreadAroundTheSingleModel()
    {
        var progressed = new HashSet<int>();
        using var ensemble = XgbEnsemble.Train(fixture.TrainX, fixture.TrainY, fixture.ValidX, fixture.ValidY, Synthetic.Fast, members: 3,
            (member, round, train, valid) => progressed.Add(member));
        Assert.Equal(3, ensemble.Members.Count);
        Assert.Equal([0, 1, 2], progressed.Order());

        var x = fixture.TestX;
        var mean = new float[x.Rows];
        var stdDev = new float[x.Rows];
        ensemble.Predict(x, mean, stdDev);

        Assert.Contains(stdDev, s => s > 0);
        Assert.All(stdDev, s => Assert.True(s >= 0 && float.IsFinite(s)));
        var single = fixture.Model.Predict(x);
        double meanAbsDifference = mean.Zip(single, (m, s) => Math.Abs((double)m - s)).Average();
        double labelSpread = x.Rows > 0 ? fixture.TestY.Max() - fixture.TestY.Min() : 1;
        Assert.True(meanAbsDifference < 0.03 * labelSpread, $"mean |ensemble - single| = {meanAbsDifference}, label range {labelSpread}");
        Assert.True(Synthetic.RSquared(fixture.TestY, mean) > 0.95);

        var member0 = ensemble.Members[0].Predict(x);
        var member1 = ensemble.Members[1].Predict(x);
        Assert.NotEqual(member0, member1);
    }

    [Fact]
    public void SaveLoadRoundTripKeepsMeanAndSpread()
    {
        using var ensemble = XgbEnsemble.Train(fixture.TrainX, fixture.TrainY, fixture.ValidX, fixture.ValidY,
            Synthetic.Fast with { MaxRounds = 60 }, members: 2);
        var saved = ensemble.SaveJson();
        Assert.Equal(2, saved.Count);
        using var loaded = XgbEnsemble.LoadJson(saved);

        var x = fixture.TestX;
        float[] mean1 = new float[x.Rows], std1 = new float[x.Rows], mean2 = new float[x.Rows], std2 = new float[x.Rows];
        ensemble.Predict(x, mean1, std1);
        loaded.Predict(x, mean2, std2);
        Assert.Equal(mean1, mean2);
        Assert.Equal(std1, std2);
        Assert.Equal(ensemble.Members.Select(m => m.BestIteration), loaded.Members.Select(m => m.BestIteration));
    }

    [Fact]
    public void OneMemberHasZeroSpread()
    {
        using var ensemble = XgbEnsemble.Train(fixture.TrainX, fixture.TrainY, null, null, Synthetic.Fast with { MaxRounds = 20 }, members: 1);
        var x = fixture.TestX;
        float[] mean = new float[x.Rows], std = new float[x.Rows];
        ensemble.Predict(x, mean, std);
        Assert.All(std, s => Assert.Equal(0f, s));
        Assert.Equal(ensemble.Members[0].Predict(x), mean);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => XgbEnsemble.Train(fixture.TrainX, fixture.TrainY, null, null, Synthetic.Fast, members: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => XgbEnsemble.Train(fixture.TrainX, fixture.TrainY, null, null, Synthetic.Fast, members: 2, rowFraction: 0));
        Assert.Throws<ArgumentException>(() => XgbEnsemble.LoadJson([]));
    }
}
