using System.Security.Cryptography;
using System.Text;

namespace HwOpt.Profiling;

/// <summary>
/// The dataset's two splits. Random: 80/10/10 train/validation/test by the first byte of SHA-256(kernel id), so a
/// kernel keeps its split across runs. By architecture family: whole architectures are held out, so the model is
/// tested on networks it never saw: decoder language models (GPT-2, Llama) are test, the vision transformer (ViT) is
/// validation, everything else (CNNs, BERT, MLPs, and all synthesized sweeps) is train.
/// </summary>
public static class DatasetSplits
{
    /// <summary>Random split of a kernel id.</summary>
    public static string Random(string kernelId)
    {
        int b = SHA256.HashData(Encoding.UTF8.GetBytes(kernelId))[0];
        return b < 205 ? "train" : b < 230 ? "validation" : "test";
    }

    /// <summary>Family split of a kernel source and family.</summary>
    /// <param name="source">Model file name or <c>sweep:NAME</c>.</param>
    /// <param name="family">Architecture family.</param>
    public static string ByFamily(string source, string family) => family switch
    {
        "transformer-decoder" => "test",
        "vision-transformer" => "validation",
        _ => "train",
    };

    /// <summary>The architecture family of a corpus model from its file name.</summary>
    public static string FamilyOf(string fileName)
    {
        var n = Path.GetFileNameWithoutExtension(fileName).ToLowerInvariant();
        if (n.Contains("gpt") || n.Contains("llama")) return "transformer-decoder";
        if (n.Contains("vit")) return "vision-transformer";
        if (n.Contains("bert")) return "transformer-encoder";
        if (n.Contains("resnet") || n.Contains("mobilenet") || n.Contains("efficientnet") || n.Contains("convnext") || n.Contains("lenet")) return "cnn";
        if (n.Contains("mlp")) return "mlp";
        return "other";
    }
}
