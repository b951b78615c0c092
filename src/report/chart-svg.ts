/**
 * Draws one Chart as a small SVG line chart over the call's whole time, with the markers as
 * vertical lines (hover one to read it). Sized for a phone first: the same drawing scales up
 * in a grid on a laptop.
 */
import { STATS_INTERVAL_MS } from '../shared/protocol.js';
import { formatDuration } from '../terminal/units.js';
import { MARKER_NAMES, type Chart, type Marker } from './charts.js';
import { element, formatOffset, niceTicks, px, text } from './markup.js';

const WIDTH = 400;
const HEIGHT = 190;
const PLOT = { left: 46, right: WIDTH - 10, top: 14, bottom: HEIGHT - 28 };
/** Reports come every 2 s; a longer silence (a drop, a reload) is a gap, not a straight line across it. */
const GAP_MS = 3 * STATS_INTERVAL_MS;
/** Time ticks at round numbers of seconds. */
const TIME_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

/** Each series' colour class, in order (the legend uses the same). */
export const seriesClass = (index: number): string => `s${index % 6}`;

export function renderChart(chart: Chart, markers: Marker[], durationMs: number): string {
  const span = Math.max(durationMs, 1000);
  const values = chart.series.flatMap((s) => s.points.map(([, value]) => value));
  const yTicks = niceTicks(Math.max(...values, chart.id === 'loss' ? 1 : 0));
  const yMax = yTicks.at(-1) ?? 1;
  const x = (ms: number) => PLOT.left + (ms / span) * (PLOT.right - PLOT.left);
  const y = (value: number) => PLOT.bottom - (value / yMax) * (PLOT.bottom - PLOT.top);

  const grid = yTicks.map((tick) =>
    element('line', { x1: PLOT.left, x2: PLOT.right, y1: px(y(tick)), y2: px(y(tick)), class: 'grid' }) +
    element('text', { x: PLOT.left - 5, y: px(y(tick) + 4), class: 'tick y' }, text(formatTick(tick))),
  );
  // The last label ends at the plot's edge rather than running off it.
  const time = timeTicks(span).map((ms, i, all) =>
    element('text', { x: px(x(ms)), y: HEIGHT - 10, class: i > 0 && i === all.length - 1 && x(ms) > PLOT.right - 20 ? 'tick x last' : 'tick x' }, text(formatTime(ms))),
  );
  const lines = chart.series.map((series, i) => renderSeries(series.points, x, y, seriesClass(i)));
  const marks = markers.map((marker) =>
    element('g', { class: `marker ${marker.kind}` }, [
      element('title', {}, text(`${formatOffset(marker.at)} ${MARKER_NAMES[marker.kind]}: ${marker.text}`)),
      element('line', { x1: px(x(marker.at)), x2: px(x(marker.at)), y1: PLOT.top - 4, y2: PLOT.bottom }),
      element('text', { x: px(x(marker.at)), y: PLOT.top - 5 }, text(MARKER_NAMES[marker.kind].charAt(0).toUpperCase())),
    ].join('')),
  );
  const empty = values.length === 0 ? [element('text', { x: WIDTH / 2, y: HEIGHT / 2, class: 'empty' }, 'no reports')] : [];
  const axis = element('line', { x1: PLOT.left, x2: PLOT.right, y1: PLOT.bottom, y2: PLOT.bottom, class: 'axis' });
  return element(
    'svg',
    { class: `chart ${chart.id}`, viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': `${chart.title} (${chart.unit}) over the call, per page` },
    [...grid, axis, ...time, ...marks, ...lines, ...empty].join(''),
  );
}

function renderSeries(points: Array<[number, number]>, x: (ms: number) => number, y: (v: number) => number, colour: string): string {
  let d = '';
  const alone: Array<[number, number]> = [];
  points.forEach(([at, value], i) => {
    const before = points[i - 1];
    const after = points[i + 1];
    const joined = before !== undefined && at - before[0] <= GAP_MS;
    d += `${joined ? 'L' : 'M'}${px(x(at))} ${px(y(value))}`;
    if (!joined && (after === undefined || after[0] - at > GAP_MS)) alone.push([at, value]);
  });
  const dots = alone.map(([at, value]) => element('circle', { cx: px(x(at)), cy: px(y(value)), r: 2.5 }));
  return element('g', { class: `series ${colour}` }, (d ? element('path', { d }) : '') + dots.join(''));
}

function timeTicks(spanMs: number): number[] {
  const step = (TIME_STEPS_S.find((s) => spanMs / (s * 1000) <= 6) ?? Math.ceil(spanMs / 6000)) * 1000;
  const ticks: number[] = [];
  for (let ms = 0; ms <= spanMs; ms += step) ticks.push(ms);
  return ticks;
}

/** "0", "30 s", "2m", "1m 30s": short enough that five fit under a phone-wide chart. */
function formatTime(ms: number): string {
  if (ms === 0) return '0';
  return ms % 60_000 === 0 ? `${ms / 60_000}m` : formatDuration(ms);
}

function formatTick(value: number): string {
  return value >= 1000 ? `${Number((value / 1000).toPrecision(3))}k` : String(Number(value.toPrecision(3)));
}
