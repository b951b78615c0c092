/** The group-call scenario's rows of the bench table (see group-call.ts). */
import type { CallSetupResult } from './call-setup.js';
import type { GroupCallResult, MeshFigures } from './group-call.js';
import type { Row } from './report.js';

const ms = (value?: number) => (value === undefined ? '–' : `${Math.round(value)} ms`);
const mesh = (f?: MeshFigures) =>
  f ? `${Math.round(f.kbpsPerConnection ?? 0)} kb/s, ${f.sentHeight ?? '–'} lines; CPU ${Math.round(f.browserCpuPercentPerPage)}%/page` : '–';

/** `call`: our 1:1 call set-up of the same run, so the group's time travels as a ratio to it. */
export function groupCallRows(result?: GroupCallResult, call?: CallSetupResult): Row[] {
  if (!result) return [];
  const vsCall =
    result.p50Ms !== undefined && call?.p50Ms
      ? `p50 ${(result.p50Ms / call.p50Ms).toFixed(2)}× our 1:1 call set-up (${ms(call.p50Ms)}, same run)`
      : '';
  return [
    {
      scenario: 'Group call, 4 people (`--max-peers 4`)',
      measure: `4th page opens → all 4 decode 3 remote videos, p50 / p90 (${result.successes}/${result.runs})`,
      ours: `${ms(result.p50Ms)} / ${ms(result.p90Ms)}`,
      comparedWith: [vsCall, result.failures.length ? `failed: ${result.failures[0]}` : ''].filter(Boolean).join('; '),
      target: '',
    },
    ...result.mesh.map(({ people, capped, uncapped }) => ({
      scenario: 'Group call, 4 people (`--max-peers 4`)',
      measure: `${people} people: video sent per connection; browser CPU per page (% of a core)`,
      ours: mesh(capped),
      comparedWith: `without the page's caps: ${mesh(uncapped)}`,
      target: '',
    })),
  ];
}
