using HwOpt.CostModel;
using HwOpt.CostModel.Features;
using HwOpt.IR;

namespace HwOpt.Planning.Precision;

/// <summary>
/// Collects kernel texts, reads each back with <see cref="Featurizer.KernelBody"/> (as the training data was read)
/// and predicts them in one batch; identical texts are predicted once.
/// </summary>
internal sealed class KernelTexts(ICostModel model)
{
    private readonly List<string> _texts = [];
    private readonly List<Operation?> _fallback = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private double?[] _latency = [];
    private string?[] _whyNot = [];

    /// <summary>Adds a text; <paramref name="fallback"/> is costed instead when the text does not read back (null: the text is then unusable).</summary>
    /// <returns>Its handle.</returns>
    public int Add(string text, Operation? fallback)
    {
        if (_index.TryGetValue(text, out int i)) return i;
        _texts.Add(text);
        _fallback.Add(fallback);
        _index[text] = _texts.Count - 1;
        return _texts.Count - 1;
    }

    /// <summary>Parses and predicts every text added so far.</summary>
    public void Predict()
    {
        int n = _texts.Count;
        var bodies = new IReadOnlyList<Operation>?[n];
        _whyNot = new string?[n];
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            try { bodies[i] = Featurizer.KernelBody(_texts[i]); }
            catch (FormatException e)
            {
                if (_fallback[i] is { } op) bodies[i] = [op];
                else _whyNot[i] = "the rewritten kernel does not read back: " + e.Message;
            }
        });
        var ready = Enumerable.Range(0, n).Where(i => bodies[i] is not null).ToList();
        var predictions = ready.Count == 0 ? [] : model.Predict(ready.Select(i => bodies[i]!).ToList());
        _latency = new double?[n];
        for (int k = 0; k < ready.Count; k++) _latency[ready[k]] = predictions[k].LatencyNs;
    }

    /// <summary>Predicted latency of a text, ns (null when it could not be read; infinite when the device cannot run it).</summary>
    public double? Latency(int handle) => _latency[handle];

    /// <summary>Why a text has no prediction.</summary>
    public string? WhyNot(int handle) => _whyNot[handle];
}
