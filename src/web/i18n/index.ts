/**
 * The page's language, chosen once when the page loads, and its catalogue: every sentence the
 * page shows comes from `t`. To add a sentence, add it to en.ts; TypeScript then asks for it in
 * pt-BR.ts and es.ts (test/unit/i18n.test.ts checks the same at run time, and
 * test/unit/page-strings.test.ts fails on a sentence written into the page outside a catalogue).
 */
import { CATALOGUES } from './catalogues.js';
import type { Catalogue } from './en.js';
import { chooseLanguage, type Language } from './languages.js';

// Outside a browser (unit tests importing a page module) there is no location or navigator: English.
const requested = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('lang');
const preferred = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);

export const language: Language = chooseLanguage(requested, preferred);
export const t: Catalogue = CATALOGUES[language];
