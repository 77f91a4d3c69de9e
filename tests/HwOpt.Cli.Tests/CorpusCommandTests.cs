namespace HwOpt.Cli.Tests;

/// <summary><c>hwopt corpus generate</c> as a user runs it.</summary>
public sealed class CorpusCommandTests
{
    private static (int Code, string Stdout, string Stderr) Run(string args) => HwOptProcess.Run(args, timeoutMs: 120_000);

    [Fact]
    public void GeneratesOneModelWithOptionsByteIdenticallyOnRerun()
    {
        string dir = Directory.CreateTempSubdirectory("hwopt-corpus").FullName;
        try
        {
            var r = Run($"corpus generate -o \"{dir}\" --model lenet5 --dtype f16 --batch 4");
            Assert.Equal(0, r.Code);
            string file = Path.Combine(dir, "lenet5_f16_b4.mlir");
            string first = File.ReadAllText(file);
            Assert.Contains("%input: tensor<4x1x32x32xf16>", first);
            Assert.False(File.Exists(Path.Combine(dir, "README.md")), "README.md is written only for the default corpus");
            Assert.Equal(0, Run($"corpus generate -o \"{dir}\" --model lenet5 --dtype f16 --batch 4").Code);
            Assert.Equal(first, File.ReadAllText(file));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void TosaForAModelWithoutOneIsAUsageError()
    {
        string dir = Path.Combine(Path.GetTempPath(), "hwopt-corpus-never-" + Guid.NewGuid().ToString("N"));
        var r = Run($"corpus generate -o \"{dir}\" --model resnet50 --tosa");
        Assert.Equal(2, r.Code);
        Assert.False(Directory.Exists(dir), "a usage error must not create the output folder");
        Assert.Contains("HW4006", r.Stderr);
        Assert.Contains("no TOSA variant", r.Stderr);
        Assert.Equal(2, Run("corpus generate --dtype f64").Code);
    }
}
