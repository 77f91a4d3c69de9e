using System.Text.Json;

namespace HwOpt.Cli.Tests;

/// <summary><c>hwopt optimize --report X.html|X.md --emit-node-data --remarks-output</c> as a user runs them.</summary>
public sealed class ReportOutputTests
{
    [Fact]
    public void HtmlMarkdownNodeDataAndRemarksAreWrittenBesideTheIr()
    {
        string dir = Directory.CreateTempSubdirectory("hwopt-report").FullName;
        try
        {
            string html = Path.Combine(dir, "r.html"), md = Path.Combine(dir, "r.md"), nodes = Path.Combine(dir, "n.json"), remarks = Path.Combine(dir, "r.yaml"), ir = Path.Combine(dir, "o.mlir");
            const string pipeline = "--pass-pipeline \"builtin.module(hwopt-fuse,hwopt-partition{devices=cpu,gpu})\"";
            var r = HwOptProcess.Run($"optimize corpus/models/mlp.mlir --roofline {pipeline} --report {html} --emit-node-data {nodes} --remarks-output {remarks} -o {ir}");
            Assert.True(r.Code == 0, r.Stderr);
            string page = File.ReadAllText(html);
            Assert.StartsWith("<!DOCTYPE html>", page);
            Assert.Contains("id=\"kernels\"", page);
            Assert.Contains("energy per inference", page);
            using (var doc = JsonDocument.Parse(File.ReadAllText(nodes)))
            {
                Assert.NotEmpty(doc.RootElement.EnumerateObject().First().Value.GetProperty("results").EnumerateObject());
            }
            string yaml = File.ReadAllText(remarks);
            Assert.Contains("--- !Passed", yaml);
            Assert.Contains("Pass: 'hwopt-partition'", yaml);
            HwOptProcess.AssertMlirOptAccepts(ir);
            // Markdown: the pictures are files beside the report, linked from it.
            r = HwOptProcess.Run($"optimize corpus/models/mlp.mlir --roofline {pipeline} --report {md} -o {ir}");
            Assert.True(r.Code == 0, r.Stderr);
            string text = File.ReadAllText(md);
            Assert.Contains("## Key figures", text);
            Assert.True(File.Exists(Path.Combine(dir, "r.graph.svg")) || File.Exists(Path.Combine(dir, "r.graph.dot")));
            Assert.Contains("(r.graph.", text);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void AMissingMeasurementsFileIsAnInputError()
    {
        var r = HwOptProcess.Run("optimize corpus/models/mlp.mlir --roofline --report /dev/null --measurements no/such/file.csv.gz");
        Assert.Equal(1, r.Code);
        Assert.Contains("HW4004", r.Stderr);
        Assert.DoesNotContain("Exception", r.Stderr);
    }
}
