/**
 * The report's only stylesheet. The page's Content-Security-Policy allows exactly this text (by
 * its SHA-256), so nothing else can style, and nothing at all can run, in a report.
 */
export const REPORT_STYLE = `
:root{color-scheme:light;--ink:#1f2328;--dim:#656d76;--line:#d0d7de;--good:#1a7f37;--bad:#cf222e;--warn:#9a6700;--signal:#8250df;--candidate:#0969da;--quiet:#656d76}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1100px;padding:12px;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.15em;margin:1.4em 0 .4em;border-bottom:1px solid var(--line);padding-bottom:.2em}h3{font-size:1em;margin:.8em 0 .2em}
.dim,footer{color:var(--dim);font-size:.9em}
dl.summary{display:grid;grid-template-columns:max-content 1fr;gap:.15em 1em;margin:.4em 0}dl.summary dt{color:var(--dim)}dl.summary dd{margin:0}
table{border-collapse:collapse;width:100%;font-size:.9em}td,th{text-align:left;vertical-align:top;padding:.25em .5em;border-bottom:1px solid var(--line)}
td.ua{word-break:break-all;color:var(--dim)}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
svg{display:block;font:11px system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
svg.ladder{width:100%;max-width:540px;height:auto}svg.ladder.wide{width:auto;max-width:none}
.lane line{stroke:var(--line);stroke-dasharray:3 3}.lane.server line{stroke:#8c959f;stroke-dasharray:none}
.lane-name{font-weight:600;font-size:12px;text-anchor:middle}.lane-label{fill:var(--dim);text-anchor:middle;font-size:10px}
.step line{stroke-width:1.5}.step .what{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}.step .dashed{stroke-dasharray:4 3}.step .what{text-anchor:middle}.step .what.start{text-anchor:start}.step .time{fill:var(--dim);font-variant-numeric:tabular-nums}
.step:hover .what,.step:focus .what{font-weight:700}
${(['good', 'bad', 'warn', 'signal', 'candidate', 'quiet'] as const).map((t) => `.tone-${t} line{stroke:var(--${t})}.tone-${t} .head,.tone-${t} circle,.tone-${t} .what{fill:var(--${t})}`).join('\n')}
ol.events{list-style:none;padding:0;margin:.6em 0;font-size:.9em}ol.events li{padding:.25em .4em;border-bottom:1px solid var(--line)}
ol.events li:target{background:#fff8c5;outline:2px solid #d4a72c}
ol.events .t{color:var(--dim);font-variant-numeric:tabular-nums;display:inline-block;min-width:6.5em}
ol.events .details{margin:.1em 0 0 6.5em;color:var(--dim);word-break:break-word}
.charts{display:grid;grid-template-columns:1fr;gap:1em}@media (min-width:700px){.charts{grid-template-columns:1fr 1fr}}
figure{margin:0}figcaption{font-weight:600}
svg.chart{width:100%;height:auto}
.grid{stroke:#eaeef2}.axis{stroke:#8c959f}.tick{fill:var(--dim)}.tick.y{text-anchor:end}.tick.x{text-anchor:middle}.tick.x.last{text-anchor:end}.empty{fill:var(--dim);text-anchor:middle}
.series path{fill:none;stroke-width:1.8;stroke-linejoin:round}
.s0 path{stroke:#0969da}.s0 circle,.legend .s0::before{fill:#0969da;background:#0969da}
.s1 path{stroke:#bf3989}.s1 circle,.legend .s1::before{fill:#bf3989;background:#bf3989}
.s2 path{stroke:#1a7f37}.s2 circle,.legend .s2::before{fill:#1a7f37;background:#1a7f37}
.s3 path{stroke:#bc4c00}.s3 circle,.legend .s3::before{fill:#bc4c00;background:#bc4c00}
.s4 path{stroke:#8250df}.s4 circle,.legend .s4::before{fill:#8250df;background:#8250df}
.s5 path{stroke:#57606a}.s5 circle,.legend .s5::before{fill:#57606a;background:#57606a}
.marker line{stroke-width:1.2;stroke-dasharray:2 2}.marker text{text-anchor:middle;font-size:9px;font-weight:700}
.marker.join line{stroke:var(--good)}.marker.join text{fill:var(--good)}.marker.reconnect line{stroke:var(--warn)}.marker.reconnect text{fill:var(--warn)}
.marker.ice-restart line{stroke:var(--signal)}.marker.ice-restart text{fill:var(--signal)}.marker.diagnosis line{stroke:var(--bad)}.marker.diagnosis text{fill:var(--bad)}
ul.legend{list-style:none;padding:0;margin:.3em 0;display:flex;flex-wrap:wrap;gap:.2em 1em;font-size:.85em}
ul.legend li::before{content:"";display:inline-block;width:.9em;height:.25em;margin-right:.35em;vertical-align:middle}
ul.legend li.marker-key{color:var(--dim)}
.diagnosis{border-left:4px solid var(--bad);background:#ffebe9;padding:.5em .8em;margin:.6em 0}.diagnosis code{font-weight:600}
ul.paths{padding-left:1.2em}
@media (max-width:480px){body{padding:8px;font-size:14px}ol.events .details{margin-left:0}}
`;
