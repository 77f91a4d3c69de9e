using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using HwOpt.CostModel;
using HwOpt.Diagnostics;
using HwOpt.Planning;
using HwOpt.Planning.Cbc;
using HwOpt.Planning.Milp;
using HwOpt.Syntax;
using HwOpt.Transforms.Pipeline;
using HwOpt.Transforms.Reports;
using YamlDotNet.RepresentationModel;

namespace HwOpt.Transforms.Tests.Reports;

/// <summary>The reports of a real plan (lenet5, the three passes, roofline cost models): HTML, node data, remarks, pictures.</summary>
public sealed class ReportTests
{
    private const string Pipeline = "builtin.module(hwopt-fuse,hwopt-precision{size-fraction=0.5},hwopt-partition{devices=cpu,gpu})";

    private static readonly string[] Sections = ["summary", "figures", "passes", "solver", "baselines", "pictures", "graph", "roofline", "scatter", "kernels", "ops"];

    /// <summary>Plans a corpus model with the roofline on every device (no learned model, fast and deterministic).</summary>
    internal static PlanState Plan(string model = "lenet5.mlir", string pipeline = Pipeline)
    {
        string path = Path.Combine(Root, "corpus", "models", model);
        var parsed = MlirParser.Parse(new SourceText(path, File.ReadAllText(path)));
        Assert.False(parsed.HasErrors);
        var graph = PlanGraph.FromModule(parsed.Module!, model);
        var diagnostics = new DiagnosticBag();
        var source = new SourceText("<pass-pipeline>", pipeline);
        var passes = PassRegistry.Create(PassPipelineParser.Parse(source, diagnostics)!, source, diagnostics)!;
        var context = new PassContext(diagnostics, new CbcSolver(), new SolverOptions(60, 1e-4, MaxNodes: 20000), device => new RooflineCostModel(device));
        var plan = new PlanState(graph);
        foreach (var pass in passes) Assert.True(pass.Run(plan, context), string.Join("\n", diagnostics.Items.Select(d => d.Message)));
        return plan;
    }

    internal static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Compiler.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("repository root not found");
    }

    private static XDocument ParseXhtml(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    private static string Html(PlanState plan, ReportTools tools, DiagnosticBag diagnostics, MeasuredLatencies? measured = null)
    {
        var facts = PlanFacts.Compute(plan, measured);
        return HtmlReport.Write(plan, facts, ReportPictures.Draw(plan, facts, tools, diagnostics), "lenet5.mlir", "roofline", Pipeline, scrubTimes: true);
    }

    [SkippableFact]
    public void HtmlIsWellFormedSelfContainedWithEverySectionAndInlineSvgAndDeterministic()
    {
        var tools = ReportTools.FromEnvironment();
        Skip.If(tools.Dot is null || tools.Gnuplot is null, "graphviz dot and gnuplot are needed for the pictures");
        var plan = Plan();
        var diagnostics = new DiagnosticBag();
        string html = Html(plan, tools, diagnostics);
        Assert.Empty(diagnostics.Items);
        var doc = ParseXhtml(html);
        XNamespace svg = "http://www.w3.org/2000/svg";
        var ids = doc.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToHashSet();
        foreach (string section in Sections) Assert.Contains(section, ids);
        Assert.Equal(2, doc.Descendants(svg + "svg").Count()); // graph and roofline; no measurements, so no scatter
        Assert.Contains("cluster_0", html);
        Assert.DoesNotContain("<script", html);
        Assert.False(doc.Descendants().Any(e => e.Attribute("src") is not null || ((string?)e.Attribute("href"))?.StartsWith("http", StringComparison.Ordinal) == true), "no external resources");
        // One row per kernel and per kernel op.
        var tables = doc.Descendants("table").ToList();
        int kernelOps = plan.Ops.Count(d => d.Kernel is not null);
        Assert.Contains(tables, t => t.Elements("tr").Count() == plan.Kernels.Count + 1);
        Assert.Contains(tables, t => t.Elements("tr").Count() == kernelOps + 1);
        Assert.Contains("ESS (effective sensitivity sum)", html);
        Assert.Equal(html, Html(Plan(), tools, new DiagnosticBag()));
    }

    [Fact]
    public void WithoutGraphvizAndGnuplotTheReportCarriesTheDotTextAndWarns()
    {
        var plan = Plan();
        var diagnostics = new DiagnosticBag();
        var missing = new ReportTools("/nonexistent/dot", null, ReportTools.DefaultTimeout);
        string html = Html(plan, missing, diagnostics);
        var doc = ParseXhtml(html);
        Assert.DoesNotContain("<svg", html);
        var dot = doc.Descendants("pre").Single(e => (string?)e.Attribute("class") == "dot").Value;
        Assert.StartsWith("digraph \"lenet5.mlir\" {", dot);
        Assert.Equal(plan.Kernels.Count, System.Text.RegularExpressions.Regex.Count(dot, "subgraph cluster_"));
        Assert.Equal(2, diagnostics.Items.Count(d => d.Descriptor == DiagnosticIds.ReportPictureNotDrawn));
        Assert.All(diagnostics.Items, d => Assert.False(d.IsError));
    }

    [Fact]
    public void LargePlansAreDrawnAtKernelLevel()
    {
        var plan = Plan();
        Assert.False(IsCollapsed(plan));
        // A chain of more kernel ops than the threshold, each its own kernel.
        int n = ReportPictures.CollapseAboveNodes + 5;
        var text = new System.Text.StringBuilder("func.func @chain(%a: tensor<8xf32>) -> tensor<8xf32> {\n  %e = tensor.empty() : tensor<8xf32>\n");
        string last = "%a";
        for (int i = 0; i < n; i++)
        {
            text.Append($"  %v{i} = linalg.exp ins({last} : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>\n");
            last = $"%v{i}";
        }
        text.Append($"  return {last} : tensor<8xf32>\n}}\n");
        var parsed = MlirParser.Parse(new SourceText("chain.mlir", text.ToString()));
        Assert.False(parsed.HasErrors);
        var big = new PlanState(PlanGraph.FromModule(parsed.Module!, "chain.mlir"));
        big.SetKernels(big.Graph.KernelNodes.Select(k => new PlannedKernel(0, [k], 10, 9, 11)).ToList());
        string dot = ReportPictures.GraphDot(big, PlanFacts.Compute(big), out bool collapsed);
        Assert.True(collapsed);
        Assert.DoesNotContain("cluster_", dot);
        Assert.Equal(n - 1, System.Text.RegularExpressions.Regex.Count(dot, " -> "));
    }

    private static bool IsCollapsed(PlanState plan)
    {
        ReportPictures.GraphDot(plan, PlanFacts.Compute(plan), out bool collapsed);
        return collapsed;
    }

    [Fact]
    public void NodeDataFollowsModelExplorersFormatWithOneValuePerKernelOp()
    {
        var plan = Plan();
        using var doc = JsonDocument.Parse(ModelExplorerNodeData.Json(plan));
        var graph = doc.RootElement.GetProperty("forward");
        var results = graph.GetProperty("results").EnumerateObject().ToList();
        Assert.Equal(plan.Ops.Count(d => d.Kernel is not null), results.Count);
        Assert.All(results, r => Assert.True(int.TryParse(r.Name, out _) && r.Value.GetProperty("value").GetDouble() > 0));
        var thresholds = graph.GetProperty("thresholds").EnumerateArray().Select(t => t.GetProperty("value").GetDouble()).ToList();
        Assert.NotEmpty(thresholds);
        Assert.Equal(thresholds.Order(), thresholds);
        Assert.True(thresholds[^1] >= results.Max(r => r.Value.GetProperty("value").GetDouble()));
        // Model Explorer numbers the entry block's ops and the ops directly in their regions: ids grow faster than node indices.
        var nodeOf = new Dictionary<HwOpt.IR.Operation, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < plan.Graph.Count; i++) nodeOf[plan.Graph.Ops[i]] = i;
        var ids = ModelExplorerNodeData.Graphs(plan.Graph.Module, nodeOf).Single().Ids;
        Assert.Equal(plan.Graph.Count, ids.Count);
        Assert.Equal(0, ids[0].MeId);
        Assert.True(ids.Zip(ids.Skip(1)).All(p => p.Second.MeId > p.First.MeId && p.Second.MeId - p.First.MeId >= p.Second.Node - p.First.Node));
    }

    [Fact]
    public void RemarksParseBackWithOneDocumentPerDecision()
    {
        var plan = Plan();
        string yaml = RemarksYaml.Write(plan);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var docs = stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
        Assert.Equal(plan.Remarks.Count + plan.Solves.Count + 1, docs.Count);
        int kernelOps = plan.Ops.Count(d => d.Kernel is not null);
        foreach (string pass in new[] { "hwopt-fuse", "hwopt-precision", "hwopt-partition" })
        {
            var mine = docs.Where(d => ((YamlScalarNode)d["Pass"]).Value == pass && d.Tag.Value is "!Passed" or "!Missed").ToList();
            Assert.Equal(kernelOps, mine.Count);
            Assert.All(mine, d =>
            {
                var loc = (YamlMappingNode)d["DebugLoc"];
                Assert.EndsWith("lenet5.mlir", ((YamlScalarNode)loc["File"]).Value);
                Assert.True(int.Parse(((YamlScalarNode)loc["Line"]).Value!, System.Globalization.CultureInfo.InvariantCulture) > 0);
                Assert.Equal("forward", ((YamlScalarNode)d["Function"]).Value);
                Assert.Contains(((YamlSequenceNode)d["Args"]).Children, a => ((YamlMappingNode)a).Children.ContainsKey("Reason"));
            });
        }
        Assert.Contains(docs, d => d.Tag.Value == "!Passed" && ((YamlScalarNode)d["Name"]).Value == "Offloaded");
        Assert.Equal(plan.Solves.Count, docs.Count(d => d.Tag.Value == "!Analysis" && ((YamlScalarNode)d["Name"]).Value == "SolverStatistics"));
        Assert.Equal(yaml, RemarksYaml.Write(Plan()));
    }

    [SkippableFact]
    public void MeasuredLatenciesGiveTheScatterAndTheFactsCarryEnergyAndEss()
    {
        var tools = ReportTools.FromEnvironment();
        Skip.If(tools.Gnuplot is null, "gnuplot is needed for the scatter");
        var plan = Plan("lenet5.mlir", "builtin.module(hwopt-fuse{max-group-size=1},hwopt-precision{size-fraction=0.5})");
        var facts = PlanFacts.Compute(plan);
        Assert.NotNull(facts.SensitivitySum);
        Assert.True(facts.EnergyJoules > 0);
        // Host kernels in fp32, "measured" at twice their prediction (the seam a validation run would feed).
        var comparable = facts.Kernels.Where(k => k.Format == "fp32").ToList();
        Assert.NotEmpty(comparable);
        var measured = new MeasuredLatencies("test", facts.Kernels[0].Device, comparable.ToDictionary(k => k.KernelId, k => 2 * k.LatencyNs));
        var withMeasured = PlanFacts.Compute(plan, measured);
        Assert.Equal(comparable.Count, withMeasured.Kernels.Count(k => k.MeasuredNs is not null));
        var diagnostics = new DiagnosticBag();
        var pictures = ReportPictures.Draw(plan, withMeasured, tools with { Dot = null }, diagnostics);
        Assert.NotNull(pictures.Scatter.Svg);
        Assert.Contains("mean absolute percentage error 50 %", pictures.Scatter.Note);
        Assert.Null(pictures.Graph.Svg);
        using var json = JsonDocument.Parse(PlanReport.Json(plan, "lenet5.mlir", "roofline", "p", scrubTimes: true, facts: withMeasured));
        Assert.Equal(facts.SensitivitySum!.Value, json.RootElement.GetProperty("ess").GetDouble(), 6);
        Assert.Contains(json.RootElement.GetProperty("kernels").EnumerateArray(), k => k.GetProperty("measured_ns").ValueKind == JsonValueKind.Number);
    }
}
