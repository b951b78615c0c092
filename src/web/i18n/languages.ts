/**
 * Which catalogue the page speaks: `?lang=` first (for testing, or a person who wants another),
 * then the browser's preferred languages in order, then English.
 */
export const LANGUAGES = ['en', 'pt-BR', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export const FALLBACK_LANGUAGE: Language = 'en';

/** The catalogue for one BCP 47 tag, if there is one: any Portuguese gets Brazil's, any Spanish gets "es". */
export function matchLanguage(tag: string): Language | undefined {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'pt') return 'pt-BR';
  if (primary === 'es') return 'es';
  if (primary === 'en') return 'en';
  return undefined;
}

export function chooseLanguage(requested: string | null | undefined, preferred: readonly string[]): Language {
  for (const tag of [requested ?? '', ...preferred]) {
    const language = tag ? matchLanguage(tag) : undefined;
    if (language) return language;
  }
  return FALLBACK_LANGUAGE;
}
