using System.Diagnostics;

namespace HwOpt.Build.Tests;

/// <summary>
/// A small SDK project in a temp folder that imports the task's <c>build/HwOpt.Build.props|targets</c> (as the package's
/// NuGet imports do) with the built task assembly and the built CLI, and is built with a real <c>dotnet build</c>.
/// </summary>
internal sealed class FixtureProject : IDisposable
{
    private static readonly string Configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    /// <summary>The repository root (the folder holding Compiler.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The fixture's folder.</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory("hwopt-build-").FullName;

    /// <summary>The HwOpt output folder of the Debug build: <c>obj/Debug/net10.0/hwopt/</c>.</summary>
    public string OutputFolder => Path.Combine(Folder, "obj", "Debug", "net10.0", "hwopt");

    /// <summary>Writes the project file; <paramref name="items"/>, <paramref name="properties"/> and <paramref name="targets"/> are MSBuild XML.</summary>
    public void WriteProject(string items, string properties = "", string targets = "")
    {
        string build = Path.Combine(Root, "src", "HwOpt.Build");
        File.WriteAllText(Path.Combine(Folder, "Fixture.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{build}/build/HwOpt.Build.props" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <HwOptTaskAssembly>{build}/bin/{Configuration}/net10.0/HwOpt.Build.dll</HwOptTaskAssembly>
                <HwOptToolPath>{Root}/src/HwOpt.Cli/bin/{Configuration}/net10.0/hwopt.dll</HwOptToolPath>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                {items}
              </ItemGroup>
              <Import Project="{build}/build/HwOpt.Build.targets" />
              {targets}
            </Project>
            """);
    }

    /// <summary>Copies a corpus model into the fixture's <c>models/</c> folder under <paramref name="name"/>.</summary>
    public string AddCorpusModel(string corpusName, string name)
    {
        string path = Path.Combine(Folder, "models", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(Path.Combine(Root, "corpus", "models", corpusName), path, overwrite: true);
        return path;
    }

    private bool _restored;

    /// <summary>
    /// Runs <c>dotnet build ARGS</c> in the fixture (restoring on the first build only, no build servers left behind);
    /// fails the test after 3 minutes.
    /// </summary>
    public (int Code, string Output) Build(string args = "")
    {
        string restore = _restored ? "--no-restore " : "";
        _restored = true;
        var psi = new ProcessStartInfo("dotnet", $"build --disable-build-servers -nologo {restore}{args}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Folder,
        };
        // The test host runs under MSBuild's environment; the child build must find its own SDK.
        foreach (var name in psi.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k == "MSBUILD_EXE_PATH").ToList())
        {
            psi.Environment.Remove(name);
        }
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(180_000), "dotnet build did not finish in 3 minutes");
        return (p.ExitCode, o.Result + e.Result);
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Compiler.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("repository root not found");
    }
}
