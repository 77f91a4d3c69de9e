using System.Text.Json;
using HwOpt.Diagnostics;

namespace HwOpt.Build.Tests;

/// <summary>
/// The MSBuild task end to end: fixture projects built with a real <c>dotnet build</c> (Grpc.Tools style). Each build
/// runs the CLI on MLP-sized models (about 2 s each), so the class stays near a minute on two cores.
/// </summary>
public sealed class EndToEndTests
{
    private const string SkipMessage = "Skipping target \"HwOptCompile\" because all output files are up-to-date";

    [Fact]
    public void BuildIsIncrementalPerModelAndRebuildsWhenAnOptionChanges()
    {
        using var f = new FixtureProject();
        f.AddCorpusModel("mlp.mlir", "a.mlir");
        string b = f.AddCorpusModel("mlp.mlir", "b.mlir");
        const string showOutputs = """
            <Target Name="ShowHwOptOutput" AfterTargets="Build">
              <Message Importance="high" Text="HwOptOutput: @(HwOptOutput->'%(Identity) report=%(Report)', ' ')" />
            </Target>
            """;
        f.WriteProject("""<HwOpt Include="models/*.mlir" Devices="cpu,gpu" />""", targets: showOutputs);

        // 1. Build: optimized IR and report per model under obj/Debug/net10.0/hwopt/.
        var (code, log) = f.Build();
        Assert.True(code == 0, log);
        foreach (var name in new[] { "a", "b" })
        {
            string ir = File.ReadAllText(Path.Combine(f.OutputFolder, name + ".opt.mlir"));
            Assert.Contains("hwopt.kernel", ir);
            Assert.Contains("hwopt.device", ir);
            using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(f.OutputFolder, name + ".plan.json")));
            Assert.Equal(1, report.RootElement.GetProperty("schemaVersion").GetInt32());
            Assert.Contains("devices=cpu,gpu", report.RootElement.GetProperty("pipeline").GetString());
        }
        Assert.Contains(f.OutputFolder, File.ReadAllText(Directory.GetFiles(Path.Combine(f.Folder, "obj", "Debug", "net10.0"), "*.FileListAbsolute.txt").Single()));
        var written = File.GetLastWriteTimeUtc(Path.Combine(f.OutputFolder, "a.opt.mlir"));

        // 2. No-op rebuild: the target is skipped, nothing is rewritten; later targets still see @(HwOptOutput).
        (code, log) = f.Build("-v:d");
        Assert.True(code == 0, log);
        Assert.Contains(SkipMessage, log);
        Assert.Contains($"{Path.Combine(f.OutputFolder, "a.opt.mlir")} report={Path.Combine(f.OutputFolder, "a.plan.json")}", log);
        Assert.DoesNotContain("hwopt optimize:", log);
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(f.OutputFolder, "a.opt.mlir")));

        // 3. One model changed: only that one is planned again (partial build).
        File.SetLastWriteTimeUtc(b, DateTime.UtcNow);
        (code, log) = f.Build("-v:n");
        Assert.True(code == 0, log);
        Assert.Single(log.Split('\n'), l => l.Contains(" optimize ", StringComparison.Ordinal) && l.Contains("hwopt.dll", StringComparison.Ordinal));
        Assert.Contains(Path.Combine(f.Folder, "models", "b.mlir"), log);

        // 4. An option changed (Devices metadata): every model is planned again with it.
        f.WriteProject("""<HwOpt Include="models/*.mlir" Devices="cpu" />""");
        (code, log) = f.Build("-v:n");
        Assert.True(code == 0, log);
        Assert.Equal(2, log.Split('\n').Count(l => l.Contains("--devices cpu", StringComparison.Ordinal)));
        using (var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(f.OutputFolder, "a.plan.json"))))
        {
            Assert.Contains("devices=cpu}", report.RootElement.GetProperty("pipeline").GetString());
        }
        Assert.NotEqual(written, File.GetLastWriteTimeUtc(Path.Combine(f.OutputFolder, "a.opt.mlir")));

        // 5. Opt-out: a clean rebuild with HwOptEnabled=false plans nothing (and Clean removed the outputs).
        (code, log) = f.Build("--no-incremental -p:HwOptEnabled=false");
        Assert.True(code == 0, log);
        Assert.False(File.Exists(Path.Combine(f.OutputFolder, "a.opt.mlir")), log);
    }

    [Fact]
    public void ErrorsFailTheBuildWithCodeAndLocationAndWarningsFollowNoWarnAndWarningsAsErrors()
    {
        using var f = new FixtureProject();
        string brokenText = "func.func @f() -> i32 {\n  %0 = arith.constant 1 : i32\n  %1 = arith.addi %0, %undefined : i32\n  return %1 : i32\n}\n";
        string broken = Path.Combine(f.Folder, "models", "broken.mlir");
        Directory.CreateDirectory(Path.GetDirectoryName(broken)!);
        File.WriteAllText(broken, brokenText);
        f.WriteProject("""<HwOpt Include="models/broken.mlir" />""");

        // A syntax/verification error: the build fails with the HW1xxx code at the model's line and column, in
        // MSBuild's canonical format.
        var (code, log) = f.Build("-v:m");
        Assert.NotEqual(0, code);
        var (line, col) = new SourceText(broken, brokenText).GetLineColumn(brokenText.IndexOf("%undefined", StringComparison.Ordinal));
        Assert.Contains($"{broken}({line},{col}): error {DiagnosticIds.UndefinedValue.Id}: use of undefined value '%undefined'", log);

        // Exit code 3 (no feasible plan) fails with its code.
        File.Delete(broken);
        string mlp = f.AddCorpusModel("mlp.mlir", "mlp.mlir");
        f.WriteProject("""<HwOpt Include="models/mlp.mlir" PassPipeline="builtin.module(hwopt-precision)" MaxBytes="10" />""");
        (code, log) = f.Build("-v:m");
        Assert.NotEqual(0, code);
        Assert.Contains($"{Path.Combine("models", "mlp.mlir")} : error {DiagnosticIds.InfeasibleBudget.Id}:", log);

        // A warning by code: a cost model whose card names another CPU gives HW4014.
        string model = OtherMachineCostModel(f.Folder);
        f.WriteProject("""<HwOpt Include="models/mlp.mlir" />""", $"<HwOptModel>{model}</HwOptModel>");
        (code, log) = f.Build("-v:m");
        Assert.True(code == 0, log);
        Assert.Contains($"warning {DiagnosticIds.CostModelFromOtherMachine.Id}:", log);

        (code, log) = f.Build($"-v:m --no-incremental -p:NoWarn={DiagnosticIds.CostModelFromOtherMachine.Id}");
        Assert.True(code == 0, log);
        Assert.DoesNotContain(DiagnosticIds.CostModelFromOtherMachine.Id, log);
        Assert.True(File.Exists(Path.Combine(f.OutputFolder, "mlp.opt.mlir")), log);

        (code, log) = f.Build($"-v:m --no-incremental -p:WarningsAsErrors={DiagnosticIds.CostModelFromOtherMachine.Id}");
        Assert.NotEqual(0, code);
        Assert.Contains($"error {DiagnosticIds.CostModelFromOtherMachine.Id}:", log);

        // No CLI where HwOptToolPath points: the task's own code.
        (code, log) = f.Build($"-v:m -p:HwOptToolPath={Path.Combine(f.Folder, "missing", "hwopt.dll")}");
        Assert.NotEqual(0, code);
        Assert.Contains($"error {DiagnosticIds.HwOptToolNotFound.Id}: hwopt CLI not found", log);
    }

    /// <summary>The shipped learned model with its card saying it was trained on another CPU (files linked, card edited).</summary>
    private static string OtherMachineCostModel(string folder)
    {
        string source = Path.Combine(FixtureProject.Root, "cost-models", "host-cpu");
        string target = Path.Combine(folder, "other-cpu");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source).Where(p => Path.GetFileName(p) != "model-card.json"))
        {
            File.CreateSymbolicLink(Path.Combine(target, Path.GetFileName(file)), file);
        }
        var card = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(source, "model-card.json")))!;
        card["cpu_model"] = "not this machine's CPU";
        File.WriteAllText(Path.Combine(target, "model-card.json"), card.ToJsonString());
        return target;
    }
}
