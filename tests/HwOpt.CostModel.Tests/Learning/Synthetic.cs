using HwOpt.CostModel.Learning;

namespace HwOpt.CostModel.Tests.Learning;

/// <summary>Deterministic synthetic regression data and small, fast training parameters.</summary>
internal static class Synthetic
{
    /// <summary>Fast settings: one thread (the test machine's other core is busy), shallow trees, few rounds.</summary>
    public static readonly BoosterParameters Fast = new(
        MaxDepth: 6, LearningRate: 0.1, MaxRounds: 400, EarlyStoppingRounds: 20, Threads: 1, Seed: 7);

    /// <summary>
    /// <paramref name="rows"/> rows of 5 features; y = log(1 + x0·x1) + 0.5·x2 + noise·N(0,1), x0, x1 in [0, 10), x2 in [0, 1), x3, x4 unused.
    /// With <paramref name="missingFraction"/> &gt; 0, that share of x3/x4 values and of x2 is NaN (x2 missing counts as 0 in y).
    /// </summary>
    public static (FeatureMatrix X, float[] Y) Make(int rows, int seed, double noise = 0, double missingFraction = 0)
    {
        const int columns = 5;
        var random = new Random(seed);
        var data = new float[rows * columns];
        var y = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            Span<float> row = data.AsSpan(r * columns, columns);
            row[0] = (float)(random.NextDouble() * 10);
            row[1] = (float)(random.NextDouble() * 10);
            row[2] = (float)random.NextDouble();
            row[3] = (float)random.NextDouble();
            row[4] = (float)random.NextDouble();
            for (int c = 2; c < columns; c++)
                if (random.NextDouble() < missingFraction) row[c] = float.NaN;
            double x2 = float.IsNaN(row[2]) ? 0 : row[2];
            y[r] = (float)(Math.Log(1 + (double)row[0] * row[1]) + 0.5 * x2 + noise * Gaussian(random));
        }
        return (new FeatureMatrix(data, rows, columns), y);
    }

    /// <summary>Rows [start, start + count) of a matrix and its labels.</summary>
    public static (FeatureMatrix X, float[] Y) Slice(FeatureMatrix x, float[] y, int start, int count) =>
        (x.SelectRows(Enumerable.Range(start, count).ToArray()), y[start..(start + count)]);

    /// <summary>Coefficient of determination of <paramref name="predicted"/> against <paramref name="actual"/>.</summary>
    public static double RSquared(float[] actual, float[] predicted)
    {
        double mean = actual.Average(v => (double)v);
        double residual = actual.Zip(predicted, (a, p) => ((double)a - p) * ((double)a - p)).Sum();
        double total = actual.Sum(a => ((double)a - mean) * ((double)a - mean));
        return 1 - residual / total;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

/// <summary>One trained model shared by the tests that only read it (training is the slow part).</summary>
public sealed class TrainedModelFixture : IDisposable
{
    public TrainedModelFixture()
    {
        var (x, y) = Synthetic.Make(2000, seed: 1);
        (TrainX, TrainY) = Synthetic.Slice(x, y, 0, 1200);
        (ValidX, ValidY) = Synthetic.Slice(x, y, 1200, 300);
        (TestX, TestY) = Synthetic.Slice(x, y, 1500, 500);
        Model = XgbRegressor.Train(TrainX, TrainY, ValidX, ValidY, Synthetic.Fast);
    }

    public FeatureMatrix TrainX { get; }
    public float[] TrainY { get; }
    public FeatureMatrix ValidX { get; }
    public float[] ValidY { get; }
    public FeatureMatrix TestX { get; }
    public float[] TestY { get; }
    public XgbRegressor Model { get; }

    public void Dispose() => Model.Dispose();
}
