using System.Globalization;
using System.Text.Json;

namespace HwOpt.CostModel.Learning;

/// <summary>
/// One XGBoost gradient-boosted tree regressor: trained with early stopping on a validation set
/// (<c>XgbRegressor.Training.cs</c>), predicting with the trees of rounds [0, <see cref="BestIteration"/> + 1)
/// (<c>XgbRegressor.Prediction.cs</c>), saved and loaded as XGBoost's JSON model format.
/// Labels are whatever the caller trains on (e.g. log latency); predictions are in the same units.
/// Thread safety: prediction and <see cref="SaveJson"/> may run concurrently from several threads (XGBoost 1.7
/// keeps prediction buffers per thread and the model is not changed after construction); <see cref="Dispose"/> must not race them.
/// </summary>
public sealed partial class XgbRegressor : IDisposable
{
    /// <summary>The booster attribute holding <see cref="BestIteration"/> in saved models.</summary>
    internal const string BestIterationAttribute = "best_iteration";

    private readonly BoosterHandle _booster;
    private readonly byte[] _predictionConfig;

    private XgbRegressor(BoosterHandle booster, int bestIteration, int threads, IReadOnlyList<(double Train, double? Validation)> curve)
    {
        _booster = booster;
        XgbNative.Check(XgbNative.XGBoosterBoostedRounds(booster, out int rounds));
        XgbNative.Check(XgbNative.XGBoosterGetNumFeature(booster, out ulong features));
        if (rounds < 1) throw new XgbException(nameof(XgbNative.XGBoosterBoostedRounds), "the model has no trees");
        if (bestIteration < 0 || bestIteration >= rounds)
            throw new XgbException(nameof(XgbNative.XGBoosterGetAttr), $"best iteration {bestIteration} is outside the model's {rounds} rounds");
        RoundsTrained = rounds;
        BestIteration = bestIteration;
        FeatureCount = checked((int)features);
        Threads = threads;
        Curve = curve;
        _predictionConfig = XgbData.PredictionConfig(bestIteration + 1);
    }

    /// <summary>The 0-based round with the lowest validation RMSE (the last round when trained without validation).</summary>
    public int BestIteration { get; }

    /// <summary>Rounds (trees) held by the model, including those after <see cref="BestIteration"/> that predictions skip.</summary>
    public int RoundsTrained { get; }

    /// <summary>Number of features (columns) every input row must have.</summary>
    public int FeatureCount { get; }

    /// <summary>Threads XGBoost uses for prediction.</summary>
    public int Threads { get; }

    /// <summary>
    /// RMSE per trained round on the training set and (when given) the validation set, in label units, as XGBoost
    /// prints them (round-trip precision in 1.7). Empty for a model read with <see cref="LoadJson(ReadOnlySpan{byte})"/>.
    /// </summary>
    public IReadOnlyList<(double Train, double? Validation)> Curve { get; }

    /// <summary>The model in XGBoost's JSON format (UTF-8), including the <c>best_iteration</c> attribute.</summary>
    /// <returns>A new buffer; byte-identical for identical training data, parameters and seed.</returns>
    /// <exception cref="ObjectDisposedException">The regressor is disposed.</exception>
    /// <exception cref="XgbException">XGBoost fails to serialize.</exception>
    public unsafe byte[] SaveJson()
    {
        ObjectDisposedException.ThrowIf(_booster.IsClosed, this);
        fixed (byte* config = "{\"format\":\"json\"}\0"u8)
        {
            XgbNative.Check(XgbNative.XGBoosterSaveModelToBuffer(_booster, config, out ulong length, out byte* buffer));
            return new ReadOnlySpan<byte>(buffer, checked((int)length)).ToArray();
        }
    }

    /// <summary>Reads a model written by <see cref="SaveJson"/>; predictions use one thread.</summary>
    /// <param name="json">The UTF-8 JSON model.</param>
    /// <exception cref="NativeLibraryMissingException">libxgboost cannot be loaded (HW4010).</exception>
    /// <exception cref="XgbException">The buffer is not a valid XGBoost JSON model (corrupt, truncated, wrong best iteration).</exception>
    public static XgbRegressor LoadJson(ReadOnlySpan<byte> json) => LoadJson(json, threads: 1);

    /// <summary>Reads a model written by <see cref="SaveJson"/>.</summary>
    /// <param name="json">The UTF-8 JSON model.</param>
    /// <param name="threads">Threads XGBoost uses for prediction, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> &lt; 1.</exception>
    /// <exception cref="NativeLibraryMissingException">libxgboost cannot be loaded (HW4010).</exception>
    /// <exception cref="XgbException">The buffer is not a valid XGBoost JSON model (corrupt, truncated, wrong best iteration).</exception>
    public static unsafe XgbRegressor LoadJson(ReadOnlySpan<byte> json, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        XgbLibrary.EnsureAvailable();
        // XGBoost reads anything not starting with '{' as its legacy binary format, which trusts the bytes;
        // only syntactically valid JSON is handed over.
        if (!IsJsonObject(json, out string why)) throw new XgbException(nameof(LoadJson), "not an XGBoost JSON model: " + why);

        XgbNative.Check(XgbNative.XGBoosterCreate(null, 0, out BoosterHandle booster));
        try
        {
            fixed (byte* buffer = json)
            {
                XgbNative.Check(XgbNative.XGBoosterLoadModelFromBuffer(booster, buffer, (ulong)json.Length));
            }
            XgbNative.Check(XgbNative.XGBoosterSetParam(booster, "nthread", threads.ToString(CultureInfo.InvariantCulture)));
            XgbNative.Check(XgbNative.XGBoosterSetParam(booster, "verbosity", "0"));
            XgbNative.Check(XgbNative.XGBoosterBoostedRounds(booster, out int rounds));
            int best = ReadBestIteration(booster) ?? rounds - 1;
            var model = new XgbRegressor(booster, best, threads, []);
            model.WarmUp();
            try { model._compiled = CompiledForest.FromXgboostJson(json, best + 1); }
            catch (InvalidDataException e) { throw new XgbException(nameof(CompiledForest), e.Message); }
            return model;
        }
        catch
        {
            booster.Dispose();
            throw;
        }
    }

    /// <summary>The booster's whole configuration (<c>XGBoosterSaveJsonConfig</c>), for checks and model cards.</summary>
    internal unsafe string ConfigJson()
    {
        XgbNative.Check(XgbNative.XGBoosterSaveJsonConfig(_booster, out ulong length, out byte* buffer));
        return System.Text.Encoding.UTF8.GetString(buffer, checked((int)length));
    }

    /// <summary>Frees the native booster. Idempotent.</summary>
    public void Dispose() => _booster.Dispose();

    private static int? ReadBestIteration(BoosterHandle booster)
    {
        XgbNative.Check(XgbNative.XGBoosterGetAttr(booster, BestIterationAttribute, out nint value, out int found));
        if (found == 0) return null;
        string text = XgbNative.ReadString(value);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int best))
            throw new XgbException(nameof(XgbNative.XGBoosterGetAttr), $"attribute {BestIterationAttribute} = '{text}' is not a round number");
        return best;
    }

    private static bool IsJsonObject(ReadOnlySpan<byte> json, out string why)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                why = "it does not start with a JSON object";
                return false;
            }
            reader.Skip();
            if (reader.Read())
            {
                why = "text follows the JSON object";
                return false;
            }
        }
        catch (JsonException e)
        {
            why = e.Message;
            return false;
        }
        why = "";
        return true;
    }
}
