/**
 * The report: one HTML file with everything inside (SVG drawn here, one stylesheet, no script,
 * no font, no image to fetch), so it opens from disk, offline, and can be mailed as it is. Its
 * Content-Security-Policy has no network source and no script source: even a report built
 * from a hostile log can neither run nor load anything.
 */
import { createHash } from 'node:crypto';
import { lossPercent, type JsonPeer, type JsonRecord } from '../terminal/json-record.js';
import { formatDuration, formatKbps, formatRtt } from '../terminal/units.js';
import { splitByRoom, type RoomLog } from './call-records.js';
import { renderChart, seriesClass } from './chart-svg.js';
import { buildCharts, buildMarkers, MARKER_NAMES, type MarkerKind } from './charts.js';
import { renderLadder } from './ladder-svg.js';
import { buildLadder, type Ladder } from './ladder.js';
import { element, formatOffset, text } from './markup.js';
import { REPORT_STYLE } from './report-style.js';

export interface ReportSource {
  /** How the log is called on the page, e.g. its file name. */
  name: string;
  /** A sentence about lines that were skipped, if any. */
  skipped?: string;
}

export function renderReport(records: JsonRecord[], source: ReportSource): string {
  const rooms = splitByRoom(records);
  const title = rooms.length === 1 && rooms[0] ? `Call in room ${rooms[0].room}` : `Calls in ${rooms.length} rooms`;
  const body = rooms.length === 0 ? [element('p', {}, 'Nobody joined a call in this log.')] : rooms.map((room) => renderRoom(room, rooms.length > 1));
  const footer = [`Made by webrtc-call report from ${source.name}.`, source.skipped ? ` ${source.skipped[0]?.toUpperCase()}${source.skipped.slice(1)}.` : ''].join('');
  const style = REPORT_STYLE.trim();
  const csp = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'; base-uri 'none'; form-action 'none'`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    element('meta', { 'http-equiv': 'Content-Security-Policy', content: csp }).replace('></meta>', '>'),
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    element('title', {}, text(`${title} · webrtc-call report`)),
    `<style>${style}</style>`,
    '</head>',
    '<body>',
    element('h1', {}, text(title)),
    ...body,
    element('footer', {}, text(footer)),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function renderRoom(log: RoomLog, heading: boolean): string {
  const ladder = buildLadder(log);
  return element('section', { class: 'room' }, [
    heading ? element('h2', {}, text(`Room ${log.room}`)) : '',
    renderSummary(log),
    renderDiagnoses(log),
    renderQuality(log),
    renderSignaling(ladder),
    element('h2', {}, 'Path'),
    renderPaths(ladder),
    element('h2', {}, 'Who took part'),
    renderPeers(log),
  ].join('\n'));
}

function renderQuality(log: RoomLog): string {
  const charts = buildCharts(log);
  const markers = buildMarkers(log);
  const legend = [
    ...(charts[0]?.series ?? []).map((s, i) => element('li', { class: seriesClass(i) }, text(s.name))),
    ...(Object.keys(MARKER_NAMES) as MarkerKind[])
      .filter((kind) => markers.some((m) => m.kind === kind))
      .map((kind) => element('li', { class: 'marker-key' }, text(`${MARKER_NAMES[kind].charAt(0).toUpperCase()}: ${MARKER_NAMES[kind]}`))),
  ];
  const figures = charts.map((chart) =>
    element('figure', { id: `chart-${chart.id}` }, element('figcaption', {}, text(`${chart.title} (${chart.unit})`)) + renderChart(chart, markers, log.endedAt - log.startedAt)),
  );
  return [
    element('h2', {}, 'Quality'),
    element('p', { class: 'dim' }, 'What each page received from the other, from its reports every 2 s.'),
    element('ul', { class: 'legend' }, legend.join('')),
    element('div', { class: 'charts' }, figures.join('')),
  ].join('\n');
}

/** The ladder, and under it every step in words: an arrow links to its line (a tap on a phone). */
function renderSignaling(ladder: Ladder): string {
  const steps = ladder.arrows.map((arrow) =>
    element('li', { id: arrow.id }, [
      element('span', { class: 't' }, text(formatOffset(arrow.at - ladder.startedAt))),
      element('b', {}, text(arrow.who)),
      ` ${text(arrow.what)}`,
      ...arrow.details.map((d) => element('div', { class: 'details' }, text(d))),
    ].join('')),
  );
  return [
    element('h2', {}, 'Signaling'),
    element('p', { class: 'dim' }, 'Every step the server relayed or was told, top to bottom; time since the first join on the left. Tap or hover an arrow for what it carried.'),
    element('div', { class: 'scroll' }, renderLadder(ladder)),
    element('ol', { class: 'events' }, steps.join('')),
  ].join('\n');
}

function renderSummary(log: RoomLog): string {
  const summaries = log.records.filter((r) => r.type === 'call-summary');
  const began = new Date(log.startedAt).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const rows: Array<[string, string]> = [['Began', began], ['People', log.peers.map((p) => p.name).join(', ')]];
  for (const [i, s] of summaries.entries()) {
    const which = summaries.length > 1 ? ` (call ${i + 1})` : '';
    rows.push([`Lasted${which}`, formatDuration(s.durationMs)]);
    rows.push([`Received${which}`, s.averageKbps === undefined ? 'no stats reported' : `${formatKbps(s.averageKbps)} per person on average`]);
    if (s.worstRttMs !== undefined) rows.push([`Worst RTT${which}`, formatRtt(s.worstRttMs)]);
    rows.push([`Lost${which}`, `${s.packetsLost} of ${s.packetsLost + s.packetsReceived} packets (${lossPercent(s)}%)`]);
  }
  if (summaries.length === 0) rows.push(['Summary', 'none in the log: the call never connected, or the log ends before the call did']);
  return element('dl', { class: 'summary' }, rows.map(([k, v]) => element('dt', {}, text(k)) + element('dd', {}, text(v))).join(''));
}

function renderDiagnoses(log: RoomLog): string {
  const diagnoses = log.records.filter((r) => r.type === 'diagnosis');
  if (diagnoses.length === 0) return '';
  return element('h2', {}, 'Diagnosis') + diagnoses.map((d) => {
    const peers = d.peers.map((p) => p.name).join(' ⇄ ');
    const evidence = d.evidence.map((e) => element('li', {}, text(e)));
    return element('div', { class: 'diagnosis', id: `diagnosis-${d.at}` }, [
      element('p', {}, `${element('code', {}, text(d.cause))} · ${text(formatOffset(d.at - log.startedAt))} · ${text(peers)}`),
      element('p', {}, text(d.message)),
      evidence.length ? element('ul', {}, evidence.join('')) : '',
    ].join(''));
  }).join('');
}

function renderPeers(log: RoomLog): string {
  const joins = new Map<string, Extract<JsonRecord, { type: 'join' }>>();
  for (const r of log.records) if (r.type === 'join' && !joins.has(r.peer.id)) joins.set(r.peer.id, r);
  const rows = log.peers.map((peer: JsonPeer) => {
    const join = joins.get(peer.id);
    return element('tr', {}, [
      element('td', {}, text(peer.name)),
      element('td', {}, text(peer.label)),
      element('td', {}, text(join?.language ?? '')),
      element('td', {}, text(join?.address ?? '')),
      element('td', { class: 'ua' }, text(join?.userAgent ?? '')),
    ].join(''));
  });
  const head = element('tr', {}, ['Name', 'Browser', 'Language', 'Address', 'User agent'].map((h) => element('th', {}, h)).join(''));
  return element('div', { class: 'scroll' }, element('table', { class: 'peers' }, head + rows.join('')));
}

/** Each connection's selected path as its page reported it, and every change of it: the ladder's path steps. */
function renderPaths(ladder: Ladder): string {
  const steps = ladder.arrows.filter((a) => a.what === 'path');
  if (steps.length === 0) return element('p', {}, 'No page reported a connected path.');
  const items = steps.map((step) => element('li', {}, `${text(formatOffset(step.at - ladder.startedAt))} ${element('b', {}, text(step.who))}: ${text(step.details.join(' '))}`));
  return element('ul', { class: 'paths' }, items.join(''));
}
