using System.Diagnostics;
using LoadGrid.EndToEnd.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace LoadGrid.EndToEnd.Tests.Deploy;

/// <summary>
/// Each region overlay of deploy/k8s renders (<c>kubectl kustomize</c>, offline) into a whole LoadGrid cluster: the
/// coordinator StatefulSet behind its headless seed service, the control service, PostgreSQL, and that region's
/// worker Deployment pinned to the region's nodes, with a preStop hook that leaves the cluster.
/// </summary>
public sealed class KubernetesManifestTests
{
    public static TheoryData<string> Regions => new() { "us-east", "eu-west", "ap-south" };

    [SkippableTheory]
    [MemberData(nameof(Regions))]
    public void The_overlay_renders_the_control_plane_and_the_regions_workers(string region)
    {
        var documents = Render($"deploy/k8s/overlays/{region}");

        var coordinator = Single(documents, "StatefulSet", "loadgrid-coordinator");
        Assert.Equal("loadgrid", Scalar(coordinator, "metadata", "namespace"));
        Assert.Equal("loadgrid-seeds", Scalar(coordinator, "spec", "serviceName"));
        var seeds = Single(documents, "Service", "loadgrid-seeds");
        Assert.Equal("None", Scalar(seeds, "spec", "clusterIP"));
        Assert.Equal("true", Scalar(seeds, "spec", "publishNotReadyAddresses"));
        Assert.Equal("coordinator", Scalar(seeds, "spec", "selector", "app.kubernetes.io/component"));
        Assert.Equal("9110", Scalar(Single(documents, "Service", "loadgrid-control"), "spec", "ports", "0", "port"));
        Assert.Equal("postgres:15", Scalar(Single(documents, "StatefulSet", "postgres"), "spec", "template", "spec", "containers", "0", "image"));
        Single(documents, "Service", "postgres");
        var coordinatorEnv = Env(coordinator);
        Assert.Equal("coordinator", coordinatorEnv["LOADGRID_ROLE"]);
        Assert.Equal("loadgrid-coordinator-0.loadgrid-seeds:4053", coordinatorEnv["LOADGRID_SEEDS"]);
        Assert.Equal("9464", coordinatorEnv["LOADGRID_METRICS_PORT"]);

        var worker = Single(documents, "Deployment", $"loadgrid-worker-{region}");
        Assert.Equal("loadgrid", Scalar(worker, "metadata", "namespace"));
        var pod = (YamlMappingNode)Node(worker, "spec", "template", "spec");
        Assert.Equal(region, Scalar(pod, "nodeSelector", "topology.kubernetes.io/region"));
        Assert.Equal(region, Scalar(worker, "spec", "selector", "matchLabels", "loadgrid.io/region"));
        var env = Env(worker);
        Assert.Equal("worker", env["LOADGRID_ROLE"]);
        Assert.Equal(region, env["LOADGRID_REGION"]);
        Assert.Equal("loadgrid-coordinator-0.loadgrid-seeds:4053", env["LOADGRID_SEEDS"]);
        Assert.Equal("9464", env["LOADGRID_METRICS_PORT"]);
        var preStop = string.Join(' ', ((YamlSequenceNode)Node(worker, "spec", "template", "spec", "containers", "0", "lifecycle", "preStop", "exec", "command"))
            .Children.Select(c => ((YamlScalarNode)c).Value));
        Assert.Contains("cluster leave", preStop);
        Assert.Contains("$LOADGRID_CONTROL", preStop);
        Assert.True(int.Parse(Scalar(pod, "terminationGracePeriodSeconds"), System.Globalization.CultureInfo.InvariantCulture) >= 30);

        // One region's workers only: the other regions' overlays add theirs under other names.
        Assert.Single(documents, d => Kind(d) == "Deployment");
    }

    [SkippableFact]
    public void The_overlays_share_an_identical_control_plane_so_applying_all_three_is_consistent()
    {
        string ControlPlane(string region) => string.Join("\n---\n", Render($"deploy/k8s/overlays/{region}")
            .Where(d => Kind(d) != "Deployment")
            .Select(d => Serialize(d)));

        var usEast = ControlPlane("us-east");
        Assert.Equal(usEast, ControlPlane("eu-west"));
        Assert.Equal(usEast, ControlPlane("ap-south"));
    }

    private static List<YamlMappingNode> Render(string directory)
    {
        Skip.If(!OnPath("kubectl"), "kubectl is not installed (CI installs kubernetes-client); the manifests were not rendered");
        var start = new ProcessStartInfo("kubectl", ["kustomize", Repository.PathOf(directory)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "kubectl kustomize did not finish within 60 s");
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {directory} failed: {errors.Result}");
        var stream = new YamlStream();
        stream.Load(new StringReader(output));
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, program)));

    private static string Kind(YamlMappingNode document) => Scalar(document, "kind");

    private static YamlMappingNode Single(List<YamlMappingNode> documents, string kind, string name) =>
        Assert.Single(documents, d => Kind(d) == kind && Scalar(d, "metadata", "name") == name);

    private static Dictionary<string, string> Env(YamlMappingNode workload) =>
        ((YamlSequenceNode)Node(workload, "spec", "template", "spec", "containers", "0", "env")).Children.Cast<YamlMappingNode>()
            .Where(e => e.Children.ContainsKey(new YamlScalarNode("value")))
            .ToDictionary(e => Scalar(e, "name"), e => Scalar(e, "value"));

    private static YamlNode Node(YamlNode node, params string[] path)
    {
        foreach (var part in path)
        {
            node = node switch
            {
                YamlMappingNode map => map.Children.TryGetValue(new YamlScalarNode(part), out var child) ? child : throw new KeyNotFoundException($"no '{part}' in {map}"),
                YamlSequenceNode list => list.Children[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)],
                _ => throw new KeyNotFoundException($"'{part}' below a scalar"),
            };
        }
        return node;
    }

    private static string Scalar(YamlNode node, params string[] path) => ((YamlScalarNode)Node(node, path)).Value ?? "";

    private static string Serialize(YamlMappingNode document)
    {
        var writer = new StringWriter();
        new YamlStream(new YamlDocument(document)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}
