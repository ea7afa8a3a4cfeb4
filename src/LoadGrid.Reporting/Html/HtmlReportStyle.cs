namespace LoadGrid.Reporting;

/// <summary>The report's only stylesheet, inlined so the file opens anywhere, offline, and prints cleanly.</summary>
internal static class HtmlReportStyle
{
    public const string Css = """
        :root { --fg: #1d2330; --muted: #667085; --line: #e4e7ec; --bg: #f7f8fa; --card: #fff;
                --pass: #12805c; --fail: #c4320a; --warn: #b54708; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
        main { max-width: 1100px; margin: 0 auto; padding: 24px 20px 48px; }
        header { display: flex; flex-wrap: wrap; align-items: center; gap: 12px 16px; margin-bottom: 4px; }
        h1 { font-size: 24px; margin: 0; word-break: break-word; }
        h2 { font-size: 16px; margin: 28px 0 10px; }
        .meta { color: var(--muted); margin: 0 0 20px; }
        .badge { display: inline-block; padding: 3px 12px; border-radius: 999px; font-weight: 700; letter-spacing: .04em; color: #fff; }
        .badge.passed { background: var(--pass); } .badge.failed { background: var(--fail); } .badge.aborted { background: var(--warn); }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
        .card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
        .card .value { font-size: 20px; font-weight: 650; font-variant-numeric: tabular-nums; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 12px; }
        figure { margin: 0; background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
        figcaption { font-weight: 600; margin-bottom: 4px; }
        svg.chart { width: 100%; height: auto; display: block; }
        svg .grid { stroke: var(--line); stroke-width: 1; }
        svg .axis { stroke: #98a2b3; stroke-width: 1; }
        svg .tick { fill: var(--muted); font-size: 11px; }
        svg polyline { fill: none; stroke-width: 1.8; stroke-linejoin: round; }
        .s0 { stroke: #2e6fdb; fill: #2e6fdb; } .s1 { stroke: #e07a10; fill: #e07a10; } .s2 { stroke: #c4320a; fill: #c4320a; }
        .s3 { stroke: #12805c; fill: #12805c; } .s4 { stroke: #7a3fd1; fill: #7a3fd1; } .s5 { stroke: #5b6b7f; fill: #5b6b7f; }
        polyline.s0, polyline.s1, polyline.s2, polyline.s3, polyline.s4, polyline.s5 { fill: none; }
        .legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; color: var(--muted); }
        .legend i { display: inline-block; width: 14px; height: 3px; margin-right: 5px; vertical-align: middle; }
        .k0 { background: #2e6fdb; } .k1 { background: #e07a10; } .k2 { background: #c4320a; }
        .k3 { background: #12805c; } .k4 { background: #7a3fd1; } .k5 { background: #5b6b7f; }
        .empty { color: var(--muted); font-style: italic; }
        table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
        th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: right; font-variant-numeric: tabular-nums; }
        th { background: #f0f2f5; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
        th:first-child, td:first-child, td.text, th.text { text-align: left; }
        td:first-child { word-break: break-word; }
        tr:last-child td { border-bottom: 0; }
        .pass { color: var(--pass); font-weight: 700; } .fail { color: var(--fail); font-weight: 700; }
        ul.warnings { background: #fffaeb; border: 1px solid #fedf89; border-radius: 8px; padding: 10px 10px 10px 30px; margin: 0; }
        .tabs > input { position: absolute; opacity: 0; pointer-events: none; }
        .tabs > label { display: inline-block; padding: 4px 12px; margin: 0 6px 8px 0; border: 1px solid var(--line); border-radius: 999px;
                        background: var(--card); cursor: pointer; font-size: 13px; }
        .tabs > input:checked + label { background: var(--fg); color: #fff; border-color: var(--fg); }
        .tabs > input:focus-visible + label { outline: 2px solid #2e6fdb; }
        .tabs > .panel { display: none; }
        svg .marker line { stroke: #7a3fd1; stroke-width: 1; stroke-dasharray: 4 3; }
        svg .marker text { fill: #7a3fd1; font-size: 10px; font-weight: 700; }
        svg .marker.abort line, svg .marker.threshold line, svg .marker.node-lost line { stroke: var(--fail); }
        svg .marker.abort text, svg .marker.threshold text, svg .marker.node-lost text { fill: var(--fail); }
        .mark { font-size: 12px; padding: 1px 8px; border-radius: 999px; background: #f0f2f5; }
        .mark.abort, .mark.threshold, .mark.node-lost { background: #fef3f2; color: var(--fail); }
        footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
        @media print {
          body { background: #fff; font-size: 11px; }
          main { max-width: none; padding: 0; }
          .charts { grid-template-columns: 1fr 1fr; }
          figure, table, .card, ul.warnings { break-inside: avoid; }
          h2 { break-after: avoid; }
          .tabs > input:not(:checked) + label { display: none; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """;
}
