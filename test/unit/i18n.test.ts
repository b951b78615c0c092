import { describe, expect, it } from 'vitest';
import { DIAGNOSIS_CAUSES, REJECT_REASONS } from '../../src/shared/protocol.js';
import { CATALOGUES } from '../../src/web/i18n/catalogues.js';
import { en, type Catalogue } from '../../src/web/i18n/en.js';
import { formatters } from '../../src/web/i18n/format.js';
import { chooseLanguage, LANGUAGES } from '../../src/web/i18n/languages.js';

/** Every leaf of a catalogue by its path ("status.waiting"), with what kind of value it is. */
function leaves(value: unknown, path = ''): Map<string, string> {
  const found = new Map<string, string>();
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) for (const [p, kind] of leaves(child, path ? `${path}.${key}` : key)) found.set(p, kind);
  } else found.set(path, Array.isArray(value) ? 'rich text' : typeof value);
  return found;
}

/** What a catalogue has that English lacks and the other way round: both empty when they match. */
function keyDifferences(catalogue: unknown): { missing: string[]; extra: string[]; wrongKind: string[] } {
  const reference = leaves(en);
  const mine = leaves(catalogue);
  return {
    missing: [...reference.keys()].filter((key) => !mine.has(key)),
    extra: [...mine.keys()].filter((key) => !reference.has(key)),
    wrongKind: [...reference].filter(([key, kind]) => mine.has(key) && mine.get(key) !== kind).map(([key]) => key),
  };
}

/** Every sentence a catalogue can produce, with sample arguments for its functions. */
function sentences(catalogue: Catalogue): string[] {
  const plain = [...leaves(catalogue)].flatMap(([path]) => {
    const value = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], catalogue);
    if (typeof value === 'string') return [value];
    if (Array.isArray(value)) return [value.map((part: string | { strong: string }) => (typeof part === 'string' ? part : part.strong)).join('')];
    return [];
  });
  const { status, problem, camera } = catalogue;
  return [
    ...plain,
    status.inCall(1),
    status.inCall(3),
    status.ended('the host ended the call'),
    problem.unreadableReply('ok: invalid'),
    problem.negotiationFailed('x'),
    problem.offerFailed('x'),
    problem.sendCameraFailed('x'),
    problem.switchCameraFailed('x'),
    camera.failed('AbortError'),
    ...REJECT_REASONS.map((reason) => problem.rejected(reason, 'server words', 30)),
    ...DIAGNOSIS_CAUSES.map((cause) => problem.diagnosis(cause, "Can't reach the laptop directly: server words.")),
  ];
}

describe('the page catalogues', () => {
  it.each(LANGUAGES.filter((language) => language !== 'en'))('%s has exactly the English keys, each of the same kind', (language) => {
    expect(keyDifferences(CATALOGUES[language])).toEqual({ missing: [], extra: [], wrongKind: [] });
  });

  it('a catalogue that lacks a key, has one too many or has the wrong kind is caught', () => {
    const { waiting: _dropped, ...status } = en.status;
    const broken = { ...en, status: { ...status, inCall: 'In the call' }, extra: { hello: 'Hello' } };
    expect(keyDifferences(broken)).toEqual({ missing: ['status.waiting'], extra: ['extra.hello'], wrongKind: ['status.inCall'] });
    // TypeScript says the same before any test runs (npm run typecheck checks these lines).
    // @ts-expect-error a catalogue without status.waiting is not a Catalogue
    const missing: Catalogue = { ...en, status };
    // @ts-expect-error nor is one with a key English does not have
    const extra: Catalogue = { ...en, farewell: 'Bye' };
    expect([missing, extra]).toHaveLength(2);
  });

  it.each(LANGUAGES)('%s: every sentence, for every rejection and diagnosis, is written out', (language) => {
    for (const sentence of sentences(CATALOGUES[language])) {
      expect(sentence.trim(), sentence).not.toBe('');
      expect(sentence, sentence).not.toMatch(/undefined|NaN|\[object/);
    }
  });

  it.each(['pt-BR', 'es'] as const)('%s is a translation: none of its sentences is left in English', (language) => {
    // Words both languages took from English as they are ("Chat" is the word in pt-BR and es too).
    const loanwords = new Set(['Chat']);
    const english = new Set(sentences(en).filter((sentence) => !loanwords.has(sentence)));
    const same = sentences(CATALOGUES[language]).filter((sentence) => english.has(sentence));
    expect(same).toEqual([]);
  });

  it('English shows the server\'s own words for a rejection or diagnosis; the others word it from the code', () => {
    expect(en.problem.rejected('wrong-pin', 'wrong PIN; check it with the host and try again')).toBe('Wrong PIN; check it with the host and try again');
    expect(en.problem.diagnosis('checks-failed', "Can't reach the phone directly: a firewall.")).toBe("Can't reach the phone directly: a firewall.");
    expect(CATALOGUES['pt-BR'].problem.rejected('too-many-attempts', 'too many wrong PINs', 30)).toBe('Muitos PINs errados deste aparelho. Tente de novo em 30 segundos.');
    expect(CATALOGUES.es.problem.rejected('too-many-attempts', 'too many wrong PINs', 90)).toBe('Demasiados PIN incorrectos desde este dispositivo. Inténtalo de nuevo dentro de 2 minutos.');
    expect(CATALOGUES['pt-BR'].problem.diagnosis('no-shared-network', 'server words')).toMatch(/^Não foi possível conectar diretamente .* redes diferentes/);
  });
});

describe('choosing the page language', () => {
  it('follows the browser\'s preferred languages in order, English when none is known', () => {
    expect(chooseLanguage(null, ['pt-BR', 'en-US'])).toBe('pt-BR');
    expect(chooseLanguage(null, ['de-DE', 'es-MX', 'en'])).toBe('es');
    expect(chooseLanguage(null, ['pt-PT'])).toBe('pt-BR');
    expect(chooseLanguage(null, ['pt'])).toBe('pt-BR');
    expect(chooseLanguage(null, ['es-419'])).toBe('es');
    expect(chooseLanguage(null, ['en-GB', 'pt-BR'])).toBe('en');
    expect(chooseLanguage(null, ['de', 'fr'])).toBe('en');
    expect(chooseLanguage(null, [])).toBe('en');
  });

  it('?lang= wins over the browser; an unknown one is ignored', () => {
    expect(chooseLanguage('es', ['pt-BR'])).toBe('es');
    expect(chooseLanguage('pt-br', ['en-US'])).toBe('pt-BR');
    expect(chooseLanguage('en', ['es'])).toBe('en');
    expect(chooseLanguage('xx', ['es'])).toBe('es');
    expect(chooseLanguage('', ['es'])).toBe('es');
  });
});

describe('numbers in the page language (Intl)', () => {
  it('plural forms and grouping come from Intl.PluralRules and Intl.NumberFormat', () => {
    const forms = { one: '# pessoa', other: '# pessoas' };
    expect(formatters('pt-BR').plural(1, forms)).toBe('1 pessoa');
    expect(formatters('pt-BR').plural(2, forms)).toBe('2 pessoas');
    expect(formatters('pt-BR').plural(1234, forms)).toBe('1.234 pessoas');
    expect(formatters('en').plural(1234, { one: '# person', other: '# people' })).toBe('1,234 people');
    expect(en.status.inCall(2)).toBe('In the call · 2 people');
    expect(CATALOGUES.es.status.inCall(1)).toBe('En la llamada · 1 persona');
    // The Chat button's name while messages wait unread.
    expect(en.chat.unread(1)).toBe('Chat, 1 unread');
    expect(CATALOGUES['pt-BR'].chat.unread(1)).toBe('Chat, 1 não lida');
    expect(CATALOGUES['pt-BR'].chat.unread(2)).toBe('Chat, 2 não lidas');
    expect(CATALOGUES.es.chat.unread(1000)).toBe('Chat, 1000 sin leer');
  });

  it('waits with Intl.RelativeTimeFormat, sizes with Intl.NumberFormat units', () => {
    expect(formatters('pt-BR').inSeconds(30)).toBe('em 30 segundos');
    expect(formatters('es').inSeconds(1)).toBe('dentro de 1 segundo');
    expect(formatters('en').inSeconds(600)).toBe('in 10 minutes');
    expect(formatters('en').size(512)).toBe('512 bytes');
    expect(formatters('pt-BR').size(1_500_000)).toBe('1,5 MB');
    expect(formatters('es').size(2_400)).toBe('2,4 kB');
    expect(formatters('en').size(250_000_000)).toBe('250 MB');
  });
});
