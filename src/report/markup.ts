/**
 * The few pieces of markup the report is built from. Everything that comes from a log (names,
 * user agents, SDP summaries, messages) goes through `text`: the report shows a log, it never
 * runs it. escape-html (express's own escaper) covers & < > " ', so the same function is safe
 * in element content and in quoted attribute values.
 */
import escapeHtml from 'escape-html';

export const text = (value: string | number): string => escapeHtml(String(value));

/** `tag` with attributes (values escaped; undefined left out) around already-built content. */
export function element(tag: string, attributes: Record<string, string | number | undefined>, content = ''): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${text(value)}"`)
    .join('');
  return `<${tag}${attrs}>${content}</${tag}>`;
}

/** Coordinates with at most one decimal: enough on any screen, and a 10-minute chart stays small. */
export const px = (n: number): string => String(Math.round(n * 10) / 10);

/** "+0.534 s", "+12.5 s", "+3m 07.2s": time since the call's first event, as the ladder and charts show it. */
export function formatOffset(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 10) return `+${seconds.toFixed(3)} s`;
  if (seconds < 60) return `+${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `+${minutes}m ${(seconds - minutes * 60).toFixed(1).padStart(4, '0')}s`;
}

/** Axis ticks at 1, 2 or 5 × 10^n, about `count` of them from 0 to at least `max`. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let tick = 0; tick < max + step / 2; tick += step) ticks.push(Number(tick.toPrecision(12)));
  if ((ticks.at(-1) ?? 0) < max) ticks.push(Number((ticks.length * step).toPrecision(12)));
  return ticks;
}
