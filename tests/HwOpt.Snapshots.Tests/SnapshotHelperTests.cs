using HwOpt.Snapshots.Tests.Support;

namespace HwOpt.Snapshots.Tests;

/// <summary>The snapshot helper itself: file names, received/verified handling, accepting, diffs, scrubbers, the decision list.</summary>
public sealed class SnapshotHelperTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hwopt-snap").FullName;

    public void Dispose() => Directory.Delete(folder, true);

    private string File(string name) => Path.Combine(folder, name);

    [Fact]
    public void NamesFollowVerify()
    {
        Assert.Equal("T.M", SnapshotNaming.Stem("T", "M", null));
        Assert.Equal("T.M_mode=fuse_input=a-b-c_n=1.5", SnapshotNaming.Stem("T", "M", [("mode", "fuse"), ("input", "a/b c"), ("n", 1.5)]));
        Assert.Equal("T.M_x=1#ir.verified.txt", SnapshotNaming.FileName("T.M_x=1", "ir", received: false));
        Assert.Equal("T.M.received.txt", SnapshotNaming.FileName("T.M", null, received: true));
    }

    [Fact]
    public void ANewSnapshotFailsAndWritesOnlyTheReceivedFile()
    {
        var r = SnapshotFiles.Check([new(null, "a\nb")], folder, "T.M", accept: false);
        Assert.False(r.Passed);
        Assert.Contains("New snapshot", r.Message);
        Assert.Contains(Snapshot.AcceptVariable, r.Message);
        Assert.Equal("a\nb\n", System.IO.File.ReadAllText(File("T.M.received.txt")));
        Assert.False(System.IO.File.Exists(File("T.M.verified.txt")));
    }

    [Fact]
    public void AcceptingWritesTheVerifiedFileAndRemovesTheReceivedOne()
    {
        SnapshotFiles.Check([new("ir", "x")], folder, "T.M", accept: false);
        Assert.True(System.IO.File.Exists(File("T.M#ir.received.txt")));
        var r = SnapshotFiles.Check([new("ir", "x\r\n")], folder, "T.M", accept: true);
        Assert.True(r.Passed, r.Message);
        Assert.Equal("x\n", System.IO.File.ReadAllText(File("T.M#ir.verified.txt")));
        Assert.False(System.IO.File.Exists(File("T.M#ir.received.txt")));
    }

    [Fact]
    public void AMismatchFailsWithAUnifiedDiffAndKeepsTheVerifiedFile()
    {
        System.IO.File.WriteAllText(File("T.M#d.verified.txt"), "1\n2\n3\n4\n5\nold\n7\n8\n9\n10\n");
        var r = SnapshotFiles.Check([new("d", "1\n2\n3\n4\n5\nnew\n7\n8\n9\n10\n")], folder, "T.M", accept: false);
        Assert.False(r.Passed);
        Assert.Contains("Snapshot differs", r.Message);
        Assert.Contains("--- T.M#d.verified.txt\n+++ T.M#d.received.txt\n@@ -3,7 +3,7 @@\n 3\n 4\n 5\n-old\n+new\n 7\n 8\n 9\n", r.Message);
        Assert.Equal("1\n2\n3\n4\n5\nold\n7\n8\n9\n10\n", System.IO.File.ReadAllText(File("T.M#d.verified.txt")));
        Assert.Contains("new", System.IO.File.ReadAllText(File("T.M#d.received.txt")));
    }

    [Fact]
    public void CrlfAndBomInTheVerifiedFileStillMatchAndAStaleReceivedFileGoes()
    {
        System.IO.File.WriteAllText(File("T.M.verified.txt"), "\uFEFFa\r\nb\r\n");
        System.IO.File.WriteAllText(File("T.M.received.txt"), "stale");
        var r = SnapshotFiles.Check([new(null, "a\nb\n")], folder, "T.M", accept: false);
        Assert.True(r.Passed, r.Message);
        Assert.False(System.IO.File.Exists(File("T.M.received.txt")));
    }

    [Fact]
    public void LongChangesAreCutInTheDiff()
    {
        string a = string.Join("\n", Enumerable.Range(0, 100).Select(i => "a" + i)), b = string.Join("\n", Enumerable.Range(0, 100).Select(i => "b" + i));
        string diff = UnifiedDiff.FirstHunk(a, b, "v", "r");
        Assert.Contains("@@ -1,100 +1,100 @@\n-a0\n", diff);
        Assert.Contains("-... 60 more lines\n+b0\n", diff);
        Assert.EndsWith("+... 60 more lines\n", diff);
        Assert.Equal("", UnifiedDiff.FirstHunk("same\n", "same\n", "v", "r"));
    }

    [Fact]
    public void ScrubbersReplaceFoldersPathsAndSolveTimes()
    {
        string text = $"model {TestFiles.RepoRoot}/corpus/models/mlp.mlir\r\n"
            + $"case {TestFiles.ProjectDirectory}/Cases/pinned.mlir\n"
            + $"tmp {Path.Combine(Path.GetTempPath(), "x.lp")}\n"
            + "other /home/someone/model.mlir and a/b and affine_map<(d0) -> (d0 floordiv 2)>\n"
            + "\"solve_time_s\": 0.123,\n  problem=p solve_time_s=1.5e-05 nodes=0\n";
        Assert.Equal("model {SolutionDirectory}/corpus/models/mlp.mlir\n"
            + "case {ProjectDirectory}/Cases/pinned.mlir\n"
            + "tmp {TempPath}/x.lp\n"
            + "other {AbsolutePath} and a/b and affine_map<(d0) -> (d0 floordiv 2)>\n"
            + "\"solve_time_s\": {Scrubbed},\n  problem=p solve_time_s={Scrubbed} nodes=0\n", Scrubbers.Default(text));
    }

    [Fact]
    public void TheDecisionListShowsEveryFieldOfTheReport()
    {
        const string json = """
            {"schemaVersion": 1, "summary": "1 kernel ops → 1 kernels", "solver": [{"problem": "fusion[piece 0]", "status": "optimal", "solve_time_s": 0.5, "backend": "CBC 2.10.8"}],
             "kernels": [{"index": 0, "ops": [1, 2], "latency_ns": 12.5}], "empty": [],
             "ops": [{"index": 1, "name": "linalg.add", "kernel": 0, "cost_ns": null, "reasons": ["fuse: alone", "device: \"h200\""]}]}
            """;
        Assert.Equal("""
            schemaVersion: 1
            summary: 1 kernel ops → 1 kernels

            solver (1)
              problem="fusion[piece 0]" status=optimal solve_time_s=0.5 backend="CBC 2.10.8"

            kernels (1)
              index=0 ops=[1,2] latency_ns=12.5

            empty (0)

            ops (1)
              index=1 name=linalg.add kernel=0 cost_ns=null
                reasons: fuse: alone
                reasons: device: "h200"

            """.ReplaceLineEndings("\n"), DecisionList.FromJson(json));
    }
}
