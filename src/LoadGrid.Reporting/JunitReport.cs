using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Reporting;

/// <summary>
/// JUnit XML (<c>--junit PATH</c>): one test suite per run, one test case per threshold, so a CI system shows which
/// threshold failed and by how much. A run aborted before its end adds a failed "run completed" case, so an aborted
/// run without thresholds is not green.
/// </summary>
public static class JunitReport
{
    public static string Render(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var cases = summary.Thresholds.Select(t =>
        {
            var testCase = new XElement("testcase",
                new XAttribute("classname", $"loadgrid.{summary.Name}.thresholds"),
                new XAttribute("name", $"{t.Metric} {t.Expression}"),
                new XAttribute("time", "0"));
            if (!t.Passed)
                testCase.Add(new XElement("failure",
                    new XAttribute("type", "threshold"),
                    new XAttribute("message", $"{t.Metric} {t.Expression} failed: actual {ConsoleSummary.ThresholdActual(t)}"),
                    $"{t.Metric} '{t.Expression}' measured {ConsoleSummary.ThresholdActual(t)}{(t.AbortOnFail ? " (abortOnFail)" : "")}"));
            return testCase;
        }).ToList();
        var completed = new XElement("testcase",
            new XAttribute("classname", $"loadgrid.{summary.Name}"),
            new XAttribute("name", "run completed"),
            new XAttribute("time", Seconds(summary.DurationSeconds)));
        if (summary.Status == RunStatus.Aborted)
            completed.Add(new XElement("failure", new XAttribute("type", "aborted"),
                new XAttribute("message", "the run was aborted before its end"),
                string.Join("\n", summary.Warnings)));
        cases.Add(completed);

        var failures = cases.Count(c => c.Element("failure") is not null);
        var suite = new XElement("testsuite",
            new XAttribute("name", $"loadgrid {summary.Name}"),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", failures),
            new XAttribute("errors", 0),
            new XAttribute("skipped", 0),
            new XAttribute("time", Seconds(summary.DurationSeconds)),
            new XAttribute("timestamp", summary.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XElement("properties",
                new XElement("property", new XAttribute("name", "runId"), new XAttribute("value", summary.RunId)),
                new XElement("property", new XAttribute("name", "status"), new XAttribute("value", SummaryJsonWriter.StatusName(summary.Status))),
                new XElement("property", new XAttribute("name", "requests"), new XAttribute("value", summary.Totals.Requests)),
                new XElement("property", new XAttribute("name", "p95Ms"), new XAttribute("value", summary.Totals.LatencyMs.P95.ToString("0.###", CultureInfo.InvariantCulture))),
                new XElement("property", new XAttribute("name", "errorRate"), new XAttribute("value", summary.Totals.ErrorRate.ToString("0.######", CultureInfo.InvariantCulture)))),
            cases);
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement("testsuites", new XAttribute("name", "loadgrid"), new XAttribute("tests", cases.Count),
                new XAttribute("failures", failures), new XAttribute("time", Seconds(summary.DurationSeconds)), suite));
        using var writer = new Utf8StringWriter();
        using (var xml = XmlWriter.Create(writer, new XmlWriterSettings { Indent = true, NewLineChars = "\n" })) document.Save(xml);
        return writer.ToString() + "\n";
    }

    public static void Write(RunSummary summary, string path) => AtomicFile.WriteAllText(path, Render(summary));

    private static string Seconds(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter() : base(CultureInfo.InvariantCulture) { }

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
    }
}
