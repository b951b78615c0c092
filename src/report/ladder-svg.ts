/**
 * Draws a Ladder as SVG: lanes top to bottom, one row per step (rows, not a time scale: a burst
 * of candidates in 20 ms must stay readable), the time since the call began at the left. Each
 * arrow links to its line in the event list (a tap on a phone) and carries the same words as a
 * tooltip (hover on a laptop).
 */
import type { Ladder, LadderArrow } from './ladder.js';
import { element, formatOffset, px, text } from './markup.js';

const GUTTER = 66;
const LANE_WIDTH = 118;
const HEADER = 48;
const ROW = 30;
const HEAD = 6;

/** More lanes than fit a phone's width: the diagram scrolls sideways instead of shrinking its text. */
export const LANES_ON_A_PHONE = 3;

export function renderLadder(ladder: Ladder): string {
  const width = GUTTER + ladder.lanes.length * LANE_WIDTH;
  const height = HEADER + ladder.arrows.length * ROW + ROW / 2;
  const x = (lane: number) => GUTTER + lane * LANE_WIDTH + LANE_WIDTH / 2;
  const lanes = ladder.lanes.map((lane, i) =>
    element('g', { class: lane.peerId === undefined ? 'lane server' : 'lane' }, [
      element('text', { x: px(x(i)), y: 16, class: 'lane-name' }, text(lane.name)),
      element('text', { x: px(x(i)), y: 31, class: 'lane-label' }, text(lane.label)),
      element('line', { x1: px(x(i)), y1: HEADER - 8, x2: px(x(i)), y2: height }),
    ].join('')),
  );
  const arrows = ladder.arrows.map((arrow, row) => renderArrow(arrow, HEADER + row * ROW + ROW * 0.7, x, ladder.startedAt));
  return element(
    'svg',
    {
      class: ladder.lanes.length > LANES_ON_A_PHONE ? 'ladder wide' : 'ladder',
      viewBox: `0 0 ${width} ${px(height)}`,
      width,
      role: 'img',
      'aria-label': `Signaling ladder: ${ladder.lanes.map((l) => l.name).join(', ')}; ${ladder.arrows.length} steps`,
    },
    lanes.join('') + arrows.join(''),
  );
}

function renderArrow(arrow: LadderArrow, y: number, x: (lane: number) => number, startedAt: number): string {
  const from = x(arrow.from);
  const to = x(arrow.to);
  const offset = formatOffset(arrow.at - startedAt);
  const title = [`${offset}  ${arrow.who}  ${arrow.what}`, ...arrow.details].join('\n');
  const parts = [element('title', {}, text(title)), element('text', { x: 4, y: px(y + 4), class: 'time' }, text(offset))];
  if (from === to) {
    // A step at one lane only (e.g. a refusal before the visitor had a place): a dot, the words beside it.
    parts.push(element('circle', { cx: px(from), cy: px(y), r: 4 }));
    parts.push(element('text', { x: px(from + 8), y: px(y - 6), class: 'what start' }, text(arrow.what)));
  } else {
    const direction = Math.sign(to - from);
    parts.push(element('line', { x1: px(from), y1: px(y), x2: px(to - direction * HEAD), y2: px(y), class: arrow.dashed ? 'dashed' : undefined }));
    parts.push(element('path', { d: `M${px(to)} ${px(y)}l${px(-direction * HEAD * 1.6)} ${px(-HEAD * 0.8)}v${px(HEAD * 1.6)}z`, class: 'head' }));
    if (arrow.via !== undefined && arrow.via !== arrow.from && arrow.via !== arrow.to) parts.push(element('circle', { cx: px(x(arrow.via)), cy: px(y), r: 2.5 }));
    parts.push(element('text', { x: px((from + to) / 2), y: px(y - 6), class: 'what' }, text(arrow.what)));
  }
  return element('a', { href: `#${arrow.id}`, class: `step tone-${arrow.tone}` }, parts.join(''));
}
