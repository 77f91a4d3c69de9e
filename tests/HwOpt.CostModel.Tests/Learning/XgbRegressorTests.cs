using System.Text;
using HwOpt.CostModel.Learning;

namespace HwOpt.CostModel.Tests.Learning;

public sealed class XgbRegressorTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    [Fact]
    public void LibraryVersionIsAtLeast17()
    {
        var parts = XgbLibrary.Version.Split('.').Select(int.Parse).ToArray();
        Assert.Equal(3, parts.Length);
        Assert.True(parts[0] > 1 || (parts[0] == 1 && parts[1] >= 7), XgbLibrary.Version);
    }

    [Fact]
    public void LearnsSyntheticFunctionOnHeldOutRows()
    {
        var predicted = fixture.Model.Predict(fixture.TestX);
        Assert.Equal(fixture.TestX.Rows, predicted.Length);
        double r2 = Synthetic.RSquared(fixture.TestY, predicted);
        Assert.True(r2 > 0.95, $"R² = {r2}");
    }

    [Fact]
    public void CurveHasOneEntryPerRoundWithValidation()
    {
        var model = fixture.Model;
        Assert.Equal(model.RoundsTrained, model.Curve.Count);
        Assert.All(model.Curve, point => Assert.NotNull(point.Validation));
        Assert.True(model.Curve[^1].Train < model.Curve[0].Train);
        Assert.Equal(5, model.FeatureCount);
    }

    [Fact]
    public void EarlyStoppingStopsOnNoisyTarget()
    {
        var (x, y) = Synthetic.Make(1000, seed: 2, noise: 3);
        var (tx, ty) = Synthetic.Slice(x, y, 0, 700);
        var (vx, vy) = Synthetic.Slice(x, y, 700, 300);
        var parameters = Synthetic.Fast with { MaxRounds = 1000, LearningRate = 0.3, EarlyStoppingRounds = 10 };
        int calls = 0;
        using var model = XgbRegressor.Train(tx, ty, vx, vy, parameters, (round, train, valid) =>
        {
            Assert.Equal(calls, round);
            Assert.NotNull(valid);
            calls++;
        });

        Assert.True(model.RoundsTrained < parameters.MaxRounds, $"{model.RoundsTrained} rounds");
        Assert.True(model.BestIteration < model.RoundsTrained - 1);
        Assert.Equal(model.BestIteration + 1 + parameters.EarlyStoppingRounds, model.RoundsTrained);
        Assert.Equal(model.RoundsTrained, model.Curve.Count);
        Assert.Equal(model.RoundsTrained, calls);
        double bestValidation = model.Curve.Min(p => p.Validation!.Value);
        Assert.Equal(bestValidation, model.Curve[model.BestIteration].Validation);
    }

    [Fact]
    public void SampleWeightsDecideWhichOfTwoConflictingLabelingsIsLearned()
    {
        // The same 400 rows twice: labelled y, then y + 4; the weights keep one copy and drop (nearly) the other.
        var (x, y) = Synthetic.Make(400, seed: 4);
        var doubled = new FeatureMatrix([.. x.Data, .. x.Data], 800, x.Columns);
        float[] labels = [.. y, .. y.Select(v => v + 4)];
        float[] Weights(float first, float second) => [.. Enumerable.Repeat(first, 400), .. Enumerable.Repeat(second, 400)];
        var parameters = Synthetic.Fast with { MaxRounds = 60 };
        using var first = XgbRegressor.Train(doubled, labels, null, null, parameters, weights: Weights(1, 0.001f));
        using var second = XgbRegressor.Train(doubled, labels, null, null, parameters, weights: Weights(0.001f, 1));

        double Shift(XgbRegressor model) => model.Predict(x).Zip(y, (p, t) => (double)p - t).Average();
        Assert.InRange(Shift(first), -0.3, 0.3);
        Assert.InRange(Shift(second), 3.7, 4.3);
        Assert.Throws<ArgumentException>(() => XgbRegressor.Train(doubled, labels, null, null, parameters, weights: Weights(1, -1)));
        Assert.Throws<ArgumentException>(() => XgbRegressor.Train(doubled, labels, null, null, parameters, weights: [1, 2]));
    }

    [Fact]
    public void WithoutValidationAllRoundsAreTrainedAndUsed()
    {
        var (x, y) = Synthetic.Make(300, seed: 3);
        using var model = XgbRegressor.Train(x, y, null, null, Synthetic.Fast with { MaxRounds = 15 });
        Assert.Equal(15, model.RoundsTrained);
        Assert.Equal(14, model.BestIteration);
        Assert.All(model.Curve, point => Assert.Null(point.Validation));
    }

    [Fact]
    public void SaveLoadRoundTripKeepsPredictionsAndBestIteration()
    {
        byte[] json = fixture.Model.SaveJson();
        Assert.Equal((byte)'{', json[0]);
        using var loaded = XgbRegressor.LoadJson(json);
        Assert.Equal(fixture.Model.BestIteration, loaded.BestIteration);
        Assert.Equal(fixture.Model.RoundsTrained, loaded.RoundsTrained);
        Assert.Equal(fixture.Model.FeatureCount, loaded.FeatureCount);
        Assert.Empty(loaded.Curve);
        Assert.Equal(Bits(fixture.Model.Predict(fixture.TestX)), Bits(loaded.Predict(fixture.TestX)));
        Assert.Equal(json, loaded.SaveJson());
    }

    [Fact]
    public void SameSeedGivesIdenticalJsonAndPredictions()
    {
        using var first = XgbRegressor.Train(fixture.TrainX, fixture.TrainY, fixture.ValidX, fixture.ValidY, Synthetic.Fast);
        using var second = XgbRegressor.Train(fixture.TrainX, fixture.TrainY, fixture.ValidX, fixture.ValidY, Synthetic.Fast);
        Assert.Equal(first.SaveJson(), second.SaveJson());
        Assert.Equal(fixture.Model.SaveJson(), first.SaveJson());
        Assert.Equal(Bits(first.Predict(fixture.TestX)), Bits(second.Predict(fixture.TestX)));

        using var other = XgbRegressor.Train(fixture.TrainX, fixture.TrainY, fixture.ValidX, fixture.ValidY, Synthetic.Fast with { Seed = 8 });
        Assert.NotEqual(first.SaveJson(), other.SaveJson());
    }

    [Fact]
    public void InPlacePathEqualsDMatrixPathBitForBit()
    {
        var x = fixture.TestX;
        var inPlace = new float[x.Rows];
        var viaDMatrix = new float[x.Rows];
        fixture.Model.PredictInPlace(x.Data, x.Rows, inPlace);
        fixture.Model.PredictViaDMatrix(x.Data, x.Rows, viaDMatrix);
        Assert.Equal(Bits(viaDMatrix), Bits(inPlace));

        var publicSpan = new float[x.Rows + 3];
        fixture.Model.Predict(x.Data, x.Rows, publicSpan);
        Assert.Equal(Bits(inPlace), Bits(publicSpan[..x.Rows]));
    }

    [Fact]
    public void MissingValuesAreAccepted()
    {
        var (x, y) = Synthetic.Make(800, seed: 4, missingFraction: 0.2);
        Assert.Contains(x.Data, float.IsNaN);
        using var model = XgbRegressor.Train(x, y, null, null, Synthetic.Fast with { MaxRounds = 50 });
        var allMissing = new FeatureMatrix(Enumerable.Repeat(float.NaN, 10).ToArray(), 2, 5);
        var predictions = model.Predict(allMissing).Concat(model.Predict(x)).ToArray();
        Assert.All(predictions, p => Assert.True(float.IsFinite(p)));

        var viaDMatrix = new float[x.Rows];
        model.PredictViaDMatrix(x.Data, x.Rows, viaDMatrix);
        Assert.Equal(Bits(viaDMatrix), Bits(model.Predict(x)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json at all")]
    [InlineData("{}")]
    [InlineData("{\"learner\": 3}")]
    [InlineData("[1, 2, 3]")]
    public void CorruptJsonThrowsXgbException(string text)
    {
        var e = Assert.Throws<XgbException>(() => XgbRegressor.LoadJson(Encoding.UTF8.GetBytes(text)));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    [Fact]
    public void TruncatedOrGarbledModelThrowsXgbException()
    {
        byte[] json = fixture.Model.SaveJson();
        Assert.Throws<XgbException>(() => XgbRegressor.LoadJson(json.AsSpan(0, json.Length / 2)));

        string text = Encoding.UTF8.GetString(json);
        byte[] renamed = Encoding.UTF8.GetBytes(text.Replace("\"gradient_booster\"", "\"gradient_boaster\"", StringComparison.Ordinal));
        var e = Assert.Throws<XgbException>(() => XgbRegressor.LoadJson(renamed));
        Assert.Equal("XGBoosterLoadModelFromBuffer", e.Function);

        byte[] badBest = Encoding.UTF8.GetBytes(text.Replace(
            $"\"best_iteration\":\"{fixture.Model.BestIteration}\"", "\"best_iteration\":\"100000\"", StringComparison.Ordinal));
        Assert.NotEqual(json, badBest);
        Assert.Throws<XgbException>(() => XgbRegressor.LoadJson(badBest));
    }

    [Fact]
    public void ConcurrentPredictionsMatchSerialOnes()
    {
        using var loaded = XgbRegressor.LoadJson(fixture.Model.SaveJson());
        var expected = Bits(loaded.Predict(fixture.TestX));
        var results = new int[8][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            int[] last = [];
            for (int repeat = 0; repeat < 20; repeat++) last = Bits(loaded.Predict(fixture.TestX));
            results[i] = last;
        });
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void EveryParameterNameIsKnownToXgboost()
    {
        // verbosity=0 silences XGBoost's own validate_parameters warning, so check the names here.
        var known = ConfigKeys(fixture.Model.ConfigJson());
        foreach (var (name, _) in Synthetic.Fast.ToXgbParameters())
        {
            if (name is "verbosity" or "eval_metric") continue; // accepted by the learner but not stored as a *_param
            Assert.Contains(name, known);
        }
    }

    [Fact]
    public void ShapeErrorsAreArgumentExceptions()
    {
        Assert.Throws<ArgumentException>(() => new FeatureMatrix(new float[7], 2, 4));
        Assert.Throws<ArgumentException>(() => fixture.Model.Predict(new FeatureMatrix(new float[8], 2, 4)));
        Assert.Throws<ArgumentException>(() => fixture.Model.Predict(new float[10], 2, new float[1]));
        Assert.Throws<ArgumentException>(() => XgbRegressor.Train(fixture.TrainX, fixture.TrainY[1..], null, null, Synthetic.Fast));
        var badLabels = (float[])fixture.TrainY.Clone();
        badLabels[3] = float.NaN;
        Assert.Throws<ArgumentException>(() => XgbRegressor.Train(fixture.TrainX, badLabels, null, null, Synthetic.Fast));
        Assert.Throws<ArgumentOutOfRangeException>(() => XgbRegressor.Train(fixture.TrainX, fixture.TrainY, null, null, Synthetic.Fast with { Threads = 0 }));
    }

    [Fact]
    public void UnknownObjectiveIsXgbException()
    {
        var (x, y) = Synthetic.Make(50, seed: 5);
        var e = Assert.Throws<XgbException>(() => XgbRegressor.Train(x, y, null, null, Synthetic.Fast with { Objective = "reg:nonsense", MaxRounds = 2 }));
        Assert.Contains("nonsense", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DisposedModelThrowsObjectDisposed()
    {
        var model = XgbRegressor.LoadJson(fixture.Model.SaveJson());
        model.Dispose();
        model.Dispose();
        Assert.Throws<ObjectDisposedException>(() => model.Predict(fixture.TestX));
        Assert.Throws<ObjectDisposedException>(() => model.SaveJson());
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    private static HashSet<string> ConfigKeys(string json)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<System.Text.Json.JsonElement>();
        stack.Push(System.Text.Json.JsonDocument.Parse(json).RootElement);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            if (element.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    keys.Add(property.Name);
                    stack.Push(property.Value);
                }
            }
            else if (element.ValueKind == System.Text.Json.JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray()) stack.Push(item);
            }
        }
        return keys;
    }
}
